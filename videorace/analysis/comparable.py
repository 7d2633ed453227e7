"""What may be set against what: the one rule every comparison in the reports goes through.

A value belongs to a class, and two values are compared only within one class:

- **Benchmark scores**: one benchmark, version (prompt set, long-video track), metric and
  evaluator. The benchmark's own team is one evaluator whoever tabulates its figures; any other
  evaluator (a model's own team, another lab, a table that does not say) is one only within the
  source that prints it. A model's best score across classes is never taken.
- **Basis** (``vocab.BASES``): what users could *use* (a beta or the public product) against the
  same; what was *demonstrated* by a released clip (counting anything usable) against the same. A
  claim with no clip is never inside a comparison, and a benchmark team's sample is never a
  product's maximum.
- **Clip length**: a single generation against a clip made by chaining extensions.

A missing value is no value: never 0 s, 0p or a lead. Where two scores differ by less than the
spread between sources for the same model (``spread``), they are level within the spread.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from videorace.data.vocab import BASES, BASIS_CLASSES

CLIP_KINDS = {"single": "a single generation", "extended": "chained extensions"}
EVALUATOR_CLASSES = {"benchmark_team": "the benchmark's own team", "model_team": "the model's own team",
                     "third_party": "another lab", "not_stated": "an evaluator not stated"}


class Incomparable(ValueError):
    """Two values of different classes were set against each other."""


def basis_classes(basis: str) -> tuple[str, ...]:
    """The capability rows a basis counts (``vocab.BASIS_CLASSES``): 'usable' what users could
    make; 'demonstrated' also what a released clip showed. Never a claim or a sample."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    return BASIS_CLASSES[basis]


def single_clips(capabilities: pd.DataFrame) -> pd.DataFrame:
    """The rows whose clip length is one generation: a clip chained from extensions is not one
    clip. A table without ``clip_kind`` holds single clips only."""
    if "clip_kind" not in capabilities:
        return capabilities
    return capabilities[capabilities.clip_kind == "single"]


def score_class(benchmark: str, version: str, metric: str, evaluator_class: str,
                source_id: str) -> str:
    """The class of one published score, as a reader can read it: 'VBench, total, by the
    benchmark's own team' or '... by an evaluator not stated, in contentv_readme'."""
    if evaluator_class not in EVALUATOR_CLASSES:
        raise ValueError(f"evaluator_class must be one of {', '.join(EVALUATOR_CLASSES)}, "
                         f"not {evaluator_class!r}")
    who = EVALUATOR_CLASSES[evaluator_class]
    where = "" if evaluator_class == "benchmark_team" else f", in {source_id}"
    return f"{version}, {metric}, by {who}{where}"


def score_classes(scores: pd.DataFrame) -> pd.Series:
    """``score_class`` of each row of a benchmarks table, aligned with it."""
    return pd.Series([score_class(*r) for r in zip(
        scores.benchmark, scores.benchmark_version, scores.benchmark_metric,
        scores.evaluator_class, scores.source_id)], index=scores.index, dtype=object)


def require_same(first_class: str, second_class: str, what: str = "values") -> None:
    """Refuse, with a message naming both, to compare values of two classes."""
    if first_class != second_class:
        raise Incomparable(f"cannot compare {what} of different classes: {first_class!r} against "
                           f"{second_class!r}; compare within one class")


@dataclass(frozen=True)
class Spread:
    """How far published scores of the same model differ between sources and variants."""

    low: float
    high: float
    models: int  # models with more than one distinct score
    within_version: "Spread | None" = None  # the same, counting only sources of one version

    @property
    def tolerance(self) -> float:
        """The gap read as level: the widest difference between sources for one model. Two
        sources of one model differ by that much, so a gap no larger says nothing of which model
        is better, even within one class."""
        return self.high

    def text(self) -> str:
        span = f"{self.low:.2f}" if self.low == self.high else f"{self.low:.2f} to {self.high:.2f}"
        text = (f"{span} points between sources and versions for the same model "
                f"({self.models} model{'s' if self.models != 1 else ''} whose published scores differ)")
        w = self.within_version
        if w is not None:
            text += (f"; within one benchmark version, by {w.text().split(' points')[0]} points "
                     f"({w.models} model{'s' if w.models != 1 else ''})")
        return text


def spread(scores: pd.DataFrame, benchmark: str, metric: str) -> Spread | None:
    """Over every model with two or more distinct published values of ``metric`` (any version,
    any evaluator, any source), the smallest and largest difference between its highest and
    lowest value, with the same counted within one benchmark version (``within_version``). None
    when no model has two."""
    rows = scores[(scores.benchmark == benchmark) & (scores.benchmark_metric == metric)]
    found = _ranges(rows, ["model_id"])
    if found is None:
        return None
    within = (_ranges(rows, ["model_id", "benchmark_version"])
              if "benchmark_version" in rows else None)
    return Spread(*found, within_version=Spread(*within) if within else None)


def _ranges(rows: pd.DataFrame, keys: list[str]) -> tuple[float, float, int] | None:
    ranges = rows.groupby(keys).value.agg(lambda v: v.max() - v.min())
    ranges = ranges[ranges > 0]
    if ranges.empty:
        return None
    return round(float(ranges.min()), 4), round(float(ranges.max()), 4), len(ranges)


def verdict(first: float, second: float, tolerance: float = 0.0) -> str:
    """'first ahead', 'second ahead', 'level', 'level within the spread' (a gap no larger than
    ``tolerance``) or 'no value' when either is missing. A missing value is never a lead."""
    if first is None or second is None or pd.isna(first) or pd.isna(second):
        return "no value"
    gap = first - second
    if gap == 0:
        return "level"
    if abs(gap) <= tolerance:
        return "level within the spread"
    return "first ahead" if gap > 0 else "second ahead"


def compare(first: float, first_class: str, second: float, second_class: str,
            tolerance: float = 0.0, what: str = "values") -> str:
    """``verdict`` of two values, after refusing two of different classes."""
    require_same(first_class, second_class, what)
    return verdict(first, second, tolerance)


def widest_class(scores: pd.DataFrame, sides: pd.Series, other: str) -> str | None:
    """Among the score classes of ``scores`` (a ``score_class`` column), the one to chart: the
    class with scores on both sides and the most models in all; ties to the first in order.
    Chosen by coverage, not by who leads in it. None when no class has both sides."""
    table = scores.assign(_side=sides.values)
    counts = []
    for cls, group in table.groupby("score_class", sort=True):
        if {other}.issubset(group._side) and (group._side != other).any():
            counts.append((-group.model_id.nunique(), cls))
    return min(counts)[1] if counts else None
