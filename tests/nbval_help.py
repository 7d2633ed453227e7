"""A pytest plugin (``-p tests.nbval_help`` in pyproject.toml, so it also serves ``pytest
notebooks/``): when nbval finds a cell whose output changed, the failure says which side is the
committed baseline and which the new output, and that ``make refresh`` is the way to accept an
intended change."""

from __future__ import annotations

import pytest

from videorace.data.paths import PROJECT_DIR

NBVAL_HELP = """This cell's output differs from the one committed in {nb}.
  reference_output (lines marked "+" in the diff above) is the committed baseline, from the notebook
  test_output (lines marked "-") is the new output, from the current code and the data in {data}
If the change is intended (you corrected or added data, or changed an analysis): run `make refresh`
to re-execute the notebooks, review what moved (`git diff notebooks/`, shown cell by cell by nbdime;
after `make reports`, reports/CHANGES.md lists each key figure and data row that changed), then
commit the notebooks with the data. If it is not intended, it is a regression: find what changed."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """nbval's failures say which side is the baseline and how to accept an intended change."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and type(item).__name__ == "IPyNbCell":
        from videorace.data.paths import data_dir
        nb = item.path.relative_to(PROJECT_DIR) if item.path.is_relative_to(
            PROJECT_DIR) else item.path
        report.sections.append(("nbval: baseline and how to update it",
                                NBVAL_HELP.format(nb=nb, data=data_dir())))
