"""videorace.analysis.sides on a small hand-made dataset: which side a maker counts on, and which
makers a report names because they are on neither side or a note decided their side."""

from types import SimpleNamespace

import pandas as pd
import pytest

from videorace.analysis import sides


@pytest.mark.parametrize("country,side", [("CN", "China"), ("US", "the West"), ("IL", "the West"),
                                          ("AU", "the West"), ("GB", "the West"),
                                          ("JP", "neither side"), ("SG", "neither side"),
                                          ("RU", "neither side"), ("SA", "neither side"), (None, "neither side"),
                                          (float("nan"), "neither side")])
def test_side_follows_the_one_definition(country, side):
    # Israel and Australia are Western by vocab.WEST; Japan, Singapore, Russia, the Gulf are not
    assert sides.side(country) == side


def _ds():
    orgs = pd.DataFrame({
        "org_id": ["hpcai", "rhymes", "lightricks", "krea", "zhipu", "skywork"],
        "name": ["HPC-AI Tech", "Rhymes AI", "Lightricks", "Krea", "Zhipu", "Skywork"],
        "country": ["CN", "JP", "IL", None, "CN", "CN"],
        "note": ["Counted on China's side: built by its Chinese operating company.",
                 "Low confidence: counted outside China, on neither side.", None,
                 "Country not sourced.", "Maker of Ying.", "Maker of SkyReels."]})
    models = pd.DataFrame({"model_id": ["opensora", "allegro", "ltx", "krea_v", "ying", "skyreels"],
                           "org_id": ["hpcai", "rhymes", "lightricks", "krea", "zhipu", "skywork"]})
    return SimpleNamespace(organizations=orgs, models=models)


def test_noted_lists_makers_on_neither_side_and_those_a_note_decides():
    noted = sides.noted(_ds(), ["opensora", "allegro", "ltx", "krea_v", "ying", "skyreels"])
    # HPC-AI Tech: China, decided by its note; Krea: no country, neither; Rhymes AI: Japan,
    # neither; Lightricks (Israel, the West), Zhipu and Skywork (China, no deciding note) are plain
    assert noted[["maker", "country", "side"]].values.tolist() == [
        ["HPC-AI Tech", "CN", "China"], ["Krea", "not in data", "neither side"],
        ["Rhymes AI", "JP", "neither side"]]
    assert noted.note.iloc[0].startswith("Counted on China's side")
    # only the makers of the models given
    assert sides.noted(_ds(), ["ying", "ltx"]).empty
    assert "Israel" in sides.SIDES_TEXT and "CN" in sides.SIDES_TEXT
