"""``data/datapackage.json``: the schema (``videorace.data.schema``) as a Frictionless Data Package.

Written by ``python -m videorace datapackage``; a test checks the committed file against
``render()`` and has the ``frictionless`` library validate the data with it. Each column becomes a
Table Schema field with its type, unit, description and constraints (required, allowed values as
an enum, patterns for ids and ';'-lists, minimums); each table its primary key and foreign keys.
Empty cells are missing values, as in the CSV files.
"""

from __future__ import annotations

import json
import re

from videorace import __version__
from videorace.data.schema import PRECISIONS, TABLES, TEXT_LISTS, Field, Table

ID_PATTERN = "[a-z0-9][a-z0-9_]*"
TYPES = {"int": "integer", "float": "number", "date": "date", "bool": "boolean"}
DESCRIPTION = (
    "Sourced dataset on China's 2024 text-to-video race against OpenAI's Sora: models, dated "
    "events, capabilities, benchmark scores, funding, metrics and claims. Every row names a "
    "source_id in sources.csv. Dates are first days of periods, with a precision column ("
    + ", ".join(PRECISIONS) + "). Generated from videorace/data/schema.py; see README.md.")
# The compilation's licence (data/LICENSE.md); the code is MIT (LICENSE).
LICENSES = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
             "path": "https://creativecommons.org/licenses/by/4.0/"}]


def list_pattern(values) -> str:
    """A pattern for one or more of ``values`` separated by ';'."""
    one = "(" + "|".join(re.escape(v) for v in values) + ")"
    return f"{one}(;{one})*"


def constraints(f: Field) -> dict:
    """The Table Schema constraints of one column."""
    out: dict = {"required": f.required}
    if f.kind in ("enum", "country"):
        out["enum"] = list(f.allowed)
    elif f.kind == "enums":
        out["pattern"] = list_pattern(f.allowed)
    elif f.kind in ("id", "ref"):
        out["pattern"] = ID_PATTERN
    elif f.kind == "refs":
        out["pattern"] = f"{ID_PATTERN}(;{ID_PATTERN})*"
    elif f.kind == "url":
        out["pattern"] = r"https?://\S+"
    elif f.name in TEXT_LISTS:
        out["pattern"] = list_pattern(TEXT_LISTS[f.name])
    if f.minimum is not None:
        out["minimum"] = int(f.minimum) if f.kind == "int" else f.minimum
    return out


def field(f: Field) -> dict:
    """One Table Schema field descriptor."""
    out = {"name": f.name, "type": TYPES.get(f.kind, "string"), "description": f.description}
    if f.kind == "bool":
        out.update(trueValues=["true"], falseValues=["false"])
    if f.unit:
        out["unit"] = f.unit
    out["constraints"] = constraints(f)
    return out


def foreign_keys(table: Table) -> list[dict]:
    """A foreign key for each ref column naming a table keyed by one column (a ';'-list of refs
    cannot be one; the validator checks those). A table's own key column is skipped."""
    out = []
    for f in table.fields:
        if f.kind != "ref" or (f.ref == table.name and (f.name,) == table.primary_key):
            continue
        target = TABLES[f.ref].primary_key
        if len(target) == 1:
            out.append({"fields": [f.name], "reference": {
                "resource": "" if f.ref == table.name else f.ref, "fields": list(target)}})
    return out


def resource(table: Table) -> dict:
    """One tabular data resource: the CSV file and its schema."""
    schema = {"fields": [field(f) for f in table.fields], "primaryKey": list(table.primary_key),
              "foreignKeys": foreign_keys(table), "missingValues": [""]}
    return {"name": table.name, "path": table.filename, "profile": "tabular-data-resource",
            "title": table.name.replace("_", " ").capitalize(), "description": table.description,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def build() -> dict:
    """The whole data package descriptor."""
    return {"profile": "tabular-data-package", "name": "videorace",
            "title": "China's 2024 text-to-video race against Sora", "description": DESCRIPTION,
            "version": __version__, "licenses": LICENSES,
            "resources": [resource(t) for t in TABLES.values()]}


def render() -> str:
    """The descriptor as the committed file holds it: indented JSON with a final newline."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
