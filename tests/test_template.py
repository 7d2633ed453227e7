"""The template notebook (docs/template/NN_question.ipynb) is a working start for a new report:
copied into a notebooks folder under a numbered name and declared in a manifest, it builds into
a report that shows its table, sentence and key figure, and its parameter is checked by name."""

import re
import shutil

from tests.conftest import run_here
from videorace.pipeline import config

TEMPLATE = config.PROJECT_DIR / "docs" / "template" / "NN_question.ipynb"


def test_the_template_builds_into_a_new_report(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(TEMPLATE, notebooks / "90_makers.ipynb")
    manifest = tmp_path / "reports.toml"
    manifest.write_text('[notebooks.90_makers]\nreads = ["models", "organizations", "sources"]\n\n'
                        '[[report]]\nnotebook = "90_makers"\nset = "default"\ntitle = "Makers"\n\n'
                        '[[report]]\nnotebook = "90_makers"\nset = "cn"\ntitle = "Makers in China"\n'
                        'parameters = { countries = ["CN"] }\n')
    out = tmp_path / "out"
    result = run_here("build", "--notebooks", notebooks, "--manifest", manifest, "--out", out)
    assert result.returncode == 0, result.stderr
    every = (out / "90_makers.html").read_text(encoding="utf-8")
    china = (out / "90_makers__cn.html").read_text(encoding="utf-8")
    counts = [int(re.search(r"The selection holds (\d+) models?", html).group(1)) for html in (every, china)]
    assert counts[0] > counts[1] > 0  # the parameter narrowed the selection
    assert "models selected" in china and "Sources" in china
