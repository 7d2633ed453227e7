"""The opt-in update: ``python -m videorace update`` fast-forwards a server's
checkout to its upstream and refuses, changing nothing, on local changes or divergence; tested on
a real bare 'origin' and its clones. The scheduled wrapper runs it with VIDEORACE_UPDATE=1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from videorace.pipeline import update

ROOT = Path(__file__).resolve().parents[1]
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


def scheduled_update(server: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """The wrapper, copied into the server's checkout, with VIDEORACE_UPDATE=1 and a stand-in
    build that records which a.csv it saw."""
    (server / "deploy").mkdir()
    shutil.copy(ROOT / "deploy" / "run-scheduled", server / "deploy")
    env = dict(os.environ, VIDEORACE_UPDATE="1", VIDEORACE_PYTHON=sys.executable,
               VIDEORACE_LOG=str(tmp_path / "build.log"),
               VIDEORACE_BUILD_CMD=f"cp a.csv {tmp_path / 'built-from'}")
    return subprocess.run([str(server / "deploy" / "run-scheduled")], capture_output=True,
                          text=True, env=env)


def test_the_scheduled_update_fast_forwards_then_builds_silently(pair, tmp_path):
    server, _ = pair
    result = scheduled_update(server, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "built-from").read_text() == "2\n"
    assert "update: fast-forwarded" in (tmp_path / "build.log").read_text()


def test_a_refused_scheduled_update_still_builds_and_is_reported(pair, tmp_path):
    server, _ = pair
    (server / "a.csv").write_text("edited on the server\n")
    result = scheduled_update(server, tmp_path)
    assert result.returncode == 1 and "FAILED" in result.stdout
    assert "update: refused: " in result.stdout and "a.csv" in result.stdout
    assert (tmp_path / "built-from").read_text() == "edited on the server\n"


def test_a_failed_fast_forward_gives_gits_own_reason(pair):
    """Found by a review: an untracked server file in the way of an incoming one was
    reported as "(['Aborting'])"; the message now carries what git said, in plain text."""
    server, author = pair
    commit(author, "new.csv", "from upstream\n")
    git(author, "push", "-q", "origin", "HEAD")
    (server / "new.csv").write_text("made on the server\n")  # untracked, in the way
    with pytest.raises(update.Refused) as refused:
        update.fast_forward(server)
    message = str(refused.value)
    assert "new.csv" in message and "would be overwritten" in message and "['" not in message
