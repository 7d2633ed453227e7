"""The data layer: the schema, located validation, typed loading, dates and the codebook.

It imports nothing from ``videorace.analysis`` or ``videorace.pipeline`` (a test reads the
imports). Notebooks call ``videorace.data.load()``.
"""

from videorace.data.loading import Dataset, DataError, UndeclaredTable, load  # noqa: F401
