"""Which rows of the data changed between two builds, by each table's primary key.

A successful build keeps a copy of the data it was built from in ``<out>/.build-data/`` (the
schema's tables, a few hundred kilobytes); the next build compares each changed table with that
copy: rows added and removed, by key, and for a row kept, each column whose cell changed, old -> new.
Cells are compared by value: ``200`` -> ``300`` is a change, ``1200000`` -> ``1200000.0`` (the same
number written another way) is not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from videorace.data.schema import TABLES
from videorace.pipeline.state import TMP_PREFIX

SNAPSHOT_DIR = ".build-data"
#: rows listed per table and kind (added, removed, changed) before "and N more"
LIMIT = 25


def _read(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _keyed(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[str, dict]:
    """Each row by its key, written as the key's values joined by ' / '."""
    if not all(k in frame.columns for k in key):
        return {}
    return {" / ".join(row[k] or "-" for k in key): row for row in frame.to_dict("records")}


def table_changes(old: pd.DataFrame | None, new: pd.DataFrame | None,
                  key: tuple[str, ...]) -> dict:
    """``added`` and ``removed`` keys and ``changed`` [key, column, old, new] cells of one table."""
    before = _keyed(old, key) if old is not None else {}
    after = _keyed(new, key) if new is not None else {}
    changed = []
    for k in (k for k in after if k in before):
        columns = list(after[k]) + [c for c in before[k] if c not in after[k]]
        changed += [[k, c, before[k].get(c), after[k].get(c)] for c in columns
                    if not same_cell(before[k].get(c), after[k].get(c))]
    return {"added": [k for k in after if k not in before],
            "removed": [k for k in before if k not in after], "changed": changed}


def same_cell(old: str | None, new: str | None) -> bool:
    """Whether two spellings of a cell hold the same value: the same text, or the same number
    written another way (``1200000`` and ``1200000.0``, ``1.5e6``), which a spreadsheet's save
    can produce without anyone changing the figure."""
    if old == new:
        return True
    if old is None or new is None:
        return False
    try:
        return float(old) == float(new)
    except ValueError:
        return False


def row_changes(old_dir: Path, new_dir: Path, files: list[str]) -> dict[str, dict] | None:
    """``data/<file>`` -> its row changes (``table_changes``, and ``key``: the key's columns), for
    each changed file of the schema's tables; None when the previous build kept no copy of its
    data."""
    if not old_dir.is_dir():
        return None
    by_file = {f"data/{t.filename}": t for t in TABLES.values()}
    out = {}
    for name in files:
        table = by_file.get(name)
        if table is not None:
            out[name] = {"key": " / ".join(table.primary_key),
                         **table_changes(_read(old_dir / table.filename),
                                         _read(new_dir / table.filename), table.primary_key)}
    return out


def snapshot(data_dir: Path, out: Path) -> None:
    """Keep a copy of the schema's tables as this build read them, replacing the previous copy
    whole (written beside it first, then renamed)."""
    target, tmp = out / SNAPSHOT_DIR, out / f"{TMP_PREFIX}{SNAPSHOT_DIR}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for table in TABLES.values():
        if (data_dir / table.filename).is_file():
            shutil.copyfile(data_dir / table.filename, tmp / table.filename)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def items(changes: dict) -> list[tuple]:
    """The row changes of one table as tuples, at most ``LIMIT`` of each kind: ("added", key),
    ("removed", key), ("changed", key, column, old, new) and ("more", how many) after a cut."""
    out = []

    def capped(kind, entries):
        out.extend((kind, *e) if isinstance(e, list) else (kind, e) for e in entries[:LIMIT])
        if len(entries) > LIMIT:
            out.append(("more", len(entries) - LIMIT))

    capped("added", changes["added"])
    capped("removed", changes["removed"])
    capped("changed", [[k, c, _cell(old), _cell(new)] for k, c, old, new in changes["changed"]])
    return out


def lines(changes: dict, code=lambda s: s, text=lambda s: s) -> list[str]:
    """One line per added, removed or changed row (``items``); keys set as ``code(key)``, columns
    and cells as ``text(...)``."""
    said = {"added": lambda k: f"added {code(k)}", "removed": lambda k: f"removed {code(k)}",
            "more": lambda n: f"… and {n} more",
            "changed": lambda k, c, old, new: f"{code(k)}: {text(c)}: {text(old)} → {text(new)}"}
    return [said[kind](*rest) for kind, *rest in items(changes)]


def _cell(value) -> str:
    return "(no column)" if value is None else "(empty)" if value == "" else value
