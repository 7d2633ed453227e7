"""``python -m videorace build``: execute the notebooks into HTML reports, in parallel, rebuilding
only what changed, and never replacing a good report with a broken one.

- Reports come from ``reports.toml`` (notebook, parameter set, title, parameters); a notebook with
  no entry gets one report at its defaults. The default set is ``<notebook>.html``; any other set
  is ``<notebook>__<set>.html``.
- A report is rebuilt when its fingerprint changes: the notebook, its parameters, the data files it
  reads (``reads`` in the manifest; all of them when undeclared), the package source, the
  requirements. ``--force`` rebuilds all.
- The data is validated before any notebook runs. A failing notebook leaves its last good report
  as it was; its executed copy and a log (failing cell, exception, traceback) go to
  ``<out>/_failed/``, and the index, rewritten after every build, marks it failed with links to both.
- Every build compares each report's published key figures and each data row with the previous
  build; a build that changed something adds a dated entry to ``<out>/CHANGES.md`` (newest first,
  ``changes.py``), whose latest entry the index shows with its date.
- Every file is written to a temporary name and renamed into place; a lock file keeps two builds
  from interleaving (the second waits).
"""
from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from videorace.pipeline import changes, config
from videorace.pipeline.buildlog import Progress, log
from videorace.pipeline.manifest import BuildError, Report, load_manifest
from videorace.pipeline.publish import (clear_leftovers, clear_unlisted, publish_files, stopped,
                                        write_index)
from videorace.pipeline.state import (FAILED_DIR, LOCK_FILE, STATE_FILE, BuildLock, atomic_write,
                                      environment_digest, fingerprint, now, read_state)
from videorace.pipeline.worker import crash_log, import_once, run_report


def data_is_valid(data_dir: Path, out: Path | None = None) -> bool:
    """Validate the data before any notebook runs; print every problem when it is not valid, and
    say so at the top of ``out``'s index."""
    from videorace.data.validate import validate

    problems = validate(data_dir)
    for p in problems:
        log(p)
    if problems:
        summary = (f"{len(problems)} problem(s) in the data; no notebook was run and no report "
                   "changed")
        log(f"build: {summary}")
        if out is not None:
            stopped(out, summary, [str(p) for p in problems])
    return not problems


def select(reports: list[Report], only: list[str] | None) -> list[Report]:
    """The reports ``--only`` names (a notebook or a report key); all of them without it."""
    if not only:
        return reports
    names = {r.key for r in reports} | {r.notebook for r in reports}
    unknown = [o for o in only if o not in names]
    if unknown:
        raise BuildError(f"--only {unknown[0]}: expected a notebook or report, one of "
                         + ", ".join(sorted(names)))
    return [r for r in reports if r.key in only or r.notebook in only]


def stale(reports: list[Report], state: dict, out: Path, data_dir: Path, notebooks: Path,
          force: bool) -> list[tuple[Report, str]]:
    """(report, fingerprint) of each report whose inputs changed since its last good build."""
    env_digest = environment_digest()
    todo = []
    for r in reports:
        fp = fingerprint(r, data_dir, env_digest, notebooks)
        prev = state.get(r.key, {})
        fresh = (prev.get("fingerprint") == fp and prev.get("status") == "ok"
                 and (out / r.html_name).is_file())
        if force or not fresh:
            todo.append((r, fp))
    return todo


