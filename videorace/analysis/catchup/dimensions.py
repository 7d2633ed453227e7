"""The catch-up's dimensions, each one declared object in one registry (as papermill registers its
engines): what it reads, how its values are drawn, how a value reads, whether it is yes-or-no,
what gap is level, and against which comparators it is a race. Adding a dimension is one
``register(Dimension(...))``; the engine (``compute``), the words (``text``), the chart, the
answer and the predictions' evidence all read it from here.

A yes-or-no dimension (``binary``): a side without the thing does not have it yet, a real state
(drawn as "none", and the side that has it leads); on the others a missing value is never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from videorace.analysis import comparable, timeline
from videorace.analysis.catchup import compute, scores
from videorace.data.vocab import BASIS_STAGES, SORA_FAMILY


def _always(ds, comparator) -> bool:
    return True


def _no_tolerance(ds) -> float:
    return 0.0


@dataclass(frozen=True)
class Dimension:
    """One catch-up dimension.

    ``draw(ds, basis, score_class)`` returns its items (``compute.ITEM_COLUMNS``); ``reads`` names
    the tables whose rows (by model) back them, so the report cites their sources; ``unit`` is
    written after a value ('s', 'p'; '' for a score with ``decimals``); ``axis`` is how the chart
    scales it ('zero': from 0; 'score': around the values; 'binary'); ``names`` overrides the name
    on a basis; ``absent`` how a side with none yet reads in a sentence; ``anchored`` whether a
    yes-or-no race counts China's first from the comparator's first showing."""

    key: str
    name: str
    reads: tuple[str, ...]
    draw: Callable[..., pd.DataFrame]
    unit: str = ""
    decimals: int = 0
    binary: bool = False
    axis: str = "zero"
    tolerance: Callable[..., float] = _no_tolerance
    applies: Callable[..., bool] = _always
    names: dict = field(default_factory=dict)
    absent: str = ""
    #: A yes-or-no race that starts at the comparator's first showing: China's first usable model
    #: after Sora's announcement is the answer, not one it had before Sora was shown.
    anchored: bool = False

    def label(self, basis: str = "usable") -> str:
        """The dimension as a reader says it on this basis."""
        return self.names.get(basis, self.name)

    def value_text(self, value) -> str:
        """A value in words; a missing one is 'no value', never 0 s or 0p."""
        if value is None or pd.isna(value):
            return "no value"
        if self.binary:
            return "yes" if value >= 1 else "none"
        if self.decimals:
            return f"{value:.{self.decimals}f}{self.unit}"
        return f"{value:g}{' ' if self.unit == 's' else ''}{self.unit}"


REGISTRY: dict[str, Dimension] = {}


def register(dimension: Dimension) -> Dimension:
    """Add a dimension (replacing one of the same key) and return it."""
    REGISTRY[dimension.key] = dimension
    return dimension


def get(key: str) -> Dimension:
    """The registered dimension ``key``; ValueError naming the registered ones otherwise."""
    if key not in REGISTRY:
        raise ValueError(f"unknown dimension {key!r}; expected one of {', '.join(REGISTRY)}")
    return REGISTRY[key]


def _usable_model(ds, basis, score_class=None) -> pd.DataFrame:
    return compute.event_items(ds, BASIS_STAGES[compute.check_basis(basis)])


def _open_weights(ds, basis, score_class=None) -> pd.DataFrame:
    return compute.event_items(ds, (), events=("open_weights",))


def _clip(ds, basis, score_class=None) -> pd.DataFrame:
    # the lower bound of a range: a milestone must be certainly reached (a 5-10 s beta is 5 s)
    return compute.capability_items(ds, "max_clip_s_low", basis, single_only=True)


def _height(ds, basis, score_class=None) -> pd.DataFrame:
    return compute.capability_items(ds, "height_px", basis)


def _audio(ds, basis, score_class=None) -> pd.DataFrame:
    """Models a row of the basis's classes says make sound with the picture (a claim of sound is
    not a demonstration of it), dated by the model's first event of the basis: native audio
    belongs to the model, and a row's as_of is often later than the launch."""
    cap = ds.capabilities[ds.capabilities.audio.fillna(False).astype(bool)]
    if "availability" in cap:
        cap = cap[cap.availability.isin(comparable.basis_classes(basis))]
    items = compute.dated_by_first_event(ds, basis, pd.Series(1.0, index=cap.model_id.unique()))
    if "dated_by" not in cap or items.empty:
        return items
    # a model whose sound is stated only by a later source (a documentation copy): from its first
    # event to that source, a range, unless a row dated by the event itself says so earlier
    precision = cap.as_of_precision if "as_of_precision" in cap else pd.Series("day", index=cap.index)
    cap = cap.assign(end=timeline.period_ends(cap.as_of, precision))
    by_event = set(cap[cap.dated_by == "event"].model_id)
    stated = cap.groupby("model_id").end.min()
    late = ~items.model_id.isin(by_event) & (items.model_id.map(stated) > items.end)
    items.loc[late, "end"] = items.loc[late, "model_id"].map(stated)
    items.loc[late, "precision"] = "range"
    items.loc[late, "when"] = [compute.when_text(a, b, "range") for a, b in
                               zip(items.loc[late, "start"], items.loc[late, "end"])]
    return items


