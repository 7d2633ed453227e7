"""Checks for notebook parameters: each failure names the parameter and what is allowed.

A ``ParameterError`` renders in Jupyter as one line, without a traceback (IPython honours
``_render_traceback_``), and papermill reports it as the notebook's error.
"""

from __future__ import annotations

import ast
from datetime import date
from numbers import Real
from pathlib import Path
from typing import Iterable

import pandas as pd

from videorace.data.vocab import did_you_mean

from videorace.data.paths import PROJECT_DIR


class ParameterError(ValueError):
    def __init__(self, name: str, expected: str, found):
        self.name, self.expected, self.found = name, expected, found
        super().__init__(f"parameter {name}: expected {expected}, found {found!r}")

    def _render_traceback_(self):  # IPython: show this instead of a traceback
        return [f"ParameterError: {self}"]


class UndeclaredParameter(ParameterError):
    def __init__(self, name: str, declared: list[str]):
        hint = did_you_mean(name, declared)
        hint = f"{hint[:1].upper()}{hint[1:]} " if hint else ""
        ValueError.__init__(self, f"parameter {name}: this notebook declares no such parameter. "
                            f"{hint}It declares {', '.join(declared)}")
        self.name, self.expected, self.found = name, "a declared parameter", name


INJECTED = "# Parameters"  # the first line of the cell papermill injects after the parameters cell


def notebook_defaults(path: Path) -> dict:
    """The default parameters of the notebook at ``path``, read from its ``parameters`` cell
    without running it; {} when it has none. Raises ValueError, naming the file and what was
    expected, for a file that is not a notebook or a default that is not a literal."""
    return parameters_cell(path.read_text(encoding="utf-8"), path.name)


def parameters_cell(text: str, name: str) -> dict:
    """``notebook_defaults`` of a notebook's JSON ``text`` (``name`` says which in an error)."""
    import json

    try:
        nb = json.loads(text)
        cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        source = cells[0]["source"] if cells else ""
        tree = ast.parse(source if isinstance(source, str) else "".join(source))
    except (ValueError, KeyError, TypeError, SyntaxError) as err:
        raise ValueError(f"{name}: expected a notebook whose parameters cell is Python, "
                         f"found {type(err).__name__}: {err}") from None
    found = {}
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and node.value is not None:
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                raise ValueError(f"{name}: parameter {target.id}: expected a literal default "
                                 f"(a number, string, list...), found {ast.unparse(node.value)}"
                                 ) from None
    return found


def published_parameters(session: str | None) -> list[str] | None:
    """The parameters the published notebook (``notebooks/<name>.ipynb`` of the checkout) declares,
    for the notebook JupyterLab has open (``__session__``, its path: a copy in ``lab/`` that
    ``make lab`` made, or the notebook itself); None outside Lab or without that notebook."""
    if not session:
        return None
    path = PROJECT_DIR / "notebooks" / f"{Path(session).stem}.ipynb"
    try:
        return list(notebook_defaults(path)) if path.is_file() else None
    except ValueError:
        return None


def declared_only(namespace: dict) -> None:
    """Stop on a parameter the notebook does not declare. Papermill runs the values it was given
    as a cell of plain assignments (first line ``# Parameters``) right after the parameters cell;
    called first thing in the cell after that, this reads the cell run just before (IPython's
    ``In``) and, only if it is papermill's cell or the annotated parameters cell itself, refuses
    any name the notebook does not declare, naming the closest one. Under papermill the
    declared names are the parameters cell's (``__annotations__``); in JupyterLab they are the
    published notebook's (``published_parameters``), so that an annotated typo typed into the
    parameters cell (``comparater: str = "western"``) is refused like a plain one, instead of
    declaring itself. Any other cell run before (JupyterLab: re-running the setup cell after a
    later cell) is not a list of parameters and is not checked."""
    history = namespace.get("In") or []
    declared = published_parameters(namespace.get("__session__")) \
        or list(namespace.get("__annotations__", {}))
    if len(history) < 2 or not declared:
        return
    try:
        previous = ast.parse(history[-2])
    except SyntaxError:
        return
    parameters_cell = any(isinstance(node, ast.AnnAssign) for node in previous.body)
    if not (history[-2].lstrip().startswith(INJECTED) or parameters_cell):
        return
    for node in previous.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in declared:
                raise UndeclaredParameter(target.id, declared)


