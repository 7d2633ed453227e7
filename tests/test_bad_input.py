"""Bad input, table-driven: each case plants one defect in a copy of the data (or passes one bad
parameter) and checks the message names where, the exit is non-zero, there is no traceback, and
the published reports are unchanged."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_here
from videorace.pipeline import cli


# --- ways to break a copy of the data; each returns (file, line, column) the message must name --

def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, rows) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(file, key, column, value, where=0):
    """Set ``column`` of the row whose column ``where`` (a number, default the first, or a
    name) is ``key``."""
    def plant(d: Path):
        rows = _rows(d / file)
        col = rows[0].index(column)
        at = rows[0].index(where) if isinstance(where, str) else where
        for i, row in enumerate(rows[1:], start=2):
            if row[at] == key:
                row[col] = value
                _write(d / file, rows)
                return file, i, column
        raise AssertionError(f"no row {key} in {file}")
    return plant


def rename_column(file, old, new):
    def plant(d: Path):
        rows = _rows(d / file)
        rows[0][rows[0].index(old)] = new
        _write(d / file, rows)
        return file, 1, old
    return plant


def drop_column(file, column):
    def plant(d: Path):
        rows = _rows(d / file)
        i = rows[0].index(column)
        _write(d / file, [r[:i] + r[i + 1:] for r in rows])
        return file, 1, column
    return plant


def add_column(file, column):
    def plant(d: Path):
        rows = _rows(d / file)
        _write(d / file, [rows[0] + [column]] + [r + ["x"] for r in rows[1:]])
        return file, 1, column
    return plant


def duplicate_row(file, index=1):
    def plant(d: Path):
        rows = _rows(d / file)
        rows.append(list(rows[index]))
        _write(d / file, rows)
        return file, len(rows), None
    return plant


def append_text(file, text, column):
    def plant(d: Path):
        path = d / file
        lines = path.read_text(encoding="utf-8").count("\n")
        with open(path, "a", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return file, lines + 1, column
    return plant


def raw_bytes(file, data: bytes, line, column):
    def plant(d: Path):
        (d / file).write_bytes(data)
        return file, line, column
    return plant


def latin1_bytes(file, word: bytes, replacement: bytes):
    """Replace the first ``word`` with bytes that are not UTF-8 (say, Latin-1 'u-umlaut')."""
    def plant(d: Path):
        data = (d / file).read_bytes()
        at = data.index(word)
        (d / file).write_bytes(data[:at] + replacement + data[at + len(word):])
        return file, data.count(b"\n", 0, at) + 1, "encoding"
    return plant


def remove_file(file):
    def plant(d: Path):
        (d / file).unlink()
        return file, None, "file"
    return plant


DATA_CASES = {
    "missing column": (drop_column("gpus.csv", "confidence"), "this column in the header"),
    "extra column": (add_column("gpus.csv", "vendor"), "only the columns"),
    "renamed column": (rename_column("models.csv", "org_id", "organisation"), "no such column"),
    "duplicate id": (duplicate_row("gpus.csv"), "a unique key (already on line 2)"),
    "unknown source_id": (set_cell("gpus.csv", "h100", "source_id", "no_such_source"),
                          "an id listed in sources.csv"),
    "unknown org_id": (set_cell("models.csv", "kling", "org_id", "kuaishou_typo"),
                       "an id listed in organizations.csv"),
    "unknown investor": (set_cell("round_investors.csv", "r_aisphere_2024_03", "investor_id",
                                  "fortune"), "an id listed in organizations.csv"),
    "malformed date": (set_cell("model_events.csv", "ev_kling_beta_mittr", "happened_on",
                                "2024-6-6"), "a date as YYYY-MM-DD"),
    "impossible date": (set_cell("model_events.csv", "ev_kling_beta_mittr", "happened_on",
                                 "2024-02-30"), "exists on the calendar"),
    "precision outside the list": (set_cell("model_events.csv", "ev_kling_beta_mittr", "precision",
                                            "week"), "one of day, month, quarter, year"),
    "month date not on the 1st": (set_cell("model_events.csv", "ev_kling_launch_a3", "happened_on",
                                           "2024-06-15"), "first day of the month"),
    "relative date disagrees": (set_cell("model_events.csv", "ev_vidu_global_a3", "happened_on",
                                         "2024-07-31"), "what 'on Tuesday' resolves to"),
    "low > high": (set_cell("metrics.csv", "m_citic_clip_s", "value_high", "5"),
                   "a value >= value_low"),
    "negative count": (set_cell("metrics.csv", "m_kling_users_0903", "value_low", "-5"),
                       "a number >= 0"),
    "unknown currency": (set_cell("funding_rounds.csv", "r_aisphere_2024_03", "currency", "RMB"),
                         "one of CNY, USD"),
    "formula-like cell": (set_cell("models.csv", "kimi", "name", '=HYPERLINK("http://x","y")'),
                          "not a spreadsheet formula"),
    "html in a text field": (set_cell("models.csv", "kimi", "note", "<script>alert(1)</script>"),
                             "without HTML markup"),
    "quoted newline": (set_cell("models.csv", "kimi", "note", "line one\nline two"),
                       "on a single line"),
    "truncated row": (append_text("gpus.csv", "b200,NVIDIA B200\n", "row"),
                      "6 fields as in the header"),
    "unclosed quote": (append_text("gpus.csv", 'b200,"NVIDIA B200,2250,dit_notes,low,\n', "row"),
                       "well-formed CSV"),
    "non-UTF-8 bytes": (latin1_bytes("models.csv", b"Vidu,", b"Vid\xfc,"), "UTF-8 text"),
    "empty file": (raw_bytes("claims.csv", b"", 1, "header"), "an empty file"),
    "missing file": (remove_file("gpus.csv"), "no such file"),
    "amount given as text": (set_cell("funding_rounds.csv", "r_aisphere_2024_03", "amount_low",
                                      "100m"), "a number"),
    "undisclosed round with an amount": (set_cell("funding_rounds.csv", "r_zhipu_2024_07",
                                                  "amount_low", "5"), "unless amount_qualifier"),
    "currency without an amount": (set_cell("funding_rounds.csv", "r_zhipu_2024_07", "currency",
                                            "CNY"), "a currency code exactly when amount_low"),
    "valuation without its currency": (set_cell("funding_rounds.csv", "r_pika_2024_06",
                                                "valuation_currency", ""),
                                       "a currency code exactly when valuation_low"),
    "unknown round status": (set_cell("funding_rounds.csv", "r_pika_2024_06", "status", "talks"),
                             "one of closed, reported_talks"),
    "listing price without currency": (set_cell("listings.csv", "l_zhipu_hkex_2026",
                                                "price_currency", ""),
                                       "a currency code exactly when offer_price_low"),
}


def location(d: Path, file: str, line, column) -> str:
    where = f"{file}:{line}" if line else file
    return f"{where}: {column}:" if column else f"{where}:"


STUBS = Path(__file__).parent / "stubs"
STUB_BUILD = ["--notebooks", str(STUBS / "notebooks"), "--manifest", str(STUBS / "reports.toml")]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Reports published once from the good data (stub notebooks: bad data stops the build before
    any notebook runs, so which notebooks does not matter); every case checks they stay
    byte-identical."""
    out = tmp_path_factory.mktemp("reports")
    assert cli.main(["build", "--out", str(out), "-j", "1", *STUB_BUILD]) == 0
    return out


