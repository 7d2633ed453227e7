"""The build's own pages, ``index.html`` and its sections, rendered from the Jinja2 templates in
``templates/pages/`` with autoescape on: every value from the data, the state or an error message
is escaped by the template, none by hand."""

from __future__ import annotations

import functools
from pathlib import Path

from markupsafe import Markup

from videorace.analysis.markup import SIDE_WORDS
from videorace.pipeline.state import shown

PAGES = Path(__file__).parent / "templates" / "pages"
NONE = "(none)"  # the old value of a figure that appeared, the new value of one that went


def parameters(values: dict) -> str:
    """``name = value, ...``, or 'defaults' when there are none."""
    return ", ".join(f"{k} = {v}" for k, v in values.items()) or "defaults"


def since(text: str) -> str:
    """'since 2025-02-01'; a date already led by 'by' (a board's first spell) keeps its own."""
    return text if text.startswith("by ") else f"since {text}"


@functools.lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(PAGES)), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["shown"] = shown
    env.globals.update(parameters=parameters, since=since,
                       side=lambda v: SIDE_WORDS.get(v, v),
                       value=lambda v: NONE if v is None else v)
    return env


def render(template: str, **context) -> Markup:
    """The template's HTML, marked safe so that a page including it does not escape it again."""
    return Markup(environment().get_template(template).render(**context).rstrip("\n"))
