"""The validated dataset as typed pandas DataFrames, for the notebooks and the analysis modules."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from videorace.data import paths
from videorace.data.schema import TABLES
from videorace.data.validate import Problem, content_hash, read_all  # noqa: F401 (re-exported)


class DataError(Exception):
    """The dataset has problems; ``problems`` lists each with its file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")


class UndeclaredTable(KeyError):
    def __str__(self) -> str:
        return self.args[0]


class Dataset(dict):
    """Tables by name, also reachable as attributes (``ds.funding_rounds``); ``ds.hash`` and
    ``ds.directory`` say which copy of the data it is. Under a build, only the tables the notebook
    declared in reports.toml are handed out."""

    allowed: tuple[str, ...] | None = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        if self.allowed is not None and name in TABLES and name not in self.allowed:
            raise UndeclaredTable(
                f"table {name!r} is read but not declared: add it to this notebook's reads in "
                "reports.toml so the build rebuilds the report when the table changes")
        return super().__getitem__(name)

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except UndeclaredTable:
            raise
        except KeyError:
            raise AttributeError(name) from None


def _typed(column: pd.Series, kind: str) -> pd.Series:
    if kind == "date":
        return pd.to_datetime(column.replace("", None), format="%Y-%m-%d")
    if kind == "int":
        return pd.to_numeric(column.replace("", None)).astype("Int64")
    if kind == "float":
        return pd.to_numeric(column.replace("", None)).astype("float64")
    if kind == "bool":
        return column.map({"true": True, "false": False}).astype("boolean")
    if kind in ("ref", "refs", "id", "enum", "enums", "country", "url"):
        return column.replace("", None).astype("object")
    return column.astype("object")


#: Datasets read by ``preload``, by directory: in a kernel zygote, so that every kernel forked
#: from it starts with the tables already read, checked and typed.
_PRELOADED: dict[Path, Dataset] = {}


def _read(directory: Path) -> Dataset:
    sheets, problems = read_all(Path(directory))
    if problems:
        raise DataError(problems)
    ds = Dataset()
    for name, sheet in sheets.items():
        frame = pd.DataFrame([row for _, row in sheet.records], columns=sheet.table.columns,
                             dtype="object").fillna("")
        for f in sheet.table.fields:
            frame[f.name] = _typed(frame[f.name], f.kind)
        ds[name] = frame
    ds.hash = content_hash(directory)
    return ds


def _preloaded(directory: Path) -> Dataset | None:
    """What ``preload`` read from ``directory``, if the files still have those bytes."""
    ready = _PRELOADED.get(directory.resolve())
    return ready if ready is not None and ready.hash == content_hash(directory) else None


def preload(data_dir: str | os.PathLike | None = None) -> None:
    """Read, check and type the data at ``data_dir`` now, for later ``load`` calls in this process
    and in processes forked from it: the build's kernel zygote calls it once, instead of each
    report's kernel doing the same work on the same files. ``load`` uses the copy only while the
    files still have the bytes it was read from, and a second call reads them again only if they
    have changed since. Data with problems is not kept: each ``load`` then reports them itself."""
    directory = paths.data_dir(data_dir)
    if _preloaded(directory) is not None:
        return
    try:
        _PRELOADED[directory.resolve()] = _read(directory)
    except (DataError, OSError):
        pass


def load(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Validate the data at ``data_dir`` (default: ``$VIDEORACE_DATA_DIR`` or ``data/``) and return
    every table typed: dates as datetime64, amounts as floats, counts as nullable integers.

    Raises ``DataError`` listing every problem when the data does not validate. Tables ``preload``
    read from the same bytes are handed out as fresh copies instead of being read again.
    """
    directory = paths.data_dir(data_dir)
    ready = _preloaded(directory)
    if ready is not None:
        ds = Dataset({name: frame.copy() for name, frame in ready.items()})
        ds.hash = ready.hash
    else:
        ds = _read(directory)
    ds.directory = Path(directory)
    reads = os.environ.get(paths.READS_ENV)
    if reads:
        ds.allowed = tuple(reads.split(","))
    return ds
