"""One table style for every report: what a reader sees instead of a pandas frame.

A notebook names the columns to show and their headers (with units); this module writes each value
for a reader: thousands separators and no scientific notation (FLOPs excepted, as ``3.4 × 10¹⁶``),
no trailing ``.0``, booleans as words, dates at their precision, text escaped and never cut short.
The HTML comes from pandas' ``Styler`` without the index; the CSV beside it keeps the raw values.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from videorace.data import dates

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(value, digits: int = 4) -> str:
    """A number for a reader: ``digits`` significant digits, thousands separators, no exponent and
    no trailing zeros (``564,000,000``, ``180``, ``0.4567``, ``-1,234``)."""
    if value is None or value != value:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = np.format_float_positional(float(value), precision=digits, unique=False,
                                      fractional=False, trim="-")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}"
    frac = frac.rstrip("0")
    return sign + whole + ("." + frac if frac else "")


def flops(value) -> str:
    """Floating-point operations as ``3.4 × 10¹⁶`` (two significant digits)."""
    if value is None or value != value:
        return ""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = round(value / 10 ** exponent, 1)
    if abs(mantissa) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:g} × 10{str(exponent).translate(SUPERSCRIPT)}"


def percent(value, decimals: int = 0) -> str:
    """A share as a percentage with at most ``decimals`` decimals and no trailing zeros:
    ``0.25`` -> ``25%``, ``0.032`` -> ``3.2%`` (decimals=1), ``1.0`` -> ``100%``."""
    if value is None or value != value:
        return ""
    text = f"{value * 100:.{decimals}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def plain(value) -> str:
    """Any value as a reader should see it: words for booleans, numbers via ``number``, a day for
    a timestamp, text as it is; missing values blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    if isinstance(value, pd.Timestamp):
        return dates.as_text(value, "day")
    return str(value)


@dataclass
class Spec:
    """How to show a frame: ``columns`` maps each shown column to its header, in order;
    ``dates`` maps a date column to its precision column (or a fixed precision); ``ids`` maps a
    name column to the id printed under it in small type; ``formats`` overrides ``plain``;
    ``ranges`` maps a low column to its high column, shown together as 'low to high' (one value
    where both read the same).
    Numeric columns are right-aligned, dates kept on one line."""
    columns: dict[str, str]
    dates: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    formats: dict[str, Callable] = field(default_factory=dict)
    ranges: dict[str, str] = field(default_factory=dict)

    def check(self, frame: pd.DataFrame) -> None:
        headers = list(self.columns.values())
        repeated = sorted({h for h in headers if headers.count(h) > 1})
        if repeated:
            raise ValueError(f"table: the header {repeated[0]!r} is given to more than one column")
        wanted = [*self.columns, *self.ids.values(), *self.ranges.values(),
                  *(p for p in self.dates.values() if p in frame.columns)]
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            raise KeyError(f"table: no column {missing[0]!r}; the frame has "
                           + ", ".join(map(str, frame.columns)))


def _precision(row: pd.Series, how: str) -> str:
    return row[how] if how in row.index else how


def cells(frame: pd.DataFrame, spec: Spec) -> pd.DataFrame:
    """The shown table: one HTML-escaped string per cell, headers from ``spec.columns``."""
    spec.check(frame)
    out = {}
    for col, header in spec.columns.items():
        if col in spec.dates:
            texts = ["" if pd.isna(row[col]) else dates.as_text(row[col], _precision(row, spec.dates[col]))
                     for _, row in frame.iterrows()]
        else:
            fmt = spec.formats.get(col, plain)
            texts = ["" if _missing(v) else fmt(v) for v in frame[col]]
            if col in spec.ranges:
                highs = ["" if _missing(v) else fmt(v) for v in frame[spec.ranges[col]]]
                texts = [lo if lo == hi or not hi else f"{lo} to {hi}" for lo, hi in zip(texts, highs)]
        texts = [html.escape(t, quote=False) for t in texts]
        if col in spec.ids:
            texts = [f'{t}<br><small class="vr-id">{html.escape(str(i), quote=False)}</small>'
                     if not _missing(i) else t for t, i in zip(texts, frame[spec.ids[col]])]
        out[header] = texts
    return pd.DataFrame(out, index=range(len(frame)))


def _missing(v) -> bool:
    return v is None or (not isinstance(v, (str, list, tuple)) and bool(pd.isna(v)))


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def to_html(frame: pd.DataFrame, spec: Spec, table_id: str, caption: str = "") -> str:
    """The table as HTML: no index, headers with ``scope="col"``, numbers right-aligned, inside a
    frame that scrolls when the table is long or wide. ``table_id`` keeps the markup deterministic."""
    shown = cells(frame, spec)
    numeric = [h for c, h in spec.columns.items() if _is_numeric(frame[c]) and c not in spec.dates]
    classes = pd.DataFrame("", index=shown.index, columns=shown.columns)
    classes[numeric] = "num"
    classes[[spec.columns[c] for c in spec.dates]] = "date"
    styler = (Styler(shown, cell_ids=False).hide(axis="index").set_uuid(table_id).set_td_classes(classes)
              .set_table_attributes('class="vr-table"'))
    if caption:
        styler = styler.set_caption(html.escape(caption, quote=False))
    markup = styler.to_html(doctype_html=False).replace('<style type="text/css">\n</style>\n', "")
    markup = markup.replace('<th class="col_heading', '<th scope="col" class="col_heading')
    label = html.escape(caption or "table: " + ", ".join(list(spec.columns.values())[:3]), quote=True)
    # a frame that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
    return f'<div class="vr-table-wrap" tabindex="0" role="region" aria-label="{label}">{markup}</div>'


def to_csv(frame: pd.DataFrame, spec: Spec) -> str:
    """The data behind a table: the shown columns under their headers, values unformatted, with the
    id and precision columns the table uses."""
    extra = [c for c in [*spec.ids.values(), *spec.dates.values(), *spec.ranges.values()]
             if c in frame.columns and c not in spec.columns]
    raw = frame[[*spec.columns, *dict.fromkeys(extra)]]
    return raw.rename(columns=spec.columns).to_csv(index=False, date_format="%Y-%m-%d")
