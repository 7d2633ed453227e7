"""Which side of the race a maker counts on (``vocab.CHINA``, ``vocab.WEST``, or neither), and the
makers a report should name because they count on neither side or their side was decided by a
note in organizations.csv (a maker whose country is contested, such as HPC-AI Tech)."""

from __future__ import annotations

import re

import pandas as pd

from videorace.data.vocab import CHINA, CHINA_SIDE, WEST, WEST_DEFINITION, WEST_SIDE

NEITHER = "neither side"
#: A note decides a maker's side when it says where the maker is counted ("Counted on China's
#: side: ...", "counted outside China, on neither side").
DECIDED = re.compile(r"\bcounted (on|outside|as|among)\b", re.IGNORECASE)
SIDES_TEXT = (f"**Sides.** China: makers whose country is {CHINA} in organizations.csv; "
              f"{WEST_DEFINITION}; makers elsewhere, or whose country is not in the data, count "
              "on neither side.")


def side(country) -> str:
    """China, the West or neither, for a maker's country code (missing: neither)."""
    if country == CHINA:
        return CHINA_SIDE
    return WEST_SIDE if country in WEST else NEITHER


def noted(ds, model_ids) -> pd.DataFrame:
    """The makers of ``model_ids`` a reader should be told about: those on neither side, and those
    whose side a note decides (``DECIDED``), with maker, country ('not in data' when missing),
    side and note, by maker name."""
    makers = ds.models[ds.models.model_id.isin(list(model_ids))].org_id.unique()
    orgs = ds.organizations[ds.organizations.org_id.isin(makers)]
    notes = orgs.note.fillna("") if "note" in orgs else pd.Series("", index=orgs.index)
    sides = orgs.country.map(side)
    keep = (sides == NEITHER) | notes.map(lambda n: bool(DECIDED.search(n)))
    out = pd.DataFrame({"org_id": orgs.org_id, "maker": orgs.name,
                        "country": orgs.country.fillna("not in data").replace("", "not in data"),
                        "side": sides, "note": notes})[keep]
    return out.sort_values("maker").reset_index(drop=True)
