"""Licences, citation and release history: a reader can tell under which terms
the code and the data may be reused, how to cite the version they used, and what each version held.
The version is stated in one place (videorace.__version__) and every other file must agree."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml

import videorace
from videorace.data import datapackage

ROOT = Path(__file__).resolve().parents[1]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def releases() -> list[tuple[str, str]]:
    return RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))


def test_code_and_data_each_have_a_licence():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (ROOT / "data" / "LICENSE.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in data and "source_id" in data


def test_data_package_names_the_data_licence_and_version():
    committed = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in committed["licenses"]] == ["CC-BY-4.0"]
    assert committed["licenses"][0]["path"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert committed["version"] == videorace.__version__


def test_citation_file_is_valid_cff_for_this_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version", "date-released"):
        assert cff.get(key), f"CITATION.cff lacks {key}"
    assert cff["version"] == videorace.__version__
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    assert str(cff["date-released"]) == releases()[0][1], "CITATION.cff's date is not the newest release's"


def test_changelog_lists_released_versions_newest_first_ending_at_this_version():
    found = releases()
    assert len(found) >= 2
    versions = [tuple(map(int, v.split("."))) for v, _ in found]
    dates = [d for _, d in found]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert dates == sorted(dates, reverse=True)
    assert found[0][0] == videorace.__version__


def test_package_metadata_takes_its_version_from_the_package():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in meta["project"].get("dynamic", []), "pyproject.toml states a second version"
    assert meta["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "videorace.__version__"}
    assert "MIT" in meta["project"]["license"]["text"]
    assert datapackage.build()["version"] == videorace.__version__