def _vbench(ds, basis, score_class=None) -> pd.DataFrame:
    return scores.vbench_items(ds, basis, score_class)


def _comparator_released_weights(ds, comparator) -> bool:
    """Open weights are a race only against a comparator some of whose models released them (never
    against Sora, which was not meant to)."""
    if comparator == "western":
        return True
    models = compute.with_family(ds, ds.models.merge(ds.organizations[["org_id", "country"]],
                                                     on="org_id"))
    theirs = compute.sides(models, comparator)
    theirs = theirs[theirs.side != compute.CHINA]
    return theirs.openness.fillna("").str.contains("open_weights").any()


for _dimension in (
    Dimension("available", "a usable text-to-video model", ("model_events",), _usable_model,
              binary=True, axis="binary",
              names={"demonstrated": "a text-to-video model demonstrated or usable"},
              absent="no usable model in the data yet", anchored=True),
    Dimension("clip_s", "longest single clip (s)", ("capabilities",), _clip, unit="s"),
    Dimension("height_px", "highest resolution (frame height, px)", ("capabilities",), _height,
              unit="p"),
    Dimension("vbench_total", "VBench total score", ("benchmarks", "model_events"), _vbench,
              decimals=2, axis="score", tolerance=scores.vbench_tolerance),
    Dimension("open_weights", "open weights released", ("model_events",), _open_weights,
              binary=True, axis="binary", applies=_comparator_released_weights,
              absent="released none in the data"),
    Dimension("audio", "native audio (sound made with the picture)",
              ("capabilities", "model_events"), _audio, binary=True, axis="binary"),
):
    register(_dimension)

#: The arena boards are a dimension a run may pick, compared snapshot by snapshot
#: (``catchup.arena``), not raced as a frontier.
ARENA = "arena"


def choices() -> list[str]:
    """Every dimension a run may pick: the registered ones and the arena boards."""
    return list(REGISTRY) + [ARENA]


def items(ds, key: str, basis: str = "usable", score_class: str | None = None) -> pd.DataFrame:
    """Every dated value of dimension ``key``: one row per model and date (``compute.ITEM_COLUMNS``)."""
    compute.check_basis(basis)
    return get(key).draw(ds, basis, score_class)


def source_ids(ds, all_items: pd.DataFrame) -> list[str]:
    """The sources behind every item compared: the rows of the tables each compared dimension
    reads, for the models compared."""
    ids = set()
    for key, table in all_items.groupby("dimension"):
        models = set(table.model_id)
        for name in get(key).reads:
            rows = getattr(ds, name)
            ids |= set(rows[rows.model_id.isin(models)].source_id)
    return sorted(ids)


__all__ = ["Dimension", "REGISTRY", "register", "get", "choices", "items", "source_ids", "ARENA",
           "SORA_FAMILY"]
