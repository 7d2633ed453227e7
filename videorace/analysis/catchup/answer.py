"""The answer as it stands: on each dimension, who leads at the window's end and since when, and
who led when 2024 ended. The index of the reports opens with it (``report.answer`` hands it over).

A frontier dimension's leader on a day is the side whose best, among items certainly in place by
then, is ahead (``comparable.verdict``: within the spread is level; a side with no value is never
behind a lead, it is 'no comparison'). "Since" is the first day of the last unbroken run of that
verdict: the last day the item that settled it can have come (the day it was certainly there),
with its first possible day when the date is coarser. An arena board's leader is the side of its
latest first place, since its spell began (``arena_text.since_text``), with the date of that
latest snapshot, which may lie well before the window's end.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup.arena import board_name
from videorace.analysis.catchup.arena_text import interval_words, side_words, signed, since_text
from videorace.analysis.catchup import dimensions as registry
from videorace.analysis.catchup.compute import CHINA, standing
from videorace.analysis.catchup.text import unscored_since
from videorace.data.dates import as_text

YEAR_END = pd.Timestamp("2024-12-31")
ANSWER_COLUMNS = ["dimension", "row", "now", "since", "end_2024"]


def leader(table: pd.DataFrame, when, other: str, tolerance: float = 0.0,
           binary: bool = False) -> str:
    """China, ``other``, 'level' (also within the spread), 'no comparison', or for a yes-or-no
    dimension ``binary``, 'neither yet', on day ``when``."""
    at = standing(table, pd.Timestamp(when))
    china, them = at.get(CHINA, float("nan")), at.get(other, float("nan"))
    if binary:
        china, them = (0.0 if pd.isna(v) else v for v in (china, them))
        if china == them == 0:
            return "neither yet"
    verdict = comparable.verdict(china, them, tolerance)
    return {"first ahead": CHINA, "second ahead": other, "no value": "no comparison"}.get(verdict, "level")


def since(table: pd.DataFrame, window_end, other: str, tolerance: float = 0.0,
          binary: bool = False) -> str:
    """When the verdict at ``window_end`` began: the date of the item that settled it (among
    items that became certain that day, the best of the leading side, or the best of all when
    level); 'throughout' when it held from the first value in the data. A side that leads while
    the other has no value yet leads from its own item, not from the other's first."""
    window_end = pd.Timestamp(window_end)
    now = leader(table, window_end, other, tolerance, binary)
    days = sorted(d for d in table.end.unique() if d <= window_end)
    start = None
    for day in reversed(days):
        then = leader(table, day, other, tolerance, binary)
        if then != now and not (then == "no comparison" and _alone(table, day, now)):
            break
        start = day
    if start is None:
        return ""
    settled = table[table.end == start]
    if now in settled.side.values:
        settled = settled[settled.side == now]
    settling = settled.sort_values(["value", "start"], ascending=[False, True]).iloc[0]
    when = _when_settled(table, settling)
    if start == days[0]:
        return f"throughout (from {when})"
    return when


def _when_settled(table: pd.DataFrame, settling) -> str:
    """The settling item's date, or, where another item of its side as good may have come before
    it (their dates overlap), the span from the earliest day any of them allows to the day it was
    certain ('2026-08-01 to 2026-08-07')."""
    other_models = table.model_id != settling.model_id if "model_id" in table else True
    rivals = table[(table.side == settling.side) & (table.value >= settling.value)
                   & (table.start < settling.start) & (table.end >= settling.end) & other_models]
    if rivals.empty:
        return settling.when
    return f"{as_text(rivals.start.min())} to {as_text(settling.end)}"


def _alone(table: pd.DataFrame, when, side: str) -> bool:
    """Whether ``side`` had a value on ``when`` and the other side none."""
    known = table[table.end <= when]
    return set(known.side) == {side}


def frontier_rows(race) -> list[dict]:
    """One row per frontier dimension asked: who leads at the window's end, since when, and who
    led at the end of 2024. A scored dimension whose newest models have no comparable score names
    no leader: 'no comparable score since <date>'."""
    run, rows = race.run, []
    for key in run.asked:
        dim = registry.get(key)
        label = f"{dim.label(run.basis)} ({run.basis})"
        if not run.applicable[key]:
            rows.append({"dimension": label, "row": dim.name, "now": "not applicable", "since": "",
                         "end_2024": "not applicable"})
            continue
        table, _ = race.of(key)
        tol = run.tolerance(key)
        now = leader(table, run.end, run.other, tol, dim.binary)
        stale = unscored_since(race, key)
        if stale is not None:
            now, when = f"no comparable score since {as_text(stale)}", ""
        else:
            when = ("" if now in ("no comparison", "neither yet") else
                    since(table, run.end, run.other, tol, dim.binary))
        rows.append({"dimension": label, "row": dim.name, "now": now, "since": when,
                     "end_2024": leader(table, YEAR_END, run.other, tol, dim.binary)})
    return rows


def arena_rows(runs: pd.DataFrame, snaps: pd.DataFrame | None = None, other: str = "") -> list[dict]:
    """One row per board: the side of its latest first place, since when, the date of that
    latest snapshot, whether the spell began with an entry rated before its release, and China's
    lead over ``other`` at the latest snapshot rating both; 2024 had no snapshot."""
    rows = []
    for (board, track), board_runs in runs.groupby(["leaderboard", "track"], sort=True):
        now = board_runs[board_runs.current].iloc[0]
        when = since_text(now).removeprefix("since ")
        notes = [f"latest snapshot: {as_text(now.last_on, now.last_precision)}"]
        if now.prerelease_first:
            notes.append("its first snapshot rated an entry before its release")
        if snaps is not None:
            rated = snaps[(snaps.leaderboard == board) & (snaps.track == track) & snaps.lead.notna()]
            if len(rated):
                last = rated.iloc[-1]
                notes.append(f"China's best against {side_words(other)}'s on "
                             f"{as_text(last.snapshot_on, last.snapshot_precision)}: "
                             f"{signed(last.lead)} points, {interval_words(last.level)}")
        name = f"first place, {board_name(board, track)}"
        rows.append({"dimension": name, "row": name, "now": now.side,
                     "since": f"{when} ({'; '.join(notes)})", "end_2024": "no snapshot in the data"})
    return rows


def answer(race, runs: pd.DataFrame | None = None,
           snaps: pd.DataFrame | None = None) -> pd.DataFrame:
    """The answer table: dimension (as this basis names it), row (the name the index lines up runs
    of several bases by), who leads at the window's end (``now``), since when, and who led at the
    end of 2024."""
    rows = frontier_rows(race)
    if runs is not None and len(runs):
        rows += arena_rows(runs, snaps, race.run.other)
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)
