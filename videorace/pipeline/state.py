"""The build's bookkeeping: fingerprints that say when a report is stale, atomic writes, the state
file and the lock that keeps two builds apart."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from videorace import __version__
from videorace.data.schema import TABLES
from videorace.pipeline import config
from videorace.pipeline.manifest import Report

STATE_FILE = ".build-state.json"
LOCK_FILE = ".build.lock"
FAILED_DIR = "_failed"
TMP_PREFIX = ".tmp-"


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


def environment_digest() -> str:
    """The package source, templates and pinned requirements: a change to any rebuilds all."""
    pkg = Path(__file__).resolve().parents[1]  # the whole videorace package
    files = sorted(pkg.rglob("*.py")) + sorted((pkg / "pipeline" / "templates").rglob("*"))
    files.append(config.PROJECT_DIR / "requirements.txt")
    return _digest(*(f.read_bytes() for f in files if f.is_file()),
                   sys.version.encode(), __version__.encode())


def fingerprint(report: Report, data_dir: Path, env_digest: str,
                notebooks: Path = config.NOTEBOOKS_DIR) -> str:
    """What a report is built from: its notebook, parameters, declared tables and environment."""
    nb = (notebooks / f"{report.notebook}.ipynb").read_bytes()
    params = json.dumps(report.parameters, sort_keys=True).encode()
    data = [t.encode() + b"=" + (data_dir / TABLES[t].filename).read_bytes() for t in report.reads]
    return _digest(nb, params, env_digest.encode(), *data)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    tmp = path.with_name(f"{TMP_PREFIX}{os.getpid()}-{path.name}")
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_if_changed(path: Path, text: str) -> None:
    """``atomic_write`` only when ``path`` does not already hold ``text``: a no-op build leaves
    the published files as they were, modification times included."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        atomic_write(path, text)


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


def now() -> str:
    """The UTC time in ISO 8601, ``2026-12-03T06:15:02Z``: log lines, the state, the change log."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown(at: str) -> str:
    """A time from ``now()`` as a reader sees it: ``2026-12-03T06:15:02Z`` -> ``2026-12-03 06:15
    UTC`` (a state written before ISO stamps, ``2026-12-03 06:15:02 UTC``, gives the same)."""
    return f"{at[:10]} {at[11:16]} UTC" if len(at) >= 16 and at[:4].isdigit() else at
