"""The catch-up's VBench dimension: scores by class (``comparable``), the spread, the class to
chart and the class-by-class table."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup.compute import (CHINA, STAGES, VBENCH, _events, _with_family,
                                                items, side_label, sides)


def vbench_scores(ds) -> pd.DataFrame:
    """Every published VBench total with its ``score_class`` (``comparable``)."""
    scores = ds.benchmarks[(ds.benchmarks.benchmark == VBENCH[0])
                           & (ds.benchmarks.benchmark_metric == VBENCH[1])]
    return scores.assign(score_class=comparable.score_classes(scores))


def vbench_spread(ds) -> comparable.Spread | None:
    """How far VBench totals of the same model differ between sources and variants."""
    return comparable.spread(ds.benchmarks, *VBENCH)


def chosen_vbench_class(ds, comparator, availability: str) -> str | None:
    """The VBench class the catch-up charts: with scores on both sides (dated as the mode dates
    them) and the most models (``comparable.widest_class``)."""
    scores = vbench_scores(ds)
    dated = set(_events(ds, STAGES[availability]).model_id)
    scores = scores[scores.model_id.isin(dated)]
    meta = _with_family(ds, ds.models[["model_id", "org_id"]].merge(
        ds.organizations[["org_id", "country"]], on="org_id"))
    scores = scores.merge(meta[["model_id", "country", "family"]], on="model_id")
    sided = sides(scores, comparator)
    return comparable.widest_class(sided, sided.side, side_label(comparator))


VBENCH_CLASS_COLUMNS = ["score_class", "china_model", "china_value", "other_model", "other_value",
                        "gap", "verdict"]


def vbench_by_class(ds, comparator, availability: str, window_end: pd.Timestamp,
                    tolerance: float) -> pd.DataFrame:
    """Per VBench class (``comparable.score_class``): each side's best score dated by
    ``window_end`` (its model and value, missing when the side has none in that class), the gap
    (China minus the comparator) and the verdict, level within ``tolerance``. Never a best
    across classes."""
    label = side_label(comparator)
    rows = []
    for cls in sorted(vbench_scores(ds).score_class.unique()):
        table = sides(items(ds, "vbench_total", availability, cls), comparator)
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


def vbench_class_choices(ds) -> list[str]:
    """Allowed values of the ``score_class`` parameter: every VBench total class in the data."""
    return sorted(vbench_scores(ds).score_class.unique())


def context(ds, comparator, availability: str, score_class: str, dimensions):
    """What a catch-up run compares, from its parameters: the comparator's label, the VBench class
    (``score_class``, or the widest when empty), the spread, each dimension's tolerance, which
    dimensions apply against this comparator, and those compared. Returns them in that order."""
    from videorace.analysis import params
    from videorace.analysis.catchup.compute import applicable

    chosen = (params.choice("score_class", score_class, vbench_class_choices(ds)) if score_class
              else chosen_vbench_class(ds, comparator, availability))
    spread = vbench_spread(ds)
    tolerances = {"vbench_total": spread.tolerance if spread else 0.0}
    apply = {d: applicable(ds, d, comparator) for d in dimensions}
    compared = [d for d in dimensions if apply[d]]
    return side_label(comparator), chosen, spread, tolerances, apply, compared
