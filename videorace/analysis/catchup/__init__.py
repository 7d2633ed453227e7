"""The catch-up, dimension by dimension (notebooks/06_catch_up): ``compute`` (items, sides,
frontiers, lags), ``text`` (values, lags and sentences in words), ``charts``, and the arena
boards (``arena``: snapshots, first places and their spells; ``arena_text``). Everything public
is reachable here as ``catchup.<name>``.
"""

from videorace.analysis.catchup.compute import (  # noqa: F401
    DIMENSIONS,
    dimension_name,
    CHINA,
    ITEM_COLUMNS,
    items,
    sides,
    frontier,
    first_match,
    lags,
    standing,
    catch_up,
    comparator_choices,
    applicable,
    families,
    side_label,
    source_ids,
)
from videorace.analysis.catchup.scores import (  # noqa: F401
    vbench_scores,
    vbench_spread,
    vbench_by_class,
    vbench_class_choices,
    chosen_vbench_class,
    context,
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
    plot_arena,
)
from videorace.analysis.catchup import arena, arena_text  # noqa: F401
from videorace.analysis.catchup.compute import ALL_DIMENSIONS, latest  # noqa: F401
from videorace.analysis.catchup.answer import YEAR_END, answer as answer_table  # noqa: F401
