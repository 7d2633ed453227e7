"""One vocabulary: every class list the data defines (availability classes, bases, event stages,
leaderboards, tracks, sides...) is spelled once, in ``videorace.data.vocab``, and imported
everywhere else. A module that spells two or more values of one list in a literal of its own, or
writes China's country code, has a second copy that can drift from the first."""

import ast

from videorace import layers
from videorace.data import vocab
from videorace.pipeline import config

SOURCES = layers.package_sources(config.PROJECT_DIR)
OWN = "videorace/data/vocab.py"


def vocabularies() -> dict[str, frozenset]:
    """Each class list of ``vocab`` (tuples and dict keys of strings, two or more values)."""
    found = {}
    for name, value in vars(vocab).items():
        if name.isupper() and isinstance(value, (tuple, frozenset, dict)) and name != "ISO_3166_ALPHA2":
            values = frozenset(v for v in value if isinstance(v, str))
            if len(values) >= 2:
                found[name] = values
    return found


def respelled(sources: dict[str, str], lists: dict[str, frozenset]) -> list[str]:
    """Every literal tuple, list or set of two or more strings, all from one vocabulary list,
    outside ``vocab``; and every string 'CN' (China's code, ``vocab.CHINA``)."""
    out = []
    for path, text in sorted(sources.items()):
        if path == OWN:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and node.value == vocab.CHINA:
                out.append(f"{path}:{node.lineno}: {vocab.CHINA!r} (use vocab.CHINA)")
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                words = [e.value for e in node.elts if isinstance(e, ast.Constant)
                         and isinstance(e.value, str)]
                if len(words) < 2 or len(words) != len(node.elts):
                    continue
                for name, values in lists.items():
                    if set(words) <= values:
                        out.append(f"{path}:{node.lineno}: {tuple(words)} (use vocab.{name})")
                        break
    return out


def test_each_class_list_is_spelled_once():
    assert respelled(SOURCES, vocabularies()) == []


def test_the_check_finds_a_second_spelling():
    planted = {"videorace/analysis/x.py": 'USABLE = ("beta", "public")\nchina = t.country == "CN"\n',
               OWN: 'BASES = ("usable", "demonstrated")\n'}
    found = respelled(planted, vocabularies())
    assert found[0].startswith("videorace/analysis/x.py:1: ('beta', 'public') (use vocab.")
    assert found[1] == "videorace/analysis/x.py:2: 'CN' (use vocab.CHINA)"
