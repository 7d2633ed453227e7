"""Chinese model names are drawn in charts (a CJK fallback font), and no library warning reaches a
published report."""

import warnings

import nbformat

from videorace.analysis import plots
from videorace.pipeline import notebooks


def test_a_chinese_model_name_is_drawn_without_a_missing_glyph_warning():
    import matplotlib.pyplot as plt

    import io
    import logging

    logged = io.StringIO()
    handler = logging.StreamHandler(logged)
    logging.getLogger("matplotlib.font_manager").addHandler(handler)
    plots.use_style()
    fig, ax = plt.subplots()
    ax.set_title("可灵 1.0 against 即梦")
    ax.set_xticks([0, 1], ["海螺 Hailuo", "Vidu"])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    logging.getLogger("matplotlib.font_manager").removeHandler(handler)
    assert plots.CJK_FONT == "Noto Sans SC"
    assert "Failed to find font weight" not in logged.getvalue()  # bold titles, one weight
    assert [str(w.message) for w in seen if "missing from font" in str(w.message)] == []


def test_what_a_cell_wrote_to_stderr_is_taken_out_of_the_report_and_returned():
    cell = nbformat.v4.new_code_cell("draw()", outputs=[
        nbformat.v4.new_output("stream", name="stderr",
                               text="/x/plots.py:3: UserWarning: Glyph 21487 missing from font(s)\n"
                                    "  fig.savefig(buf)\n"),
        nbformat.v4.new_output("stream", name="stdout", text="kept\n")])
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert notebooks.take_stderr(nb) == ["/x/plots.py:3: UserWarning: Glyph 21487 missing from font(s)",
                                         "  fig.savefig(buf)"]
    assert [o["name"] for o in nb.cells[0].outputs] == ["stdout"]
    html = notebooks.to_html(nb, {"title": "t", "notebook": "n", "set": "s", "parameters": {},
                                  "data_hash": "0" * 64, "data_dir": "d", "version": "v"})
    assert "UserWarning" not in html and "kept" in html
