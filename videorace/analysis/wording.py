"""Small pieces of English the analyses and notebooks share: counts that agree with their nouns."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 figure', '3 figures', '0 days' (or the given plural): the noun agrees with the count."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def verb(n: int, singular: str = "is", plural: str = "are") -> str:
    """The verb that agrees with ``n``: 'is' for 1, 'are' otherwise."""
    return singular if n == 1 else plural
