"""The catch-up, dimension by dimension (notebooks/06_catch_up): ``dimensions`` (the registry: one
declared object per dimension), ``compute`` (the engine: items, sides, frontiers, lags), ``run``
(what a run compares, ``Run``, and what it found, ``Race``), ``scores`` (VBench classes), ``text``
(values, lags and sentences in words), ``charts``, ``answer``, and the arena boards (``arena``:
snapshots, first places and their spells; ``arena_text``; ``arena_lines``: ratings over time),
``open_weights`` (open releases per side and quarter, best open model on the boards).
Everything public is reachable here as ``catchup.<name>``.
"""

from videorace.analysis.catchup.compute import (  # noqa: F401
    CHINA,
    ITEM_COLUMNS,
    sides,
    frontier,
    first_match,
    lags,
    standing,
    families,
    side_label,
    latest,
    comparator_choices,
)
from videorace.analysis.catchup.dimensions import (  # noqa: F401
    Dimension,
    REGISTRY,
    register,
    items,
    source_ids,
)
from videorace.analysis.catchup.dimensions import choices as dimension_choices  # noqa: F401
from videorace.analysis.catchup.run import Run, Race, race  # noqa: F401
from videorace.analysis.catchup.scores import (  # noqa: F401
    vbench_scores,
    vbench_spread,
    vbench_by_class,
    vbench_class_choices,
    chosen_vbench_class,
)
from videorace.analysis.catchup.text import (  # noqa: F401
    value_text,
    lag_text,
    lag_table,
    summary,
    key_figures,
    headline,
    plot_alt,
    comparison_note,
    vbench_class_text,
)
from videorace.analysis.catchup.charts import (  # noqa: F401
    plot,
)
from videorace.analysis.catchup import arena, arena_lines, arena_text, open_weights  # noqa: F401
from videorace.analysis.catchup.answer import YEAR_END, answer as answer_table  # noqa: F401
