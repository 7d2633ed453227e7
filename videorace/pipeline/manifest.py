"""``reports.toml``: which reports to build, with their parameters and the tables each reads."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from videorace.data.schema import TABLES


class BuildError(Exception):
    """A user-facing problem with the build's inputs (manifest, options): printed as one line."""


@dataclass
class Report:
    notebook: str
    set: str
    title: str
    parameters: dict = field(default_factory=dict)
    reads: tuple[str, ...] = tuple(TABLES)
    baseline: bool = False  # also executed by `make refresh` into notebooks/sets/ for nbval

    @property
    def key(self) -> str:
        return self.notebook if self.set == "default" else f"{self.notebook}__{self.set}"

    @property
    def html_name(self) -> str:
        return f"{self.key}.html"

    @property
    def files_dir(self) -> str:
        """The folder beside the report with its take-away files (charts as PNG and SVG, data as CSV)."""
        return f"{self.key}_files"


# --- manifest ---------------------------------------------------------------------------------

def unknown_parameter(notebook: str, parameters: dict, declared) -> str | None:
    """A message for the first name in ``parameters`` that ``notebook`` does not declare, naming
    the closest declared one; None when every name is declared. A misspelt name must not pass:
    papermill would run the notebook at its default and the report would claim the setting."""
    from videorace.data.vocab import did_you_mean

    for name in parameters:
        if name not in declared:
            hint = did_you_mean(name, list(declared))
            hint = f"; {hint}" if hint else ""
            listed = ", ".join(declared) or "none, it has no parameters cell"
            return f"{notebook} has no parameter {name!r}{hint} (its parameters: {listed})"
    return None


def load_manifest(path: Path, notebooks: list[str], directory: Path | None = None) -> list[Report]:
    """Reports listed in ``path`` plus one default report for every notebook it does not list."""
    entries, reads = [], {}
    if path.is_file():
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise BuildError(f"{path.name}: expected valid TOML, found {err}") from None
        for name, spec in doc.get("notebooks", {}).items():
            tables = spec.get("reads", list(TABLES))
            unknown = [t for t in tables if t not in TABLES]
            if name not in notebooks or unknown:
                raise BuildError(f"{path.name}: [notebooks.{name}]: expected a notebook in notebooks/ "
                                 f"reading tables from {', '.join(TABLES)}, found "
                                 f"{name if name not in notebooks else unknown[0]!r}")
            reads[name] = tuple(tables)
        for i, spec in enumerate(doc.get("report", []), 1):
            where = f"{path.name}: report #{i}"
            nb, pset = spec.get("notebook"), spec.get("set")
            if nb not in notebooks:
                raise BuildError(f"{where}: notebook: expected one of {', '.join(notebooks)}, "
                                 f"found {nb!r}")
            if not isinstance(pset, str) or not pset.replace("_", "").replace("-", "").isalnum():
                raise BuildError(f"{where}: set: expected a name of letters, digits, - and _, "
                                 f"found {pset!r}")
            params = spec.get("parameters", {})
            if not isinstance(params, dict):
                raise BuildError(f"{where}: parameters: expected a table, found {params!r}")
            if directory is not None:
                from videorace.pipeline.notebooks import defaults

                try:
                    declared = defaults(nb, directory)
                except ValueError as err:
                    raise BuildError(f"{where}: {err}") from None
                problem = unknown_parameter(nb, params, declared)
                if problem:
                    raise BuildError(f"{where}: parameters: {problem}")
            baseline = spec.get("baseline", False)
            if not isinstance(baseline, bool):
                raise BuildError(f"{where}: baseline: expected true or false, found {baseline!r}")
            entries.append(Report(nb, pset, spec.get("title") or f"{nb} ({pset})", params,
                                  baseline=baseline))
    keys = [r.key for r in entries]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise BuildError(f"{path.name}: expected each notebook/set once, found {sorted(dupes)[0]} "
                         "twice")
    listed = {r.notebook for r in entries}
    for nb in notebooks:
        if nb not in listed:
            entries.append(Report(nb, "default", nb.split("_", 1)[1].replace("_", " ").capitalize()))
    for r in entries:
        r.reads = reads.get(r.notebook, tuple(TABLES))
    return sorted(entries, key=lambda r: (r.notebook, r.set != "default", r.set))
