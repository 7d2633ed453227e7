"""videorace.analysis.tokens.columns: the headers and cell formats of notebook 04's tables."""

import re

from videorace.analysis import tokens as t


def test_cell_formats():
    assert t.times(2.5) == "x2.50"
    assert t.share(0.9964) == "99.6%"
    assert t.whole(6469.4) == "6,469"
    assert t.cents(4493.062) == "4,493.06"
    assert t.three_digits(2.226) == "2.23" and t.three_digits(180.0) == "180"


def test_headers_are_words_and_every_cost_header_says_one_sequence():
    headers = [*t.OMISSION_COLUMNS.values(), *t.cost_columns("h100").values(),
               *t.CHUNK_COLUMNS.values(), *t.HEADLINE_COLUMNS.values(),
               *t.UTILISATION_HEADERS.values(), *t.ARCHITECTURE_HEADERS.values()]
    assert not [h for h in headers if re.search(r"[a-z]_[a-z]", h)]  # no snake_case names
    costs = t.cost_columns("h100")
    assert costs["gpu_seconds"] == "GPU-seconds (H100), one sequence"
    assert all("one sequence" in costs[c] for c in ("flops", "gpu_seconds", "usd"))
    assert t.UTILISATION_HEADERS["passes_per_step"] == "Guidance passes per step"
