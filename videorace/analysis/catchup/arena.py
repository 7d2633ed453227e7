"""The arena dimension: who held the top of each public blind-preference leaderboard, by snapshot.

A leaderboard's rating is compared only within one snapshot: one leaderboard, one track (text or
image to video, silent or with audio), one date and one source. Nothing is compared across tracks
or dates. For each snapshot:

- the **holder** is the entry ranked first (several when the board shows a tie); a snapshot that
  does not say who is first (a "#5 on debut" fact) has no holder;
- each side's **best** is its highest-rated (or, in a rank fact, highest-ranked) entry among the
  board's top ``n`` rows, where ranks 1 to ``n`` are all recorded: a side with no entry there has
  no best in that snapshot (it was below rank ``n``), never a rating of 0;
- the **lead** is China's best minus the other side's best, in rating points, where both are
  rated; ``level`` says what separates them: 'close' (a gap of ``LEVEL_POINTS`` or less, no lead),
  'overlap' (published intervals overlap), 'apart' (they do not), or None (no intervals
  published: the lead gives a direction only).

Only what says how a board stands counts: a snapshot from the board or a relay of it
(``vocab.ARENA_STANDING_CLASSES``); a maker's or a seller's is listed beside (``beside``), never
taken as the state of the board. On the usable basis an entry counts only from its model's first
availability (HappyHorse 1.0 led a board under a code name before anyone could use it); on the
demonstrated basis it counts from its first rating, marked "before its release". Entries a source
calls tied for first, or two first-ranked entries a point or less apart, share first place.

Spells of snapshots whose first place is on one side give the days that side held it: its
snapshots span so many days (whether first place changed hands between two snapshots is not
recorded), and it can have lasted at most from the day after the other side's previous snapshot
to the day before its next (or to the window's end while it still holds); a board's first spell
has no such bound before it.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import timeline
from videorace.analysis.catchup.compute import CHINA, families, first_dates, sides
from videorace.data.vocab import (ARENA_STANDING_CLASSES, LEADERBOARD_NAMES,
                                  TRACK_NAMES, WEST)

#: A gap between two rated entries that is no lead: boards publish whole points.
LEVEL_POINTS = 1.0
NEITHER = "a maker of neither side"
OTHER_WEST = "a Western model outside the comparison"  # against Sora or named models
BOARD = ["leaderboard", "track"]
SNAPSHOT = BOARD + ["snapshot_on", "source_id"]


def board_name(leaderboard: str, track: str) -> str:
    """'LMArena, text to video'."""
    return f"{LEADERBOARD_NAMES.get(leaderboard, leaderboard)}, {TRACK_NAMES.get(track, track)}"


def entries(ds, comparator, window_start, window_end, basis: str = "usable") -> pd.DataFrame:
    """arena_ratings in the window that say how a board stands (``standing``), with the maker's
    country, the model's family and a ``side``: China, the comparator's label, ``OTHER_WEST`` (a
    Western model outside a narrower comparator, such as Veo against Sora) or ``NEITHER`` (a
    maker outside China and the West, or whose country is not in the data). ``counts`` says
    whether an entry may hold first place or be a side's best: on the usable basis, not an entry
    rated before its model was usable (it still fills its rank, so the ranks below it stay
    recorded)."""
    a = standing(ds.arena_ratings)
    a = a[(a.snapshot_on >= pd.Timestamp(window_start)) & (a.snapshot_on <= pd.Timestamp(window_end))]
    a = a.merge(ds.organizations[["org_id", "country"]], on="org_id", how="left")
    family = families(ds.models)
    a = a.assign(family=a.model_id.map(family),
                 snapshot_end=timeline.period_ends(a.snapshot_on, a.snapshot_precision))
    sided = sides(a.assign(model_id=a.model_id.fillna("")), comparator)
    a = a.merge(sided[["rating_id", "side"]], on="rating_id", how="left")
    others = a.country.isin(WEST)
    a = a.assign(side=a.side.fillna(others.map({True: OTHER_WEST, False: NEITHER})))
    a = a.assign(prerelease=_before_release(ds, a))
    return a.assign(counts=~a.prerelease if basis == "usable" else True).reset_index(drop=True)


def standing(ratings: pd.DataFrame) -> pd.DataFrame:
    """The rows that say how a board stood: from the board or a relay of it. A table without
    ``source_class`` is taken as all from the boards."""
    if "source_class" not in ratings:
        return ratings
    return ratings[ratings.source_class.isin(ARENA_STANDING_CLASSES)]


def beside(ds, window_start, window_end) -> pd.DataFrame:
    """The rows in the window from a model's maker or a seller of access: reported beside the
    boards, never as their state."""
    a = ds.arena_ratings
    a = a[(a.snapshot_on >= pd.Timestamp(window_start)) & (a.snapshot_on <= pd.Timestamp(window_end))]
    return a[~a.rating_id.isin(standing(a).rating_id)].reset_index(drop=True)


def _before_release(ds, a: pd.DataFrame) -> pd.Series:
    """Whether each entry was rated before its model could be used by outsiders (a code name on
    the board, a preview): True when the model's first availability in model_events.csv ends
    after the snapshot, or it has none; False otherwise, and for entries not linked to a model."""
    if "model_events" not in ds or a.empty:
        return pd.Series(False, index=a.index)
    usable = first_dates(ds, "usable").end  # certainly usable: a June launch counts from June 30
    linked = a.model_id.notna()
    return linked & ~(a.model_id.map(usable) <= a.snapshot_on).fillna(False)


def top_n(ranks: pd.Series) -> int:
    """The deepest rank down to which every place is recorded (0 when rank 1 is not). Tied entries
    share a rank and the next rank skips their places (1, 2, 2, 4), which is no gap."""
    depth, seen = 0, 0
    for rank in sorted(ranks.dropna().astype(int)):
        if rank > seen + 1:
            break
        seen += 1
        depth = rank
    return depth


def _best(rows: pd.DataFrame, side: str):
    """A side's best entry among ``rows``: the highest rated, or where the rows carry no rating
    (a rank fact), the highest ranked; None when the side has no entry there."""
    mine = rows[rows.side == side]
    if mine.empty:
        return None
    return mine.sort_values(["rating", "rank"], ascending=[False, True], na_position="last").iloc[0]


def _level(a, b) -> str | None:
    """What separates two rated entries: 'close' (no more than ``LEVEL_POINTS`` apart: no lead),
    'overlap' (their published intervals overlap: level), 'apart' (they do not: a lead), or None
    when no interval was published and the gap is larger (a direction only)."""
    if abs(a.rating - b.rating) <= LEVEL_POINTS:
        return "close"
    if any(pd.isna(x) for x in (a.ci_low, a.ci_high, b.ci_low, b.ci_high)):
        return None
    return "overlap" if a.ci_low <= b.ci_high and b.ci_low <= a.ci_high else "apart"


def first_place(snap: pd.DataFrame, depth: int = 1) -> pd.DataFrame:
    """The entries sharing first place in one snapshot, among those that count (``counts``): the
    best-ranked, if every rank above it is recorded (within ``depth``), with any rated within
    ``LEVEL_POINTS`` of it (a one-point gap is no lead). A lone first entry the source calls tied
    (``tied``) shares first place with one not recorded: the result then carries
    ``attrs['tied_unrecorded']``."""
    counted = snap[snap.counts] if "counts" in snap else snap
    best = counted["rank"].min()
    if pd.isna(best) or best > max(depth, 1):
        return counted.iloc[0:0]
    first = counted[counted["rank"] == best]
    top = first.rating.max()
    if pd.notna(top):
        first = counted[(counted["rank"] == best) | (counted.rating >= top - LEVEL_POINTS)]
    tied = "tied" in snap and first.tied.fillna(False).astype(bool).any()
    first = first.copy()
    first.attrs["tied_unrecorded"] = bool(tied and len(first) == 1)
    return first


def _passed_over(snap: pd.DataFrame, first: pd.DataFrame) -> str:
    """The entries ranked above first place that do not count (rated before their release)."""
    if "counts" not in snap:
        return ""
    best = first["rank"].min() if len(first) else 2  # no usable first: what was ranked first
    above = snap[~snap.counts & (snap["rank"] < best)]
    return " and ".join(above.model_name)


SNAPSHOT_COLUMNS = SNAPSHOT + ["snapshot_precision", "snapshot_end", "holder", "holder_side",
                               "holder_prerelease", "passed_over", "top_n", "ranks_derived", "intervals",
                               "china_model", "china_rating",
                               "other_model", "other_rating", "lead", "level"]


def snapshots(table: pd.DataFrame, other: str) -> pd.DataFrame:
    """One row per snapshot (``SNAPSHOT``): its holder(s) and their side (joined with ' and ' when
    tied across sides), the depth ``top_n`` of consecutive ranks recorded, each side's best within
    it and China's lead in points (missing unless both are rated there)."""
    rows = []
    for key, snap in table.groupby(SNAPSHOT, sort=True):
        n = top_n(snap["rank"])
        first = first_place(snap, n)
        counted = snap[snap.counts] if "counts" in snap else snap
        top = counted[counted["rank"] <= n] if n else counted.iloc[0:0]
        china, them = _best(top, CHINA), _best(top, other)
        lead = china.rating - them.rating if china is not None and them is not None else float("nan")
        rows.append(dict(zip(SNAPSHOT, key)) | {
            "snapshot_precision": snap.snapshot_precision.iloc[0],
            "snapshot_end": snap.snapshot_end.iloc[0],
            "holder": " and ".join(first.model_name) if len(first) else "",
            "holder_side": ("tied" if first.attrs.get("tied_unrecorded") else
                            " and ".join(sorted(set(first.side))) if len(first) else ""),
            "holder_prerelease": bool(len(first) and first.prerelease.any()),
            "passed_over": _passed_over(snap, first),
            "top_n": n,
            "ranks_derived": bool("rank_basis" in snap and (snap.rank_basis == "derived").any()),
            "intervals": bool(snap.ci_low.notna().any()),
            "china_model": china.model_name if china is not None else "",
            "china_rating": china.rating if china is not None else float("nan"),
            "other_model": them.model_name if them is not None else "",
            "other_rating": them.rating if them is not None else float("nan"),
            "lead": lead, "level": _level(china, them) if pd.notna(lead) else None})
    out = pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)
    return out.sort_values(BOARD + ["snapshot_on", "source_id"]).reset_index(drop=True)


