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