def number(name: str, value, low: float | None = None, high: float | None = None,
           integer: bool = False) -> float:
    """``value`` if it is a number (a whole one if ``integer``) within [low, high]."""
    kind = "a whole number" if integer else "a number"
    bounds = (f" between {low:g} and {high:g}" if low is not None and high is not None else
              f" >= {low:g}" if low is not None else f" <= {high:g}" if high is not None else "")
    ok = isinstance(value, Real) and not isinstance(value, bool) and value == value
    if ok and integer:
        ok = float(value).is_integer()
    if ok and low is not None:
        ok = value >= low
    if ok and high is not None:
        ok = value <= high
    if not ok:
        raise ParameterError(name, kind + bounds, value)
    return int(value) if integer else float(value)


def optional_number(name: str, value, low: float, high: float) -> float:
    """0 (unset: the data's own value applies) or a number within [low, high]."""
    if isinstance(value, Real) and not isinstance(value, bool) and value == 0:
        return 0.0
    try:
        return number(name, value, low, high)
    except ParameterError:
        raise ParameterError(name, f"0 (use the data) or a number between {low:g} and {high:g}",
                             value) from None


def choice(name: str, value, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(name, "one of " + ", ".join(map(str, allowed)), value)
    return value


def flag(name: str, value) -> bool:
    """``value`` if it is True or False (papermill -p passes these as booleans)."""
    if not isinstance(value, bool):
        raise ParameterError(name, "True or False", value)
    return value


def choices(name: str, values, allowed: Iterable[str]) -> list[str]:
    """A list of names, each from ``allowed``; an empty list means all of them. A string of
    comma-separated names is accepted too, since ``papermill -p`` passes lists as strings."""
    allowed = list(allowed)
    if isinstance(values, str):
        values = [v.strip(" '\"") for v in values.strip("[] ").split(",") if v.strip(" '\"")]
    if not isinstance(values, (list, tuple)):
        raise ParameterError(name, "a list of names from " + ", ".join(allowed), values)
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise ParameterError(name, "names from " + ", ".join(allowed), wrong[0])
    return list(values) or allowed


def aspect(name: str, value) -> tuple[int, int]:
    """An aspect ratio written 'W:H' with whole numbers, e.g. '16:9'."""
    try:
        w, h = (int(part) for part in str(value).split(":"))
        if w > 0 and h > 0 and isinstance(value, str):
            return w, h
    except ValueError:
        pass
    raise ParameterError(name, "an aspect ratio 'W:H' such as '16:9'", value)


def iso_date(name: str, value) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ParameterError(name, "a date as 'YYYY-MM-DD'", value)


def end_date(name: str, value, latest=None) -> date:
    """A last day as 'YYYY-MM-DD'. With ``latest`` given (the last date in the data the notebook
    reads), the word 'latest' too, so a report over the whole period grows with the data."""
    if value == "latest" and latest is not None:
        return pd.Timestamp(latest).date()
    try:
        return iso_date(name, value)
    except ParameterError:
        if latest is None:
            raise
        raise ParameterError(name, "a date as 'YYYY-MM-DD' or 'latest'", value) from None


def date_window(start_name: str, start, end_name: str, end, latest=None) -> tuple[date, date]:
    """Two dates in order; the end may be 'latest' when ``latest`` is given (``end_date``)."""
    first, last = iso_date(start_name, start), end_date(end_name, end, latest)
    if first > last:
        raise ParameterError(end_name, f"a date on or after {start_name} ({first})", end)
    return first, last