def record(state: dict, r: Report, fp: str, result: dict, out: Path, data_hash: str,
           progress: Progress) -> bool:
    """Publish a good report (rename its temporary HTML into place) or log the failure; update
    the state entry either way. True when the report was built."""
    entry = dict(state.get(r.key, {}))
    entry.update({"title": r.title, "notebook": r.notebook, "set": r.set, "html": r.html_name})
    ok = result["status"] == "ok"
    # the parameters beside a report are those of its published version: a failed run's own go
    # to its failure, and replace them only while there is no good version yet
    if ok or not entry.get("built_at"):
        entry["parameters"] = r.parameters
    entry.pop("failed_parameters", None)
    if not ok and entry["parameters"] != r.parameters:
        entry["failed_parameters"] = r.parameters
    if ok:  # "seconds" and "built_at" stay those of the last good build when it fails
        entry["seconds"] = round(result["seconds"], 2)
        publish_files(result.get("files", ""), out / r.files_dir)
        os.replace(result["tmp"], out / r.html_name)
        for old in (out / FAILED_DIR).glob(f"{r.key}.*"):
            old.unlink()  # an earlier failure of this report, now fixed
        entry.update({"status": "ok", "fingerprint": fp, "data_hash": data_hash,
                      "built_at": now(), "key_figures": result["key_figures"],
                      "answer": result.get("answer", {}), "message": "",
                      "split": result.get("split", {})})
        progress.log(f"built  {r.key} ({result['seconds']:.1f} s)")
        if result.get("warnings"):
            progress.log(f"warned {r.key}: {len(result['warnings'])} line(s) written to stderr, left "
                         f"out of the report; the first: {result['warnings'][0]}")
    else:
        failed = [f"{FAILED_DIR}/{r.key}.{ext}" for ext in ("ipynb", "log")
                  if (out / FAILED_DIR / f"{r.key}.{ext}").is_file()]
        entry.update({"status": "failed", "message": result["message"], "failed_at": now(),
                      "failed_files": failed})
        copy = result.get("failed_copy")
        progress.log(f"FAILED {r.key}: {result['message']}"
                     + (f" (executed copy: {config.display_path(Path(copy))})" if copy else ""))
    state[r.key] = entry
    atomic_write(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
    return ok


def execute_all(todo: list[tuple[Report, str]], workers: int, out: Path, data_dir: Path,
                notebooks: Path, state: dict, progress: Progress) -> int:
    """Run the stale reports, ``workers`` at a time, in threads of this process (each report's
    work is done by its kernel; a thread only waits for it and exports the HTML), with kernels
    forked from one zygote started first. Returns how many failed."""
    from videorace.pipeline import zygote

    preload = zygote.notebook_imports(sorted({notebooks / f"{r.notebook}.ipynb" for r, _ in todo}))
    warm = zygote.start(tuple(preload), data_dir)  # its start overlaps with this process's below
    try:
        from videorace.data.validate import content_hash

        data_hash, failures = content_hash(data_dir), 0
        import_once()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report") as pool:
            futures = {pool.submit(run_report, r, str(out), str(data_dir), data_hash,
                                   str(notebooks), warm): (r, fp) for r, fp in todo}
            pending = [r.key for r, _ in todo]  # the pool takes them in this order
            progress.current(pending[:workers])
            for done in as_completed(futures):
                r, fp = futures[done]
                try:
                    result = done.result()
                except Exception as err:  # not a notebook's failure: the report still fails alone
                    (out / FAILED_DIR).mkdir(exist_ok=True)
                    atomic_write(out / FAILED_DIR / f"{r.key}.log", crash_log(r, err))
                    result = {"status": "failed", "seconds": 0.0, "failed_copy": "",
                              "message": f"{type(err).__name__}: {err}".splitlines()[0]}
                failures += not record(state, r, fp, result, out, data_hash, progress)
                progress.step()
                pending.remove(r.key)
                progress.current(pending[:workers])  # the reports running now
    finally:
        if warm is not None:
            warm.close()
    return failures


def build(out: Path, data_dir: Path, only: list[str] | None = None, force: bool = False,
          jobs: int | None = None, manifest: Path = config.MANIFEST,
          notebooks: Path = config.NOTEBOOKS_DIR) -> int:
    """Build the stale reports of ``manifest`` from ``notebooks`` and ``data_dir`` into ``out``.
    Returns the exit status: 0 built (or nothing to do), 1 bad data or a failed notebook. Everything
    it writes, the index of a build stopped by bad data or a bad manifest included, is written
    under the lock, after the leftovers of a killed build are cleared."""
    from videorace.pipeline.notebooks import notebook_names, uncommitted_defaults

    out.mkdir(parents=True, exist_ok=True)
    with BuildLock(out, Progress(0).log):
        clear_leftovers(out)
        if not data_is_valid(data_dir, out):
            return 1
        try:
            listed = load_manifest(manifest, notebook_names(notebooks), notebooks)
        except BuildError as err:
            stopped(out, f"the report list could not be read: {err}", [])
            raise
        for line in uncommitted_defaults(notebooks, sorted({r.notebook for r in listed})):
            log(f"build: {line}")
        reports = select(listed, only)
        state = read_state(out)
        prior = changes.previous(out, state)
        todo = stale(reports, state, out, data_dir, notebooks, force)
        progress = Progress(len(todo))
        skipped = len(reports) - len(todo)
        if skipped:
            progress.log(f"build: {skipped} report(s) up to date, {len(todo)} to build")
        started = time.perf_counter()
        # Two reports per core: each spends part of its time waiting (on its kernel's start and
        # shutdown, on messages), time another report's kernel can use. Measured on 2 cores over
        # 6 paired cold builds of the 10 reports: 8.25 s at 3 at a time, 7.51 s at 4.
        workers = max(1, min(jobs or 2 * (os.cpu_count() or 1), len(todo) or 1))
        failures = execute_all(todo, workers, out, data_dir, notebooks, state, progress) if todo else 0
        progress.close()
        keys = {r.key for r in listed}
        clear_unlisted(out, state, keys, pages=not only)  # --only: perhaps another manifest
        write_index(out, state, keys, prior, data_dir,
                    only={r.key for r in reports} if only else None)
        log(f"build: {len(todo) - failures} built, {skipped} up to date, {failures} failed in "
            f"{time.perf_counter() - started:.1f} s, {workers} at a time")
        if failures:
            log(f"build: {failures} report(s) FAILED; each keeps its last good version, and the "
                f"index marks it failed with its error and links ({out / 'index.html'}); the "
                f"cell, exception and traceback are in {out / FAILED_DIR}/<report>.log")
            return 1
        log(f"Reports: {out / 'index.html'}", sys.stdout)
        return 0


def unsafe_out(out: Path, data_dir: Path, given: bool = True) -> str | None:
    """Why ``out`` may not receive reports, or None: the data directory (or a folder inside it or
    around it) never, and an existing directory only when it is empty or a build wrote it (it
    holds the build's state or lock), so a mistyped ``--out`` overwrites nothing of anyone's.
    ``given`` False: the default ``reports/``, which holds its committed README."""
    if out == data_dir or data_dir in out.parents or out in data_dir.parents:
        return (f"expected a directory apart from the data directory {data_dir}, found one that is, "
                "holds or lies inside it")
    if not given or not out.is_dir():
        return None
    if (out / STATE_FILE).is_file() or (out / LOCK_FILE).is_file():
        return None
    others = sorted(p.name for p in out.iterdir())
    if others:
        return (f"expected an empty directory or one a build wrote (it holds {STATE_FILE}), found "
                f"{len(others)} other file(s), e.g. {others[0]}")
    return None


def main(args) -> int:
    """Resolve every path against the current directory first (kernels run elsewhere), then build.
    An installed copy's defaults are the current directory's data/, notebooks/, reports.toml and
    reports/; it never writes inside the package."""
    out = Path(args.out or config.REPORTS_DIR).resolve()
    data_dir = config.data_dir(args.data)
    if not data_dir.is_dir():
        log(f"build: {'--data ' + args.data if args.data else 'data'}: expected a data directory, "
              f"found none at {data_dir}")
        return 2
    refused = unsafe_out(out, data_dir, given=bool(args.out))
    if refused:
        log(f"build: --out {args.out or out}: {refused}; nothing was written")
        return 2
    if args.jobs is not None and args.jobs < 1:
        log(f"build: -j {args.jobs}: expected a number of workers >= 1")
        return 2
    manifest = Path(args.manifest or config.MANIFEST).resolve()
    if args.manifest and not manifest.is_file():
        log(f"build: --manifest {args.manifest}: expected a TOML file, found none")
        return 2
    notebooks = Path(args.notebooks or config.NOTEBOOKS_DIR).resolve()
    if not notebooks.is_dir():
        log(f"build: {'--notebooks ' + args.notebooks if args.notebooks else 'notebooks'}: "
              f"expected a directory of notebooks, found none at {notebooks}")
        return 2
    if not manifest.is_file():
        from videorace.pipeline.notebooks import notebook_names
        log(f"build: no {manifest.name} at {manifest.parent}: one report per notebook in {notebooks} "
            f"at its defaults: {', '.join(notebook_names(notebooks)) or 'none found'}")
    try:
        return build(out, data_dir, only=args.only, force=args.force, jobs=args.jobs,
                     manifest=manifest, notebooks=notebooks)
    except BuildError as err:
        log(f"build: {err}")
        return 2
