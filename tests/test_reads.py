"""reports.toml's ``reads`` say which tables each notebook reads: the build rebuilds a report only
when one of them changes and refuses any other. Checked against what each notebook really reads
(run in-process) and against any table in the docs that lists the reads (the README's said 05 did
not read ``benchmarks``, which its predictions' VBench evidence does)."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.notebook_run import run
from videorace.data import loading
from videorace.data.schema import TABLES
from videorace.pipeline import config
from videorace.pipeline.notebooks import notebook_names

DECLARED = {name: set(spec["reads"]) for name, spec in tomllib.loads(
    (config.PROJECT_DIR / "reports.toml").read_text(encoding="utf-8"))["notebooks"].items()}


@pytest.mark.parametrize("name", notebook_names())
def test_each_notebook_reads_what_reports_toml_declares(monkeypatch, name):
    read = set()
    get = loading.Dataset.__getitem__

    def recording(self, table):
        read.add(table)
        return get(self, table)

    monkeypatch.setattr(loading.Dataset, "__getitem__", recording)
    run(name, monkeypatch)
    assert read & set(TABLES) == DECLARED[name], f"{name}: reads {sorted(read & set(TABLES))}"


def documented_reads() -> list[tuple[str, str, set[str]]]:
    """(document, notebook, tables) for each row of a Markdown table with a 'reads' column."""
    found = []
    for doc in [config.PROJECT_DIR / "README.md", *sorted((config.PROJECT_DIR / "docs").glob("*.md"))]:
        column = None
        for line in doc.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
            if "reads" in cells:
                column = cells.index("reads")
            elif not cells:
                column = None
            elif column is not None and (m := re.fullmatch(r"`(\d\d_\w+)`", cells[0])):
                found.append((doc.name, m.group(1), set(re.findall(r"\w+", cells[column]))))
    return found


def test_documented_reads_match_reports_toml():
    for doc, notebook, tables in documented_reads():
        # the docs say once that every notebook reads sources.csv to list its sources
        assert tables | {"sources"} == DECLARED[notebook], f"{doc}: {notebook} lists {sorted(tables)}"
