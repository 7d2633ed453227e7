"""Each schedule tells a person when a build fails (issue #23, items 4-6): cron mails only a failing
run's output, systemd starts an OnFailure= unit, the GitHub workflow fails after publishing the
whole reports/ folder and carries the previous run's state; the checkout updates by fast-forward
only, and refuses otherwise."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from videorace.pipeline import update

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
WRAPPER = DEPLOY / "run-scheduled"
DATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC ")


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


def test_the_workflow_publishes_everything_carries_state_and_fails_on_a_failure():
    steps = yaml.safe_load((ROOT / ".github/workflows/reports.yml").read_text())["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    build = next(i for i, s in enumerate(steps) if s.get("run") == "make reports")
    assert uses.index("actions/cache/restore") < build < uses.index("actions/cache/save")
    for action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
        assert steps[uses.index(action)]["with"]["path"].rstrip("/") == "reports"  # *_files/ too
        assert steps[uses.index(action)].get("if") == "always()"
    assert steps[build].get("continue-on-error") is True
    last = steps[-1]
    assert last["if"] == f"steps.{steps[build]['id']}.outcome == 'failure'" and "exit 1" in last["run"]


# --- the opt-in update: fast-forward only ------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def commit(repo: Path, name: str, text: str) -> None:
    (repo / name).write_text(text)
    git(repo, "add", name)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", name)


@pytest.fixture()
def pair(tmp_path):
    """A bare 'origin' with one commit, a server's clone of it, and a second clone to push from."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    author = tmp_path / "author"
    subprocess.run(["git", "clone", "-q", str(origin), str(author)], check=True, capture_output=True)
    git(author, "checkout", "-q", "-b", "main")
    commit(author, "a.csv", "1\n")
    git(author, "push", "-q", "origin", "main")
    server = tmp_path / "server"
    subprocess.run(["git", "clone", "-q", str(origin), str(server)], check=True)
    commit(author, "a.csv", "2\n")
    git(author, "push", "-q", "origin", "main")
    return server, author


def test_update_fast_forwards_to_the_upstream(pair):
    server, author = pair
    assert "fast-forwarded" in update.fast_forward(server)
    assert (server / "a.csv").read_text() == "2\n"
    assert "already up to date" in update.fast_forward(server)


def test_update_refuses_local_changes_and_changes_nothing(pair):
    server, _ = pair
    (server / "a.csv").write_text("edited on the server\n")
    with pytest.raises(update.Refused, match="local changes to 1 tracked file.*a.csv"):
        update.fast_forward(server)
    assert (server / "a.csv").read_text() == "edited on the server\n"


def test_update_refuses_a_diverged_checkout(pair):
    server, _ = pair
    commit(server, "b.csv", "local\n")
    head = git(server, "rev-parse", "HEAD")
    with pytest.raises(update.Refused, match="diverged"):
        update.fast_forward(server)
    assert git(server, "rev-parse", "HEAD") == head


def test_update_from_the_command_line_is_one_line_without_a_traceback(pair):
    server, _ = pair
    (server / "a.csv").write_text("edited\n")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "videorace", "update", "--repo",
                             str(server)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("update: refused: ") and len(result.stderr.splitlines()) == 1