RUN_COLUMNS = BOARD + ["side", "holders", "first_on", "first_precision", "last_on",
                       "last_precision", "snapshots", "from_early", "days_seen", "days_seen_high",
                       "days_high", "current",
                       "prerelease_first"]


def runs(snaps: pd.DataFrame, window_end) -> pd.DataFrame:
    """Per board, spells: consecutive snapshots whose first place is on the same side.
    ``days_seen`` to ``days_seen_high`` is the span of the spell's snapshots (first to last, a
    range where a snapshot is dated only to its month; whether first place changed hands between
    two snapshots is not recorded, so it is what the snapshots show, not a floor);
    ``days_high`` is the most it can have lasted: from the day after the previous spell's last
    snapshot to the day before the next spell's first (or ``window_end`` while ``current``),
    missing for a board's first spell, whose start no earlier snapshot bounds (``from_early`` NaT)."""
    window_end = pd.Timestamp(window_end)
    out = []
    for board, snap in snaps[snaps.holder_side != ""].groupby(BOARD, sort=True):
        snap = snap.sort_values(["snapshot_on", "snapshot_end"])
        group = (snap.holder_side != snap.holder_side.shift()).cumsum()
        parts = [part for _, part in snap.groupby(group, sort=True)]
        for i, part in enumerate(parts):
            first_end, last_on = part.snapshot_end.iloc[0], part.snapshot_on.iloc[-1]
            early = parts[i - 1].snapshot_end.iloc[-1] + pd.Timedelta(days=1) if i else pd.NaT
            late = (parts[i + 1].snapshot_on.iloc[0] - pd.Timedelta(days=1)
                    if i + 1 < len(parts) else window_end)
            out.append(dict(zip(BOARD, board)) | {
                "side": part.holder_side.iloc[0],
                "holders": " / ".join(dict.fromkeys(part.holder)),
                "first_on": part.snapshot_on.iloc[0],
                "first_precision": part.snapshot_precision.iloc[0], "last_on": last_on,
                "last_precision": part.snapshot_precision.iloc[-1],
                "snapshots": len(part), "from_early": early,
                "days_seen": max((last_on - first_end).days, 0),
                "days_seen_high": (part.snapshot_end.iloc[-1] - part.snapshot_on.iloc[0]).days,
                "prerelease_first": bool(part.holder_prerelease.iloc[0]),
                "days_high": (late - early).days if i else pd.NA, "current": i + 1 == len(parts)})
    out = pd.DataFrame(out, columns=RUN_COLUMNS)
    return out.astype({"days_seen": "Int64", "days_seen_high": "Int64", "days_high": "Int64"})
