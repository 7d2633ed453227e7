"""Time the report build against the plain alternative, side by side, in one run.

    python benchmarks/build_speed.py [--repeat N]      (or: make bench)

Three measurements over the same reports (every entry of reports.toml, with its parameters):

1. cold build: ``python -m videorace build --force``, run just before and just after the plain
   CLIs (their mean);
2. no-op rebuild: the same command again without ``--force`` (nothing changed);
3. plain serial CLIs, as a user without the build would run the same reports: for each report,
   ``papermill NB OUT -p NAME VALUE ...`` then ``jupyter nbconvert --to html OUT``.

Prints the wall times (median of N runs), the ratios (the median of each run's own ratio), the
number of kernels each side started, and the cold build's per-report split (kernel start-up,
execution, HTML export) from the build's state file; writes them to
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
from videorace.pipeline.manifest import load_manifest  # noqa: E402
from videorace.pipeline.notebooks import notebook_names  # noqa: E402
from videorace.pipeline.state import STATE_FILE  # noqa: E402


def timed(commands: list[list[str]]) -> float:
    started = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def plain_commands(reports, folder: Path) -> list[list[str]]:
    """papermill with every parameter as ``-p``, then nbconvert, per report, one after another."""
    commands = []
    for r in reports:
        executed = folder / f"{r.key}.ipynb"
        params = [arg for k, v in r.parameters.items() for arg in ("-p", k, str(v))]
        commands.append([str(BIN / "papermill"), str(config.NOTEBOOKS_DIR / f"{r.notebook}.ipynb"),
                         str(executed), "-k", config.KERNEL_NAME, "--cwd",
                         str(config.NOTEBOOKS_DIR), "--no-progress-bar", *params])
        commands.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])
    return commands


def measure(reports, repeat: int) -> tuple[dict, dict]:
    """Each run: a cold build, the plain CLIs, a second cold build, the no-op rebuild. The run's
    cold-build time is the mean of the two around the plain CLIs, so that a machine whose speed
    drifts during the minute the CLIs take weighs on both sides of the ratio alike."""
    times = {"cold build": [], "no-op rebuild": [], "plain serial CLIs": []}
    split = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i in range(repeat):
            out = tmp / f"ours{i}"
            build = [sys.executable, "-m", "videorace", "build", "--out", str(out)]
            plain_dir = tmp / f"plain{i}"
            plain_dir.mkdir()
            before = timed([build + ["--force"]])
            times["plain serial CLIs"].append(timed(plain_commands(reports, plain_dir)))
            times["cold build"].append((before + timed([build + ["--force"]])) / 2)
            times["no-op rebuild"].append(timed([build]))
            state = json.loads((out / STATE_FILE).read_text())
            split = {k: v.get("split", {}) for k, v in sorted(state.items())}
    return times, split


def report(times: dict, split: dict, n: int, repeat: int) -> dict:
    median = {k: statistics.median(v) for k, v in times.items()}
    per_run = {name: [t / plain for t, plain in zip(times[name], times["plain serial CLIs"])]
               for name in ("cold build", "no-op rebuild")}
    ratios = {f"{name} / plain CLIs": statistics.median(r) for name, r in per_run.items()}
    print(f"{n} reports (reports.toml), {os.cpu_count()} cores, median of {repeat} run(s)")
    for k, v in median.items():
        print(f"  {k:<20} {v:7.2f} s")
    for (k, v), runs in zip(ratios.items(), per_run.values()):
        print(f"  {k:<28} {v:.3f}" + (f"   (runs: {', '.join(f'{r:.3f}' for r in runs)})"
                                       if repeat > 1 else ""))
    print(f"  kernels started: build {n}, plain CLIs {n} (one per report each; none reused)")
    print("  cold build, per report (s): kernel start-up | cells | HTML export")
    for key, s in split.items():
        print(f"    {key:<36} {s.get('kernel_s', 0):5.2f} | {s.get('execute_s', 0):5.2f} | "
              f"{s.get('export_s', 0):5.2f}")
    return {"reports": n, "cores": os.cpu_count(), "runs": times, "median_s": median,
            "ratios": ratios, "ratios_per_run": per_run, "split": split}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (median)")
    args = parser.parse_args()
    reports = load_manifest(config.MANIFEST, notebook_names())
    times, split = measure(reports, args.repeat)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    summary = report(times, split, len(reports), args.repeat)
    (results / "build_speed.json").write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
