"""One catch-up run: what a report compares (``Run``, built from the notebook's parameters) and
what it found (``Race``: every item and lag of every dimension compared). The words, the chart
and the answer take these two objects instead of long argument lists."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup import compute, scores
from videorace.analysis.catchup import dimensions as registry
from videorace.data.vocab import BASES


@dataclass(frozen=True)
class Run:
    """What one catch-up run compares: the frontier dimensions asked (``asked``, registry keys),
    whether the arena boards are compared too, the comparator ('sora', 'western' or a tuple of
    model_ids), the basis, the window, the VBench class and the spread that sets its tolerance."""

    ds: object = field(repr=False)
    asked: tuple[str, ...]
    comparator: object
    basis: str
    start: pd.Timestamp
    end: pd.Timestamp
    score_class: str | None = None
    spread: comparable.Spread | None = None
    arena: bool = True

    @classmethod
    def from_parameters(cls, ds, *, dimensions: list, comparator: str, comparator_models: list,
                        basis: str, score_class: str, window_start: str, window_end: str) -> "Run":
        """A run from a notebook's parameters, each checked (``params``: a bad value stops with one
        line naming the parameter and what is allowed)."""
        from videorace.analysis import params

        picked = params.choices("dimensions", dimensions, registry.choices())
        side = params.choice("comparator", comparator, ["sora", "western"])
        models = (params.choices("comparator_models", comparator_models,
                                 compute.comparator_choices(ds)) if comparator_models else [])
        basis = params.choice("basis", basis, list(BASES))
        start, end = (pd.Timestamp(d) for d in params.date_window(
            "window_start", window_start, "window_end", window_end, compute.latest(ds)))
        chosen = (params.choice("score_class", score_class, scores.vbench_class_choices(ds))
                  if score_class else scores.chosen_vbench_class(ds))
        return cls(ds, tuple(d for d in picked if d != registry.ARENA),
                   tuple(models) if models else side, basis, start, end, chosen,
                   scores.vbench_spread(ds), registry.ARENA in picked)

    @classmethod
    def of(cls, ds, dims, comparator="sora", basis: str = "usable", end=None, start=None,
           score_class: str | None = None, arena: bool = False) -> "Run":
        """A run from values already checked (tests, other analyses): the window ends at ``end``
        (the data's last day when None) and starts at ``start`` (the data's first when None); the
        VBench class is the reports' one unless named."""
        end = pd.Timestamp(end) if end is not None else compute.latest(ds)
        start = pd.Timestamp(start) if start is not None else pd.Timestamp("2000-01-01")
        comparator = comparator if isinstance(comparator, str) else tuple(comparator)
        return cls(ds, tuple(dims), comparator, compute.check_basis(basis), start, end,
                   score_class if score_class is not None else scores.chosen_vbench_class(ds),
                   scores.vbench_spread(ds), arena)

    @property
    def other(self) -> str:
        """The comparator side's label: Sora, Western or Comparators."""
        return compute.side_label(self.comparator)

    @property
    def applicable(self) -> dict[str, bool]:
        """Per dimension asked, whether it is a race against this comparator."""
        return {k: registry.get(k).applies(self.ds, self.comparator) for k in self.asked}

    @property
    def compared(self) -> list[str]:
        """The dimensions asked that are a race against this comparator."""
        return [k for k, ok in self.applicable.items() if ok]

    def tolerance(self, key: str) -> float:
        """The gap read as level on dimension ``key``."""
        return registry.get(key).tolerance(self.ds)

    def label(self, key: str) -> str:
        """Dimension ``key`` as a reader says it on this run's basis."""
        return registry.get(key).label(self.basis)


@dataclass(frozen=True)
class Race:
    """What a run found: every item (``compute.ITEM_COLUMNS`` with ``side`` and ``dimension``) and
    every lag (``compute.LAG_COLUMNS`` with ``dimension``) of the dimensions compared."""

    run: Run
    items: pd.DataFrame
    lags: pd.DataFrame

    def of(self, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The items and the lags of one dimension."""
        return (self.items[self.items.dimension == key], self.lags[self.lags.dimension == key])


def race(run: Run) -> Race:
    """Per dimension compared: the sided items within the window and their lags."""
    all_items, all_lags = [pd.DataFrame(columns=compute.ITEM_COLUMNS + ["side", "dimension"])], \
        [pd.DataFrame(columns=compute.LAG_COLUMNS + ["dimension"])]
    for key in run.compared:
        table = compute.sides(registry.items(run.ds, key, run.basis, run.score_class),
                              run.comparator).assign(dimension=key)
        table = table[table.start <= run.end].reset_index(drop=True)  # nothing after the window
        all_items.append(table)
        all_lags.append(compute.lags(table, run.end, run.tolerance(key)).assign(dimension=key))
    return Race(run, pd.concat([t for t in all_items if len(t)] or all_items[:1], ignore_index=True),
                pd.concat([t for t in all_lags if len(t)] or all_lags[:1], ignore_index=True))
