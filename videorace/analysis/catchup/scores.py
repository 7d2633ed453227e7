"""The catch-up's VBench dimension: scores by class (``comparable``), the spread, the one class
every comparison of a run uses, and the class-by-class table."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup.compute import (CHINA, ITEM_COLUMNS, dated_by_first_event,
                                                first_dates, side_label, sides, with_family)

VBENCH = ("vbench", "total")


def vbench_scores(ds) -> pd.DataFrame:
    """Every published VBench total with its ``score_class`` (``comparable``)."""
    scores = ds.benchmarks[(ds.benchmarks.benchmark == VBENCH[0])
                           & (ds.benchmarks.benchmark_metric == VBENCH[1])]
    return scores.assign(score_class=comparable.score_classes(scores))


def vbench_items(ds, basis: str, score_class: str | None) -> pd.DataFrame:
    """VBench totals of one class, each dated by its model's first event of the basis (a model
    never usable is left out on the usable basis: no one could have had its quality). With no
    class given, none: a class must be chosen."""
    scores = vbench_scores(ds)
    scores = scores[scores.score_class == score_class]
    if scores.value.groupby(scores.model_id).nunique().gt(1).any():
        raise comparable.Incomparable(f"two different scores of one model in the class "
                                      f"{score_class!r}; the class must hold one per model")
    if scores.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    return dated_by_first_event(ds, basis, scores.groupby("model_id").value.first())


def vbench_spread(ds) -> comparable.Spread | None:
    """How far VBench totals of the same model differ between sources and variants."""
    return comparable.spread(ds.benchmarks, *VBENCH)


def vbench_tolerance(ds) -> float:
    """The gap read as level: the widest spread between sources for one model (0 without one)."""
    spread = vbench_spread(ds)
    return spread.tolerance if spread else 0.0


def chosen_vbench_class(ds) -> str | None:
    """The one VBench class every comparison of the reports uses, whichever the comparator or the
    basis: the class with scores for China and for Sora's family and the most models
    (``comparable.widest_class``); failing that, the widest with China and the West. Chosen by
    coverage, never by who leads in it, so the Sora and the Western columns read one table."""
    scores = vbench_scores(ds)
    scores = scores[scores.model_id.isin(first_dates(ds, "demonstrated").index)]
    meta = with_family(ds, ds.models[["model_id", "org_id"]].merge(
        ds.organizations[["org_id", "country"]], on="org_id"))
    scores = scores.merge(meta[["model_id", "country", "family"]], on="model_id")
    for comparator in ("sora", "western"):
        sided = sides(scores, comparator)
        chosen = comparable.widest_class(sided, sided.side, side_label(comparator))
        if chosen:
            return chosen
    return None


def vbench_class_choices(ds) -> list[str]:
    """Allowed values of the ``score_class`` parameter: every VBench total class in the data."""
    return sorted(vbench_scores(ds).score_class.unique())


VBENCH_CLASS_COLUMNS = ["score_class", "china_model", "china_value", "other_model", "other_value",
                        "gap", "verdict"]


def vbench_by_class(ds, comparator, basis: str, window_end: pd.Timestamp,
                    tolerance: float) -> pd.DataFrame:
    """Per VBench class (``comparable.score_class``): each side's best score dated by
    ``window_end`` (its model and value, missing when the side has none in that class), the gap
    (China minus the comparator) and the verdict, level within ``tolerance``. Never a best
    across classes."""
    label = side_label(comparator)
    rows = []
    for cls in sorted(vbench_scores(ds).score_class.unique()):
        table = sides(vbench_items(ds, basis, cls), comparator)
        table = table[table.end <= window_end].sort_values(["value", "end"], ascending=[False, True])
        best = {side: group.iloc[0] for side, group in table.groupby("side")}
        cn, them = best.get(CHINA), best.get(label)
        if cn is None and them is None:
            continue  # no model of either side in this class (Emu3's own run: not text-to-video)
        cn_value = cn.value if cn is not None else float("nan")
        them_value = them.value if them is not None else float("nan")
        verdict = comparable.verdict(cn_value, them_value, tolerance)
        missing = [who for who, row in ((CHINA, cn), (label, them)) if row is None]
        verdict = {"first ahead": "China ahead", "second ahead": f"{label} ahead",
                   "no value": f"no comparison: no score for {' or '.join(missing)} here"}.get(
            verdict, verdict)
        rows.append([cls, cn["name"] if cn is not None else "none in this class", cn_value,
                     them["name"] if them is not None else "none in this class", them_value,
                     cn_value - them_value, verdict])
    return pd.DataFrame(rows, columns=VBENCH_CLASS_COLUMNS)


def unscored_since(ds, items: pd.DataFrame, comparator, basis: str,
                   window_end) -> pd.Timestamp | None:
    """When the newest models have no comparable score: the last day of the latest scored item in
    ``items`` (one class), if a text-to-video model of China or the comparator became usable (or
    was shown, on the demonstrated basis) after it and by ``window_end``; None while the scores
    still cover the newest models."""
    if items.empty:
        return None
    last = items.end.max()
    newer = sides(first_dates(ds, basis).reset_index(), comparator)
    newer = newer[(newer.start > last) & (newer.start <= pd.Timestamp(window_end))
                  & ~newer.model_id.isin(set(items.model_id))]
    return last if len(newer) else None


def class_label(ds, score_class: str | None) -> str:
    """A class as a reader reads it: the source id of a table that does not say who evaluated is
    replaced by its publisher and title ('..., in the table of ByteDance (Douyin Content Team):
    bytedance/ContentV README (VBench table)'), so a reader sees whose table the comparison
    rests on."""
    if not score_class or ", in " not in score_class:
        return score_class or ""
    head, source_id = score_class.rsplit(", in ", 1)
    sources = getattr(ds, "sources", None)
    if sources is None or source_id not in set(sources.source_id):
        return score_class
    row = sources[sources.source_id == source_id].iloc[0]
    return f"{head}, in the table of {row.publisher}: {row.title}"
