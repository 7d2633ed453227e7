"""Where the funding notebook's parameters replace amounts in the data, so the report can say so:
a data cell means what the codebook says unless a parameter is set (issue #23, item 7)."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.funding import Reading


def overrides(rounds: pd.DataFrame, reading: Reading) -> list[tuple[str, str, float, float]]:
    """(round_id, column, the data's value, the parameter's) for each "several hundred million"
    amount a set parameter replaces with a different value."""
    several = rounds[rounds.amount_qualifier == "several hundred million"]
    out = []
    for column, value in (("amount_low", reading.several_low_cny),
                          ("amount_high", reading.several_high_cny)):
        out += [(rid, column, data, value) for rid, data in zip(several.round_id, several[column])
                if value and data != value]
    return out


def overrides_text(found: list[tuple[str, str, float, float]]) -> str:
    """What the report says when parameters replace amounts in the data (empty when none do)."""
    if not found:
        return ""
    each = "; ".join(f"{rid} {col}: {data / 1e6:,.0f} million in the data, "
                     f"{value / 1e6:,.0f} million by parameter" for rid, col, data, value in found)
    return (f"Parameters override the data for {len(found)} amount(s): {each}. Set "
            "several_low_cny and several_high_cny to 0 to use the data's amounts.")


def marked(table: pd.DataFrame, columns: list[str], found: list[tuple[str, str, float, float]],
           fmt) -> pd.DataFrame:
    """``table`` with each of ``columns`` (high ends) as text that says where a parameter, not the
    data, filled the cell: '150 (over_factor)' for an open-ended "over X" round's high, '(several_
    high_cny)' where ``found`` (``overrides``) replaced the amount. ``fmt`` writes the number; a
    missing value stays empty (shown as missing)."""
    several = {rid for rid, column, _, _ in found if column == "amount_high"}
    several_low = {rid for rid, column, _, _ in found if column == "amount_low"}
    out = table.copy()
    for column in columns:
        by = ["several_low_cny" if column.startswith("low") and rid in several_low else
              "several_high_cny" if column.startswith("high") and rid in several else
              "over_factor" if column.startswith("high") and open_ended else ""
              for rid, open_ended in zip(table.round_id, table.open_ended)]
        out[column] = ["" if pd.isna(v) else fmt(v) + (f" (set by {b})" if b else "")
                       for v, b in zip(table[column], by)]
    return out