def snapshot(out: Path) -> dict[str, str]:
    """The published files (reports and index), not the build's own bookkeeping (dot files)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_bad_data(case, data_copy, published, capsys):
    plant, expected = DATA_CASES[case]
    file, line, column = plant(data_copy)

    code = cli.main(["validate", str(data_copy)])  # in-process: a subprocess per case costs ~1 s
    result = capsys.readouterr()
    output = result.out + result.err
    assert code == 1, output
    assert "Traceback" not in output
    located = [ln for ln in result.out.splitlines() if f"{file}:" in ln and expected in ln]
    assert located, f"no message with {expected!r} for {file}:\n{output}"
    want = location(data_copy, file, line, column)
    assert any(want in ln for ln in located), f"expected {want!r} in:\n" + "\n".join(located)

    before = snapshot(published)
    assert cli.main(["build", "--data", str(data_copy), "--out", str(published), *STUB_BUILD]) == 1
    err = capsys.readouterr().err
    assert expected in err and "no report changed" in err
    reports = lambda files: {k: v for k, v in files.items() if k != "index.html"}
    assert reports(snapshot(published)) == reports(before)  # the index says the build stopped
    assert "The latest build stopped" in (published / "index.html").read_text(encoding="utf-8")


def test_clean_data_validates(capsys):
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all tables valid" in result.stdout


def test_missing_data_directory_is_one_line():
    result = run_cli("validate", "/nonexistent/data")
    assert result.returncode == 1
    assert "expected a data directory" in result.stderr and "Traceback" not in result.stderr


# --- bad parameters: each refused by the notebook's own validation cell (in-process), and one
# through the build as a scheduled run would meet it --------------------------------------------

PARAM_CASES = {
    "unknown architecture": ("04_token_cost", 'architecture = "sora"',
                             "parameter architecture: expected one of citic, cogvideox_2b"),
    "wrong type": ("04_token_cost", 'fps = "fast"',
                   "parameter fps: expected a number between 1 and 240, found 'fast'"),
    "out of range": ("04_token_cost", "utilisation = 1.5",
                     "parameter utilisation: expected a number between 0.01 and 1, found 1.5"),
    "unknown gpu": ("04_token_cost", 'gpu = "b200"', "parameter gpu: expected one of"),
    "window reversed": ("02_release_timeline", 'window_start = "2024-12-01", window_end = "2024-01-01"',
                        "parameter window_end: expected a date on or after window_start"),
    "bad aspect ratio": ("03_clip_length_resolution", 'aspect_ratio = "wide"',
                         "parameter aspect_ratio: expected an aspect ratio 'W:H'"),
    "not a whole number": ("05_market_and_predictions", "lag_threshold_days = 1.5",
                           "parameter lag_threshold_days: expected a whole number"),
    "negative factor": ("01_funding", "over_factor = -1",
                        "parameter over_factor: expected a number between 1 and 10, found -1"),
}


@pytest.mark.parametrize("case", sorted(PARAM_CASES))
def test_bad_parameter(case, monkeypatch):
    """The notebook, run in-process with the bad value, stops in its validation cell with the
    message that names the parameter (and nothing after that cell runs)."""
    from tests.notebook_run import run
    from videorace.analysis.params import ParameterError

    notebook, assignment, expected = PARAM_CASES[case]
    values = {}
    exec(assignment.replace(", ", "\n"), {}, values)
    with pytest.raises(ParameterError) as err:
        run(notebook, monkeypatch, **values)
    assert expected in f"ParameterError: {err.value}"
    assert err.value._render_traceback_() == [f"ParameterError: {err.value}"]  # one line, no trace


def test_bad_parameter_through_the_build(published, tmp_path):
    """The wiring: the build reports the notebook's one-line message, exits 1, shows no traceback
    and leaves the published reports as they were."""
    notebook, assignment, expected = PARAM_CASES["window reversed"]
    manifest = tmp_path / "reports.toml"
    manifest.write_text(f'[[report]]\nnotebook = "{notebook}"\nset = "default"\ntitle = "t"\n'
                        f"parameters = {{ {assignment} }}\n")
    before = snapshot(published)
    result = run_here("build", "--manifest", manifest, "--only", notebook, "--out", published,
                      "-j", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    failed = [ln for ln in result.stderr.splitlines() if " FAILED " in ln]
    assert len(failed) == 1 and expected in failed[0], result.stderr
    reports = lambda files: {k: v for k, v in files.items() if k not in ("index.html", "CHANGES.md")}
    assert reports(snapshot(published)) == reports(before)  # the index marks the failure instead
    assert "ParameterError" in (published / "index.html").read_text(encoding="utf-8")
