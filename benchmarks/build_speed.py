"""Time the report build against the plain alternative, side by side, in one run.

    python benchmarks/build_speed.py [--repeat N]      (or: make bench)

Three measurements over the same notebooks, each at its defaults (one report per notebook):

1. cold build: ``python -m videorace build --force`` into an empty folder;
2. no-op rebuild: the same command again without ``--force`` (nothing changed);
3. plain serial CLIs: for each notebook, ``papermill`` then ``jupyter nbconvert --to html``.

Prints the wall times (median of N runs) and the ratios, and writes them to
benchmarks/results/build_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from videorace.pipeline import config  # noqa: E402
from videorace.pipeline.notebooks import notebook_names  # noqa: E402


def timed(commands: list[list[str]]) -> float:
    started = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (median)")
    args = parser.parse_args()
    names = notebook_names()
    times = {"cold build": [], "no-op rebuild": [], "plain serial CLIs": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        manifest = tmp / "defaults.toml"
        manifest.write_text("# every notebook once, at its defaults\n")
        for i in range(args.repeat):
            out = tmp / f"ours{i}"
            build = [sys.executable, "-m", "videorace", "build", "--out", str(out),
                     "--manifest", str(manifest)]
            plain_dir = tmp / f"plain{i}"
            plain_dir.mkdir()
            plain = []
            for name in names:
                executed = plain_dir / f"{name}.ipynb"
                plain.append([str(BIN / "papermill"), str(config.NOTEBOOKS_DIR / f"{name}.ipynb"),
                              str(executed), "-k", config.KERNEL_NAME, "--cwd",
                              str(config.NOTEBOOKS_DIR), "--no-progress-bar"])
                plain.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])
            times["plain serial CLIs"].append(timed(plain))
            times["cold build"].append(timed([build + ["--force"]]))
            times["no-op rebuild"].append(timed([build]))
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"{len(names)} notebooks, {os.cpu_count()} cores, median of {args.repeat} run(s)")
    for k, v in median.items():
        print(f"  {k:<18} {v:7.2f} s")
    cold_ratio = median["cold build"] / median["plain serial CLIs"]
    print(f"  cold build / plain CLIs   = {cold_ratio:.2f}")
    print(f"  no-op rebuild / plain CLIs = {median['no-op rebuild'] / median['plain serial CLIs']:.3f}")
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "build_speed.json").write_text(json.dumps(
        {"notebooks": len(names), "cores": os.cpu_count(), "runs": times, "median_s": median,
         "cold_over_plain": cold_ratio}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
