"""``python -m videorace build``: execute the notebooks into HTML reports, in parallel, rebuilding
only what changed, and never replacing a good report with a broken one.

- Reports come from ``reports.toml`` (notebook, parameter set, title, parameters); a notebook with
  no entry gets one report at its defaults. The default set is ``<notebook>.html``; any other set
  is ``<notebook>__<set>.html``.
- A report is rebuilt when its fingerprint changes: the notebook, its parameters, the data files it
  reads (``reads`` in the manifest; all of them when undeclared), the package source, the
  requirements. ``--force`` rebuilds all.
- The data is validated before any notebook runs. A failing notebook leaves the published report
  and the index as they were; its executed copy goes to ``<out>/_failed/``.
- Every file is written to a temporary name and renamed into place; a lock file keeps two builds
  from interleaving (the second waits).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

from videorace import __version__, config
from videorace.schema import TABLES

STATE_FILE = ".build-state.json"
LOCK_FILE = ".build.lock"
FAILED_DIR = "_failed"
TMP_PREFIX = ".tmp-"


class BuildError(Exception):
    """A user-facing problem with the build's inputs (manifest, options): printed as one line."""


@dataclass
class Report:
    notebook: str
    set: str
    title: str
    parameters: dict = field(default_factory=dict)
    reads: tuple[str, ...] = tuple(TABLES)

    @property
    def key(self) -> str:
        return self.notebook if self.set == "default" else f"{self.notebook}__{self.set}"

    @property
    def html_name(self) -> str:
        return f"{self.key}.html"


# --- manifest ---------------------------------------------------------------------------------

def load_manifest(path: Path, notebooks: list[str]) -> list[Report]:
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
            entries.append(Report(nb, pset, spec.get("title") or f"{nb} ({pset})", params))
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


# --- fingerprints -----------------------------------------------------------------------------

def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


def environment_digest() -> str:
    """The package source, templates and pinned requirements: a change to any rebuilds all."""
    pkg = Path(__file__).parent
    files = sorted(pkg.rglob("*.py")) + sorted((pkg / "templates").rglob("*"))
    files.append(config.PROJECT_DIR / "requirements.txt")
    return _digest(*(f.read_bytes() for f in files if f.is_file()),
                   sys.version.encode(), __version__.encode())


def fingerprint(report: Report, data_dir: Path, env_digest: str) -> str:
    nb = (config.NOTEBOOKS_DIR / f"{report.notebook}.ipynb").read_bytes()
    params = json.dumps(report.parameters, sort_keys=True).encode()
    data = [t.encode() + b"=" + (data_dir / TABLES[t].filename).read_bytes() for t in report.reads]
    return _digest(nb, params, env_digest.encode(), *data)


# --- files ------------------------------------------------------------------------------------

def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    tmp = path.with_name(f"{TMP_PREFIX}{os.getpid()}-{path.name}")
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_state(out: Path) -> dict:
    try:
        return json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class BuildLock:
    """An exclusive lock on ``<out>/.build.lock``: a second build waits, saying so once."""

    def __init__(self, out: Path, log):
        self.path, self.log, self.fh = out / LOCK_FILE, log, None

    def __enter__(self):
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.log(f"another build holds {self.path}; waiting for it to finish")
            fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


# --- one report, in a worker process ----------------------------------------------------------

