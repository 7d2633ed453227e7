"""Bad input for the rules across rows and tables (country, openness, licence, parent model, benchmarks,
the new event kinds): each case plants one defect in a copy of the data, runs
``python -m videorace validate`` as a user would, and checks the message names file, line and
column, the exit is non-zero and there is no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_bad_input import _rows, _write, duplicate_row, remove_file, set_cell


def benchmark_cell(column, value):
    """Set ``column`` of the first benchmarks row (line 2)."""
    def plant(d: Path):
        rows = _rows(d / "benchmarks.csv")
        rows[1][rows[0].index(column)] = value
        _write(d / "benchmarks.csv", rows)
        return "benchmarks.csv", 2, column
    return plant


def flagged_at(plant, column):
    """The same defect, reported on another column of its row (the rule names the precision)."""
    def planted(d: Path):
        file, line, _ = plant(d)
        return file, line, column
    return planted


CASES = {
    "country not an ISO code": (set_cell("organizations.csv", "kuaishou", "country", "XX"),
                                "an ISO 3166-1 alpha-2 country code"),
    "country in lower case": (set_cell("organizations.csv", "kuaishou", "country", "cn"),
                              "an ISO 3166-1 alpha-2 country code"),
    "video maker without a country": (set_cell("organizations.csv", "kuaishou", "country", ""),
                                      "a country code for the maker of the video model kling"),
    "openness outside the list": (set_cell("models.csv", "kling_1_6", "openness",
                                           "closed_app;free"),
                                  "one or more of closed_app, api, open_weights, research_only"),
    "openness value twice": (set_cell("models.csv", "kling_1_6", "openness", "api;api"), "each once"),
    "openness with an empty part": (set_cell("models.csv", "kling_1_6", "openness", "api;"),
                                    "one or more of closed_app"),
    "video model without openness": (set_cell("models.csv", "kling", "openness", ""),
                                     "a value for a text_to_video model"),
    "licence without open weights": (set_cell("models.csv", "kling", "licence", "MIT"),
                                     "empty unless openness includes open_weights"),
    "unknown parent model": (set_cell("models.csv", "kling_1_6", "parent_model_id", "kling_9"),
                             "an id listed in models.csv"),
    "model its own parent": (set_cell("models.csv", "kling_1_5", "parent_model_id", "kling_1_5"),
                             "not the model itself or one of its successors"),
    "parents in a cycle": (set_cell("models.csv", "kling", "parent_model_id", "kling_1_6"),
                           "not the model itself or one of its successors"),
    "event kind outside the list": (set_cell("model_events.csv", "ev_mochi_1_weights_repo", "event",
                                             "leaked"), "one of announced, unveiled"),
    "benchmark outside the list": (benchmark_cell("benchmark", "mmlu"), "one of vbench, video_arena"),
    "metric the benchmark does not publish": (benchmark_cell("benchmark_metric", "elo"),
                                              "one of total, quality, semantic for benchmark vbench"),
    "benchmark of an unknown model": (benchmark_cell("model_id", "no_such_model"),
                                      "an id listed in models.csv"),
    "benchmark without a source": (benchmark_cell("source_id", ""), "a value"),
    "negative score": (benchmark_cell("value", "-1"), "a number >= 0"),
    "score as text": (benchmark_cell("value", "86%"), "a number"),
    "benchmark date off its month": (set_cell("benchmarks.csv", "arxiv_flashvideo", "published_on",
                                              "2025-02-07", where=9), "first day of the month"),
    "benchmark without a date": (benchmark_cell("published_on", ""), "a value"),
    "benchmark twice": (duplicate_row("benchmarks.csv"), "a unique key (already on line 2)"),
    "missing benchmarks file": (remove_file("benchmarks.csv"), "no such file"),
    # Newser reported Sora's announcement on 2024-02-16; it cannot report an event of March
    "event after its only source": (set_cell("model_events.csv", "ev_sora_announced_newser",
                                             "happened_on", "2024-03-01"),
                                    "a source cannot report the future"),
    "arena rank without its basis": (set_cell("arena_ratings.csv", "lma_t2v_20260306_mochi_v1",
                                              "rank_basis", ""), "published or derived for the rank 37"),
    "arena basis without a rank": (set_cell("arena_ratings.csv", "aa_t2v_20250415_veo_2",
                                            "rank_basis", "published"), "empty when rank is empty"),
    "arena row without its source class": (set_cell("arena_ratings.csv", "aa_t2v_20250415_veo_2",
                                                    "source_class", ""), "a value"),
    "arena source class outside the list": (set_cell("arena_ratings.csv", "aa_t2v_20250415_veo_2",
                                                     "source_class", "newsletter"),
                                            "one of board, relay, maker, seller"),
    "figure after its source": (set_cell("capabilities.csv", "newser_sora", "as_of", "2024-05-01",
                                         where="source_id"), "the last day source newser_sora"),
    # the Sora report's row is a demonstration: no user could generate it anywhere
    "region on a demo row": (set_cell("capabilities.csv", "openai_sora_report", "region", "US",
                                      where="source_id"), "empty unless availability is beta or public"),
    "dated_by outside the list": (set_cell("capabilities.csv", "openai_sora_report", "dated_by", "copy",
                                           where="source_id"), "one of event, source"),
    "availability outside the list": (set_cell("capabilities.csv", "openai_sora_report", "availability",
                                               "shown", where="source_id"), "one of claimed, demo, sample"),
    # who states a figure, and the span it covers
    "statement kind outside the list": (set_cell("metrics.csv", "m_kling_users_0903",
                                                 "statement_kind", "rumour"),
                                        "one of company_report, analyst_estimate"),
    "figure without a period": (set_cell("metrics.csv", "m_kling_users_0903", "period", ""),
                                "a value"),
    "yearly figure dated to a day": (flagged_at(set_cell("metrics.csv", "m_kling_users_0903",
                                                         "period", "year"), "as_of_precision"),
                                     "year for a figure whose period is year"),
    # prices per second of video
    "price channel outside the list": (set_cell("prices.csv", "p_sora2_720_2025_10", "channel",
                                                "web"), "one of api, subscription"),
    "price list kind outside the list": (set_cell("prices.csv", "p_sora2_720_2025_10", "list_kind",
                                                  "official"), "one of maker, reseller"),
    "price without a currency": (set_cell("prices.csv", "p_sora2_720_2025_10", "currency", ""),
                                 "a value"),
    "price range upside down": (set_cell("prices.csv", "p_pv45_720_api_2025", "per_second_high",
                                         "0.05"), "a value >= per_second_low"),
    "price of an unknown model": (set_cell("prices.csv", "p_sora2_720_2025_10", "model_id",
                                           "sora_9"), "an id listed in models.csv"),
    "price dated after its source": (set_cell("prices.csv", "p_sora2pro_1024_2025_10", "price_from",
                                              "2025-12-01"), "a source cannot report the future"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_new_rules(case, data_copy):
    plant, expected = CASES[case]
    file, line, column = plant(data_copy)

    result = run_cli("validate", data_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    located = [ln for ln in result.stdout.splitlines() if f"{file}:" in ln and expected in ln]
    assert located, f"no message with {expected!r} for {file}:\n{output}"
    where = f"{file}:{line}" if line else file
    want = f"{where}: {column}:" if column else f"{where}:"
    assert any(want in ln for ln in located), f"expected {want!r} in:\n" + "\n".join(located)


def test_a_table_with_only_its_header_is_a_problem_naming_the_table(data_copy):
    from videorace.data.validate import validate

    claims = data_copy / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    problems = [str(p) for p in validate(data_copy)]
    assert any(p.endswith("claims.csv:2: rows: expected at least one row of claims (the reports "
                          "read every table), found only the header") for p in problems), problems
