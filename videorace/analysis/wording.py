"""Small pieces of English the analyses and notebooks share: counts that agree with their nouns."""

from __future__ import annotations

import pandas as pd


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 figure', '3 figures', '0 days' (or the given plural): the noun agrees with the count."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def verb(n: int, singular: str = "is", plural: str = "are") -> str:
    """The verb that agrees with ``n``: 'is' for 1, 'are' otherwise."""
    return singular if n == 1 else plural


def named_counts(names: pd.Series) -> str:
    """Names once each, in order of first appearance, with how often each repeats: 'MiniMax,
    Moonshot AI (2) and Zhipu AI (3)'; so a sentence stays readable over thirty rounds."""
    counts = names.value_counts(sort=False)
    parts = [f"{name} ({n})" if n > 1 else str(name) for name, n in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def grouped(rows: pd.DataFrame, by: str, what: str, joiner: str) -> str:
    """One entry per ``by`` value with its ``what`` values named once each (``named_counts``):
    'Alibaba in MiniMax, Moonshot AI and Zhipu AI (2); Tencent in Moonshot AI'."""
    return "; ".join(f"{key}{joiner}{named_counts(group[what])}"
                     for key, group in rows.groupby(by, sort=False))
