"""Rules that span rows or tables, beyond what one cell can show: a video model's maker has a
country and the model an openness, a licence only for open weights, a parent that is an earlier
model (no model its own ancestor), a benchmark metric the benchmark publishes, a region only on a
capability row that says what users could generate (beta or public), an arena rank that says
whether it was published or derived, a quarterly or yearly figure dated at the precision of its
period, and no event, price or
figure dated after the source that states it was published (a source cannot report the future,
unless its note says the source was updated later).

Each problem is located like the cell checks: ``data/<file>.csv:<line>: <column>: <expected>,
found <value>``. Cells that already failed their own check are not judged again.
"""

from __future__ import annotations

from datetime import date

from videorace.data.dates import period_end, period_start
from videorace.data.schema import BENCHMARK_METRICS, PERIOD_PRECISION, VIDEO_KINDS
from videorace.data.sheets import Problem, Sheet, shown
from videorace.data.vocab import BASIS_CLASSES

USABLE = BASIS_CLASSES["usable"]


def _rows(sheet: Sheet, *columns: str):
    """(line, row) of a readable sheet whose ``columns`` all passed their cell checks."""
    if not sheet.readable:
        return
    for line, row in sheet.records:
        if not sheet.bad.get(line, set()) & set(columns):
            yield line, row


def check(sheets: dict[str, Sheet], problems: list[Problem]) -> None:
    models = sheets["models"]
    check_video_models(models, sheets["organizations"], problems)
    check_parents(models, problems)
    check_benchmarks(sheets["benchmarks"], problems)
    check_region(sheets.get("capabilities"), problems)
    if "arena_ratings" in sheets:
        check_rank_basis(sheets["arena_ratings"], problems)
    check_periods(sheets["metrics"], problems)
    check_not_after_source(sheets, problems)


def check_video_models(models: Sheet, orgs: Sheet, problems: list[Problem]) -> None:
    """Openness for every video model, a licence only with open weights, a country for its maker."""
    makers: dict[str, str] = {}
    for line, row in _rows(models, "kind", "openness", "licence", "org_id"):
        video = row["kind"] in VIDEO_KINDS
        if video:
            makers.setdefault(row["org_id"], row["model_id"])
        if video and not row["openness"]:
            problems.append(Problem(models.display, line, "openness",
                                    f"a value for a {row['kind']} model", shown("")))
        if row["licence"] and "open_weights" not in row["openness"].split(";"):
            problems.append(Problem(models.display, line, "licence",
                                    "empty unless openness includes open_weights",
                                    shown(row["licence"])))
    for line, row in _rows(orgs, "org_id", "country"):
        if row["org_id"] in makers and not row["country"]:
            problems.append(Problem(
                orgs.display, line, "country",
                f"a country code for the maker of the video model {makers[row['org_id']]}",
                shown("")))


def check_parents(models: Sheet, problems: list[Problem]) -> None:
    """A parent is another model, and following parents never comes back to the model."""
    parent = {row["model_id"]: row["parent_model_id"] for _, row in
              _rows(models, "model_id", "parent_model_id") if row["parent_model_id"]}
    for line, row in _rows(models, "model_id", "parent_model_id"):
        start, seen, step = row["model_id"], set(), row["parent_model_id"]
        while step and step not in seen and step != start:
            seen.add(step)
            step = parent.get(step, "")
        if step and step == start:
            problems.append(Problem(models.display, line, "parent_model_id",
                                    "an earlier model, not the model itself or one of its "
                                    "successors", shown(row["parent_model_id"])))


def check_benchmarks(benchmarks: Sheet, problems: list[Problem]) -> None:
    """The metric is one the benchmark publishes (an Elo from an arena, not from VBench)."""
    for line, row in _rows(benchmarks, "benchmark", "benchmark_metric"):
        allowed = BENCHMARK_METRICS.get(row["benchmark"], ())
        if allowed and row["benchmark_metric"] not in allowed:
            problems.append(Problem(benchmarks.display, line, "benchmark_metric",
                                    f"one of {', '.join(allowed)} for benchmark {row['benchmark']}",
                                    shown(row["benchmark_metric"])))


def check_region(capabilities: Sheet | None, problems: list[Problem]) -> None:
    """A region says where users could generate a clip, so only a beta or public row has one."""
    if capabilities is None:
        return
    for line, row in _rows(capabilities, "availability", "region"):
        if row.get("region") and row["availability"] not in USABLE:
            problems.append(Problem(capabilities.display, line, "region",
                                    f"empty unless availability is {' or '.join(USABLE)} "
                                    f"(this row is {row['availability']})", shown(row["region"])))
def check_rank_basis(arena: Sheet, problems: list[Problem]) -> None:
    """A rank says whether the source states it or the project derived it, and only a rank does."""
    for line, row in _rows(arena, "rank", "rank_basis"):
        if row["rank"] and not row["rank_basis"]:
            problems.append(Problem(arena.display, line, "rank_basis",
                                    f"published or derived for the rank {row['rank']} (does the "
                                    "source state it, or was it ordered from a list of ratings?)",
                                    shown("")))
        elif row["rank_basis"] and not row["rank"]:
            problems.append(Problem(arena.display, line, "rank_basis",
                                    "empty when rank is empty", shown(row["rank_basis"])))


def check_periods(metrics: Sheet, problems: list[Problem]) -> None:
    """A figure for a quarter (a year) is dated at quarter (year) precision, so as_of names the
    period it covers and two periods' figures cannot be mistaken for one another."""
    for line, row in _rows(metrics, "period", "as_of_precision"):
        wanted = PERIOD_PRECISION.get(row["period"])
        if wanted and row["as_of_precision"] != wanted:
            problems.append(Problem(metrics.display, line, "as_of_precision",
                                    f"{wanted} for a figure whose period is {row['period']}",
                                    shown(row["as_of_precision"])))


#: Tables whose rows date something a source states: (table, date column, precision column).
DATED_FACTS = (("model_events", "happened_on", "precision"), ("capabilities", "as_of", "as_of_precision"),
               ("industry_events", "happened_on", "precision"),
               ("funding_rounds", "announced_on", "announced_precision"),
               ("arena_ratings", "snapshot_on", "snapshot_precision"),
               ("listings", "listed_on", "listed_precision"),
               ("prices", "price_from", "price_from_precision"))


def check_not_after_source(sheets: dict[str, Sheet], problems: list[Problem]) -> None:
    """A row's date (its first possible day) is not after the last possible day its source was
    published, unless the row's note says the source was updated (a living page, a README)."""
    published = {}
    for _, row in _rows(sheets["sources"], "source_id", "published_on", "published_precision"):
        day = date.fromisoformat(row["published_on"])
        published[row["source_id"]] = period_end(day, row["published_precision"])
    for table, column, precision in DATED_FACTS:
        sheet = sheets.get(table)
        if sheet is None:
            continue
        for line, row in _rows(sheet, column, precision, "source_id"):
            last = published.get(row["source_id"])
            if last is None or not row[column]:
                continue
            first = period_start(date.fromisoformat(row[column]), row[precision])
            if first > last and "updated" not in row.get("note", "").lower():
                problems.append(Problem(
                    sheet.display, line, column,
                    f"a date on or before {last.isoformat()}, the last day source "
                    f"{row['source_id']} can have been published (a source cannot report the "
                    "future; say in the note if the source was updated)", shown(row[column])))
