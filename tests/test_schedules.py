"""Each schedule tells a person when a build fails: cron mails only a failing
run's output, systemd starts an OnFailure= unit that tells a person, the GitHub workflow fails after
publishing the whole reports/ folder and carries the previous run's state. The opt-in update is in
test_update.py."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
WRAPPER = DEPLOY / "run-scheduled"
DATED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z ")  # ISO 8601, as the build


def scheduled(tmp_path: Path, command: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, VIDEORACE_LOG=str(tmp_path / "build.log"), VIDEORACE_BUILD_CMD=command)
    return subprocess.run([str(WRAPPER)], capture_output=True, text=True, env=env)


def test_a_good_run_prints_nothing_and_logs_dated_lines(tmp_path):
    result = scheduled(tmp_path, "echo built-fine")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    log = (tmp_path / "build.log").read_text().splitlines()
    assert any("built-fine" in ln for ln in log) and all(DATED.match(ln) for ln in log)


def test_a_failing_run_prints_its_log_for_crons_mail_and_exits_non_zero(tmp_path):
    result = scheduled(tmp_path, "sh -c 'echo report-broke; exit 3'")
    assert result.returncode == 3
    assert "FAILED" in result.stdout and "report-broke" in result.stdout
    assert str(tmp_path / "build.log") in result.stdout


def test_cron_uses_the_wrapper_without_redirecting_its_output():
    lines = [ln for ln in (DEPLOY / "crontab").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    job = next(ln for ln in lines if "run-scheduled" in ln)
    assert ">" not in job and any(ln.startswith("MAILTO=") for ln in lines)


def test_the_systemd_service_names_an_on_failure_unit_that_exists():
    service = (DEPLOY / "videorace-reports.service").read_text()
    unit = re.search(r"^OnFailure=(\S+)@%n\.service$", service, re.M).group(1)
    assert (DEPLOY / f"{unit}@.service").is_file()
    assert "run-scheduled" in re.search(r"^ExecStart=(.*)$", service, re.M).group(1)


def test_the_failure_unit_logs_an_error_and_sends_the_failed_units_log(tmp_path):
    """Run the unit's ExecStart as systemd would (%i expanded, $$ -> $) with stand-ins for
    journalctl and logger: the journal gets an error line, NOTIFY gets the failed unit's log."""
    unit = (DEPLOY / "videorace-reports-failure@.service").read_text().replace("\\\n", "")
    command = re.search(r"^ExecStart=/bin/sh -c '(.*)'$", unit, re.M).group(1)
    command = command.replace("%i", "videorace-reports.service").replace("$$", "$")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for name, body in {"journalctl": 'echo "journal of $*"', "logger": 'echo "$*" > "$T/logger"'}.items():
        (bin_ / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_ / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_}:{os.environ['PATH']}", T=str(tmp_path),
               NOTIFY=f"cat > {tmp_path / 'sent'}", MAILTO="x@example.org")
    subprocess.run(["/bin/sh", "-c", command], check=True, env=env)
    assert (tmp_path / "logger").read_text().startswith("-p user.err ")
    assert "videorace-reports.service failed" in (tmp_path / "logger").read_text()
    assert (tmp_path / "sent").read_text() == "journal of -u videorace-reports.service -n 60 --no-pager\n"


def test_the_workflow_publishes_everything_carries_state_and_fails_on_a_failure():
    from videorace.pipeline import changes, datadiff, state

    steps = yaml.safe_load((ROOT / ".github/workflows/reports.yml").read_text())["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    build = next(i for i, s in enumerate(steps) if s.get("run") == "make reports")
    restore, save = steps[uses.index("actions/cache/restore")], steps[uses.index("actions/cache/save")]
    assert uses.index("actions/cache/restore") < build < uses.index("actions/cache/save")
    # the cached path holds everything the next build compares with
    kept = [state.STATE_FILE, changes.BASELINE_FILE, changes.LOG_FILE, datadiff.SNAPSHOT_DIR]
    for step in (restore, save):
        assert all(f"reports/{name}".startswith(step["with"]["path"].rstrip("/") + "/") for name in kept)
    assert restore["with"]["restore-keys"] and restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert save["if"] == "${{ !cancelled() }}"  # a failed build's state is carried too
    for action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
        assert steps[uses.index(action)]["with"]["path"].rstrip("/") == "reports"  # *_files/ too
        assert steps[uses.index(action)].get("if") == "${{ !cancelled() }}"
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    assert steps[build].get("continue-on-error") is True
    last = steps[-1]
    assert last["if"] == f"steps.{steps[build]['id']}.outcome == 'failure'" and "exit 1" in last["run"]


def test_stopping_the_wrapper_stops_the_build_and_its_workers_and_logs_the_stop(tmp_path):
    """``kill`` of run-scheduled, as an administrator (or systemd's stop) would: the signal goes
    on to the build and what it started, the wrapper waits for them to end, and the run's lines
    and the stop reach the log and the failure mail."""
    import signal
    import time

    pidfile = tmp_path / "worker.pid"
    env = dict(os.environ, VIDEORACE_LOG=str(tmp_path / "build.log"),
               VIDEORACE_BUILD_CMD=f"echo building; sleep 60 & echo $! > {pidfile}; wait")
    proc = subprocess.Popen([str(WRAPPER)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    deadline = time.time() + 20
    while not (pidfile.is_file() and pidfile.read_text().strip()) and time.time() < deadline:
        time.sleep(0.05)
    worker = int(pidfile.read_text())
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=20)
    try:
        os.kill(worker, 0)
        alive = True
        os.kill(worker, signal.SIGKILL)
    except ProcessLookupError:
        alive = False
    assert not alive, "the build's worker outlived the stopped wrapper"
    assert proc.returncode == 128 + signal.SIGTERM
    log = (tmp_path / "build.log").read_text().splitlines()
    assert any(ln.endswith(" building") for ln in log) and all(DATED.match(ln) for ln in log)
    assert "scheduled build STOPPED by SIGTERM" in log[-1]
    assert "FAILED (exit status 143)" in out and "STOPPED by SIGTERM" in out


def test_the_failure_mail_the_docs_show_has_the_status_make_gives(tmp_path):
    """The scheduled build runs make, which exits 2 when its recipe fails, whatever the build's
    own status: the mail's first line, as docs/scheduling.md shows it, carries make's."""
    (tmp_path / "Makefile").write_text("reports:\n\texit 1\n")
    result = scheduled(tmp_path, f"make -s -C {tmp_path} reports")
    status = re.search(r"FAILED \(exit status (\d+)\)", result.stdout).group(1)
    documented = re.search(r"scheduled build FAILED \(exit status (\d+)\)",
                           (ROOT / "docs" / "scheduling.md").read_text()).group(1)
    assert status == documented == "2"
