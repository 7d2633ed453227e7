"""The data layer: the schema, located validation, typed loading, dates and the codebook.

It imports nothing from ``videorace.analysis`` or ``videorace.pipeline`` (a test reads the
imports). Notebooks call ``videorace.data.load()``. The loader (and pandas with it) is imported
only when first used, so the build's processes can read the schema without loading pandas.
"""

from __future__ import annotations

_LOADING = ("load", "Dataset", "DataError", "UndeclaredTable")


def __getattr__(name: str):
    if name in _LOADING:
        from videorace.data import loading

        return getattr(loading, name)
    raise AttributeError(f"module 'videorace.data' has no attribute {name!r}")