def run_report(report: Report, out: str, data_dir: str, data_hash: str) -> dict:
    """Execute one report and write its HTML to a temporary file in ``out``; the parent publishes.

    Returns a dict: status ('ok' or 'failed'), seconds, the temp HTML path or the failure message,
    and the key figures the notebook displayed.
    """
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from videorace import notebooks
    from videorace.report import KEY_FIGURES_KEY

    started = time.perf_counter()
    out_dir = Path(out)
    kernel_log = capture_stderr(out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.key}.log")
    executed = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.key}.ipynb"
    env = {config.DATA_DIR_ENV: str(data_dir), config.READS_ENV: ",".join(report.reads)}
    source = config.NOTEBOOKS_DIR / f"{report.notebook}.ipynb"
    try:
        nb = notebooks.execute(source, executed, report.parameters, env=env)
    except PapermillExecutionError as err:
        failed = out_dir / FAILED_DIR
        failed.mkdir(exist_ok=True)
        os.replace(executed, failed / f"{report.key}.ipynb")
        os.replace(kernel_log, failed / f"{report.key}.log")
        message = f"{err.ename}: {err.evalue}".strip()
        return {"status": "failed", "seconds": time.perf_counter() - started,
                "message": f"cell {err.exec_count}: {message}",
                "failed_copy": str(failed / f"{report.key}.ipynb")}
    except Exception as err:  # kernel died, notebook unreadable: still one line, still safe
        executed.unlink(missing_ok=True)
        (out_dir / FAILED_DIR).mkdir(exist_ok=True)
        os.replace(kernel_log, out_dir / FAILED_DIR / f"{report.key}.log")
        return {"status": "failed", "seconds": time.perf_counter() - started,
                "message": f"{type(err).__name__}: {err}".splitlines()[0], "failed_copy": ""}
    executed.unlink(missing_ok=True)
    kernel_log.unlink(missing_ok=True)
    nb = nbformat.from_dict(nb)
    figures = []  # ordered [name, value] pairs: the state file is written with sorted keys
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            figures += [[k, v] for k, v in output.get("metadata", {}).get(KEY_FIGURES_KEY, {}).items()]
    header = {"title": report.title, "notebook": report.notebook, "set": report.set,
              "parameters": report.parameters, "data_hash": data_hash,
              "data_dir": display_path(Path(data_dir)), "version": __version__}
    html = notebooks.to_html(nb, header)
    tmp_html = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.html_name}"
    atomic_write(tmp_html, html)
    return {"status": "ok", "seconds": time.perf_counter() - started, "tmp": str(tmp_html),
            "key_figures": figures}


