"""data/datapackage.json: generated from the one schema, valid by the frictionless library's own
checks, and strict enough that frictionless itself catches a broken reference."""

from __future__ import annotations

import csv
import io
import json
import shutil

import frictionless
import pytest

from videorace.data import datapackage
from videorace.data.schema import TABLES
from videorace.pipeline import config

PACKAGE = config.DATA_DIR / "datapackage.json"


def test_committed_datapackage_matches_schema():
    assert PACKAGE.read_text(encoding="utf-8") == datapackage.render(), \
        "data/datapackage.json drifted from videorace/data/schema.py: run python -m videorace datapackage"


def test_every_table_and_column_is_described():
    package = json.loads(datapackage.render())
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLES)
    for name, table in TABLES.items():
        schema = resources[name]["schema"]
        assert [f["name"] for f in schema["fields"]] == list(table.columns)
        assert schema["primaryKey"] == list(table.primary_key)
    models = {f["name"]: f for f in resources["models"]["schema"]["fields"]}
    assert models["openness"]["constraints"]["pattern"].startswith("(closed_app|api|")
    assert {"fields": ["parent_model_id"], "reference": {"resource": "", "fields": ["model_id"]}} \
        in resources["models"]["schema"]["foreignKeys"]
    country = {f["name"]: f for f in resources["organizations"]["schema"]["fields"]}["country"]
    assert {"CN", "US", "IL", "GB"} <= set(country["constraints"]["enum"])
    value = {f["name"]: f for f in resources["benchmarks"]["schema"]["fields"]}["value"]
    assert value["type"] == "number" and value["unit"]


def _errors(report) -> list:
    return [e for task in report.tasks for e in task.errors] + list(report.errors)


def test_frictionless_validates_the_data():
    report = frictionless.validate(str(PACKAGE))
    assert report.valid, [e.message for e in _errors(report)][:10]


@pytest.fixture
def package_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target)
    return target


def _append(path, row: dict) -> None:
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([row.get(c, "") for c in header])
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def test_frictionless_reports_a_planted_foreign_key_error(package_copy):
    _append(package_copy / "model_events.csv", {
        "event_id": "ev_planted", "model_id": "no_such_model", "event": "launched",
        "happened_on": "2024-06-01", "precision": "month", "source_id": "a3_xinhua_video_ai",
        "confidence": "low"})
    report = frictionless.validate(str(package_copy / "datapackage.json"))
    assert not report.valid
    errors = _errors(report)
    assert any(e.type == "foreign-key" and "no_such_model" in e.message for e in errors), \
        [e.message for e in errors]


def test_frictionless_reports_an_openness_outside_the_list(package_copy):
    path = package_copy / "models.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kling_1_6,Kling 1.6,kuaishou,text_to_video,closed_app;api,",
        "kling_1_6,Kling 1.6,kuaishou,text_to_video,closed_app;free,"), encoding="utf-8")
    report = frictionless.validate(str(package_copy / "datapackage.json"))
    assert any(e.type == "constraint-error" and "closed_app;free" in e.message
               for e in _errors(report))
