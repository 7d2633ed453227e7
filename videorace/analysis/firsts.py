"""Which item came first when dates are periods, and the model family a first belongs to. Shared
by the release timeline and the catch-up (which imports the timeline), so it imports neither."""

from __future__ import annotations

import pandas as pd


def families(models: pd.DataFrame) -> pd.Series:
    """Each model's first ancestor through ``parent_model_id`` (Sora Turbo's is Sora), by model_id:
    a comparator named by one model covers its later versions."""
    parents = (models.set_index("model_id").parent_model_id if "parent_model_id" in models
               else pd.Series(dtype=object))
    roots = {}
    for model in models.model_id:
        seen, root = {model}, model
        while isinstance(parents.get(root), str) and parents.get(root) not in seen:
            root = parents[root]
            seen.add(root)
        roots[model] = root
    return pd.Series(roots, dtype=object)


def firsts(side_items: pd.DataFrame) -> pd.DataFrame:
    """The items that may have come first: the one whose date ends earliest, and every other whose
    date begins by then (their periods overlap, so which came first is undetermined). Earliest
    first; empty when there are no items."""
    if side_items.empty:
        return side_items
    ordered = side_items.sort_values(["end", "start"])
    return ordered[ordered.start <= ordered.end.iloc[0]].drop_duplicates("model_id")


def firsts_text(candidates: pd.DataFrame) -> str:
    """'PixVerse (Jan 2024)', or where dates overlap 'undetermined among Jimeng AI (Mar 2024),
    PixVerse (2024-03-11)'."""
    named = [f"{r['name']} ({r.when})" for _, r in candidates.iterrows()]
    return named[0] if len(named) == 1 else "undetermined among " + ", ".join(named)