def capture_stderr(path: Path) -> Path:
    """Point this worker's stderr (inherited by the kernels it starts) at ``path``: kernel chatter
    stays out of the build log and is kept beside the failed notebook when a report fails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    return path


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.PROJECT_DIR))
    except ValueError:
        return str(path)


# --- the build --------------------------------------------------------------------------------

class Progress:
    """A tqdm bar on a terminal; plain one-line messages otherwise (cron logs)."""

    def __init__(self, total: int):
        self.tty = sys.stderr.isatty()
        self.bar = None
        if self.tty and total:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="report", file=sys.stderr, leave=False)

    def log(self, message: str) -> None:
        if self.bar:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)

    def current(self, names: list[str]) -> None:
        if self.bar:
            self.bar.set_postfix_str(", ".join(names)[:60])

    def step(self) -> None:
        if self.bar:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar:
            self.bar.close()


def build(out: Path, data_dir: Path, only: list[str] | None = None, force: bool = False,
          jobs: int | None = None, manifest: Path = config.MANIFEST) -> int:
    from videorace.validate import validate

    problems = validate(data_dir)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"build: {len(problems)} problem(s) in the data; no notebook was run and no report "
              "changed", file=sys.stderr)
        return 1

    from videorace.validate import content_hash
    from videorace.notebooks import notebook_names

    reports = load_manifest(manifest, notebook_names())
    if only:
        names = {r.key for r in reports} | {r.notebook for r in reports}
        unknown = [o for o in only if o not in names]
        if unknown:
            raise BuildError(f"--only {unknown[0]}: expected a notebook or report, one of "
                             + ", ".join(sorted(names)))
        reports = [r for r in reports if r.key in only or r.notebook in only]

    out.mkdir(parents=True, exist_ok=True)
    progress_log = Progress(0).log
    with BuildLock(out, progress_log):
        for stale in out.glob(f"{TMP_PREFIX}*"):  # left by a build that was killed
            stale.unlink(missing_ok=True)
        state = read_state(out)
        env_digest = environment_digest()
        data_hash = content_hash(data_dir)
        todo = []
        for r in reports:
            fp = fingerprint(r, data_dir, env_digest)
            prev = state.get(r.key, {})
            fresh = (prev.get("fingerprint") == fp and prev.get("status") == "ok"
                     and (out / r.html_name).is_file())
            if force or not fresh:
                todo.append((r, fp))
        skipped = len(reports) - len(todo)
        progress = Progress(len(todo))
        if skipped:
            progress.log(f"build: {skipped} report(s) up to date, {len(todo)} to build")
        failures = []
        started = time.perf_counter()
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
        if todo:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
                futures = {pool.submit(run_report, r, str(out), str(data_dir), data_hash): (r, fp)
                           for r, fp in todo}
                pending = [r.key for r, _ in todo]  # the pool takes them in this order
                progress.current(pending[:workers])
                for done in as_completed(futures):
                    r, fp = futures[done]
                    try:
                        result = done.result()
                    except Exception as err:  # the worker itself died
                        result = {"status": "failed", "seconds": 0.0,
                                  "message": f"{type(err).__name__}: {err}", "failed_copy": ""}
                    entry = dict(state.get(r.key, {}))
                    entry.update({"title": r.title, "notebook": r.notebook, "set": r.set,
                                  "parameters": r.parameters, "html": r.html_name,
                                  "seconds": round(result["seconds"], 2)})
                    if result["status"] == "ok":
                        os.replace(result["tmp"], out / r.html_name)
                        for old in (out / FAILED_DIR).glob(f"{r.key}.*"):
                            old.unlink()  # an earlier failure of this report, now fixed
                        entry.update({"status": "ok", "fingerprint": fp, "data_hash": data_hash,
                                      "built_at": now(), "key_figures": result["key_figures"],
                                      "message": ""})
                        progress.log(f"built  {r.key} ({result['seconds']:.1f} s)")
                    else:
                        entry.update({"status": "failed", "message": result["message"],
                                      "failed_at": now()})
                        failures.append((r, result))
                        copy = result.get("failed_copy")
                        progress.log(f"FAILED {r.key}: {result['message']}"
                                     + (f" (executed copy: {display_path(Path(copy))})" if copy else ""))
                    state[r.key] = entry
                    atomic_write(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
                    progress.step()
                    pending.remove(r.key)
                    progress.current(pending[:workers])  # the reports running now
        progress.close()
        if not failures:
            keys = {r.key for r in load_manifest(manifest, notebook_names())}
            current = {k: v for k, v in state.items() if k in keys}
            page = render_index(current)
            index_path = out / "index.html"
            if not index_path.is_file() or index_path.read_text(encoding="utf-8") != page:
                atomic_write(index_path, page)
        index = out / "index.html"
        elapsed = time.perf_counter() - started
        print(f"build: {len(todo) - len(failures)} built, {skipped} up to date, "
              f"{len(failures)} failed in {elapsed:.1f} s with {workers} worker(s)", file=sys.stderr)
        if failures:
            print(f"build: index left as it was; reports of failed notebooks unchanged ({index})",
                  file=sys.stderr)
            return 1
        print(f"Reports: {index}")
        return 0


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def render_index(state: dict) -> str:
    from videorace.report import esc

    rows = []
    for key in sorted(state):
        e = state[key]
        params = ", ".join(f"{esc(k)} = {esc(v)}" for k, v in e.get("parameters", {}).items()) \
            or "defaults"
        figures = "".join(f"<li><b>{esc(k)}</b>: {esc(v)}</li>" for k, v in e.get("key_figures", []))
        status = esc(e.get("status", "?"))
        if e.get("status") == "failed":
            status += f"<br><small>{esc(e.get('message', ''))}</small>"
        rows.append(
            f"<tr><td><a href=\"{esc(e['html'])}\">{esc(e['title'])}</a><br>"
            f"<small><code>{esc(e['notebook'])}</code> / {esc(e['set'])}</small></td>"
            f"<td>{params}</td><td class=\"{esc(e.get('status', ''))}\">{status}</td>"
            f"<td>{esc(e.get('built_at', ''))}<br><small>{esc(e.get('seconds', ''))} s</small></td>"
            f"<td><ul>{figures}</ul></td></tr>")
    return INDEX_TEMPLATE.format(version=esc(__version__), rows="\n".join(rows))


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>videorace reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 10px; text-align: left; vertical-align: top; }}
td.ok {{ color: #1a7f37; }} td.failed {{ color: #b42318; }}
ul {{ margin: 0; padding-left: 1.1em; }} small {{ color: #555; }}
</style></head>
<body>
<h1>videorace reports</h1>
<p>China's 2024 text-to-video race against Sora, from sourced data. Each report states its
parameters and the data it was built from. videorace {version}.</p>
<table>
<tr><th>Report</th><th>Parameters</th><th>Status</th><th>Built</th><th>Key figures</th></tr>
{rows}
</table>
</body></html>
"""


def main(args) -> int:
    out = Path(args.out) if args.out else config.REPORTS_DIR
    data_dir = Path(args.data).resolve() if args.data else config.data_dir().resolve()
    if not data_dir.is_dir():
        print(f"build: --data {args.data}: expected a data directory, found none", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print(f"build: -j {args.jobs}: expected a number of workers >= 1", file=sys.stderr)
        return 2
    manifest = Path(args.manifest) if args.manifest else config.MANIFEST
    if args.manifest and not manifest.is_file():
        print(f"build: --manifest {args.manifest}: expected a TOML file, found none", file=sys.stderr)
        return 2
    try:
        return build(out, data_dir, only=args.only, force=args.force, jobs=args.jobs,
                     manifest=manifest)
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 2
