"""The index's picture of who led when: one strip per dimension of the answer (against the West,
usable products, when a report gives it), from Sora's announcement to the data's end, coloured by
who leads since when (``front``), the span a date range leaves open shaded, the time before a
leader's spell began 'unknown' (the answer says who leads since when, not before). Written with
its take-away files (PNG, SVG, CSV) into ``index_files/`` beside the index."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

from videorace.pipeline import front

FOLDER, STEM = "index_files", "who-led-when"
COLOURS = {"China": "#d62728", "the West": "#1f77b4", "level": "#9e9e9e", "unknown": "#f0f0f0"}
RANGE = re.compile(r"(?:between )?(\S+) (?:and|to) (\S+)$")


def sora_announced(data_dir: Path) -> date | None:
    """The first day Sora was announced, from ``model_events.csv`` (its day-dated 'announced'
    events, the earliest), None when the data has none."""
    path = Path(data_dir) / "model_events.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as f:
        days = [front._day(r["happened_on"]) for r in csv.DictReader(f)
                if r["model_id"] == "sora" and r["event"] == "announced" and r["precision"] == "day"]
    return min((d for d in days if d), default=None)


def chosen(columns: list[dict]) -> dict | None:
    """The column the picture draws: usable products against the West, else the first usable,
    else the first."""
    usable = [c for c in columns if front.basis_of(c) == "usable"] or columns
    return next((c for c in usable if "West" in c["title"]), usable[0] if usable else None)


def category(now: str) -> str:
    """China, the West (any other side leading), level (also neither yet) or unknown."""
    if now == "China":
        return "China"
    if now in ("level", "neither yet"):
        return "level"
    if now in ("no comparison", "") or now.startswith(("no comparable", "not applicable")):
        return "unknown"
    return "the West"


def spell(since: str) -> tuple[date | None, date | None]:
    """The first and the last day a spell can have begun, from a row's 'since' ('2026-08-07',
    'between A and B', 'A to B', 'throughout (from A)', 'by May 2026'); (None, None) when it
    gives none."""
    text = front.short_since(since).removeprefix("throughout (from ").rstrip(")")
    found = RANGE.match(text)
    if found:
        return front._day(found.group(1)), front._day(found.group(2))
    if text.startswith("by "):
        return None, front._day(text[3:])
    day = front._day(text)
    return day, day


def strips(column: dict, start: date, end: date) -> list[dict]:
    """Per dimension of ``column`` (a row that applies and has a comparable score), its spans from
    ``start`` to ``end``: unknown before the spell began, uncertain between its first and last
    possible day, then its leader up to the end (a board: up to its latest snapshot, unknown
    after), each with the dimension, first and last day, who and how sure (certain, uncertain:
    the spell began within it, unknown)."""
    out = []
    for row in column["answer"]["rows"]:
        who = category(row["now"])
        if row["now"].startswith(("no comparable", "not applicable")):
            continue
        name = front.board_words(row["row"])
        first, last = spell(row.get("since", ""))
        first = max(first or last or end, start)
        last = min(max(last or first, first), end)
        seen = min(front._day(front.snapshot_of(row)) or end, end)  # a board: its latest snapshot
        spans = [("unknown", start, first - timedelta(days=1), "unknown"),
                 (who, first, last - timedelta(days=1), "uncertain"), (who, last, seen, "certain"),
                 ("unknown", seen + timedelta(days=1), end, "unknown")]
        if who == "unknown":
            spans = [("unknown", start, end, "unknown")]
        for leader, a, b, how in spans:
            if b >= a:
                out.append({"dimension": name, "from": a.isoformat(), "to": b.isoformat(),
                            "leader": leader, "certainty": how})
    return out


def alt_text(spans: list[dict], start: date, end: date) -> str:
    """What the picture shows in words: per strip, who leads at the end and from when."""
    last = {}
    for s in spans:
        if s["certainty"] == "certain":
            last[s["dimension"]] = s
    parts = [f"{d}: {s['leader']} from {s['from']}" + (f" to {s['to']}" if s["to"] != end.isoformat() else "")
             for d, s in last.items()]
    parts += [f"{d}: unknown" for d in dict.fromkeys(s["dimension"] for s in spans) if d not in last]
    return (f"Who led when, {start.isoformat()} (Sora's announcement) to {end.isoformat()}, one strip "
            f"per dimension. " + "; ".join(parts) + ".")


def to_csv(spans: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["dimension", "from", "to", "leader", "certainty"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(spans)
    return buffer.getvalue()


def draw(spans: list[dict], start: date, end: date, title: str):
    """The strips as a matplotlib figure: one row per dimension, spans coloured by leader, the
    uncertain ones hatched and lighter."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure  # no pyplot: no backend switched, no figure kept
    from matplotlib.patches import Patch

    names = list(dict.fromkeys(s["dimension"] for s in spans))
    fig = Figure(figsize=(9.5, 0.3 * len(names) + 1.1), dpi=144)
    ax = fig.subplots()
    for i, name in enumerate(names):
        for s in (s for s in spans if s["dimension"] == name):
            a, b = mdates.date2num(date.fromisoformat(s["from"])), mdates.date2num(date.fromisoformat(s["to"]))
            uncertain = s["certainty"] == "uncertain"
            ax.broken_barh([(a, b - a + 1)], (i - 0.35, 0.7), facecolors=COLOURS[s["leader"]],
                           alpha=0.45 if uncertain else 1.0, hatch="///" if uncertain else None,
                           edgecolor="white", linewidth=0.5)
    ax.set_yticks(range(len(names)), names, fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end) + 1)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.tick_params(axis="x", labelsize=8.5)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=10, loc="left")
    legend = [Patch(facecolor=c, edgecolor="#999999", label=k) for k, c in COLOURS.items()]
    legend.append(Patch(facecolor="#cccccc", hatch="///", edgecolor="#999999", label="spell began within this span"))
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.45, -0.12), ncol=5, fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def write(out: Path, columns: list[dict], data_dir: Path) -> dict | None:
    """Write the picture and its CSV into ``out/index_files/`` and return what the index shows
    (paths, alt text), or None (and remove an old picture) when there is no answer or no
    announcement to start from."""
    folder = Path(out) / FOLDER
    column, start = chosen(columns), sora_announced(data_dir)
    line = front.date_line(columns, "")
    if column is None or start is None or line is None:
        for old in folder.glob(f"{STEM}.*"):
            old.unlink()
        return None
    end = front._day(line["data_to"])
    spans = strips(column, start, end)
    fig = draw(spans, start, end, f"Who led when: {front.header(column['title'])}")
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / f"{STEM}.png", format="png")
    fig.savefig(folder / f"{STEM}.svg", format="svg", metadata={"Date": None})
    (folder / f"{STEM}.csv").write_text(to_csv(spans), encoding="utf-8")
    return {"png": f"{FOLDER}/{STEM}.png", "svg": f"{FOLDER}/{STEM}.svg", "csv": f"{FOLDER}/{STEM}.csv",
            "alt": alt_text(spans, start, end), "html": column["html"]}
