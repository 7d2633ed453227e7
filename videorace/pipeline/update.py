"""``python -m videorace update``: bring a server's checkout up to date with its upstream branch
before a scheduled build, by fast-forward only.

It refuses, saying why and changing nothing, when the checkout has local changes to tracked files,
has no upstream branch, or has commits the upstream does not (diverged): a server's copy is never
merged, rebased or reset behind its administrator's back. Untracked files (reports/, .venv/) are
left alone.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class Refused(Exception):
    """The checkout cannot be fast-forwarded; the message says why and what to do."""


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)


def _out(repo: Path, *args: str, fail: str) -> str:
    result = git(repo, *args)
    if result.returncode:
        said = " / ".join(ln.strip() for ln in (result.stderr or result.stdout).strip().splitlines()
                          if ln.strip())
        raise Refused(f"{fail}: git says: {said}" if said else fail)
    return result.stdout.strip()


def fast_forward(repo: Path) -> str:
    """Fetch the upstream and fast-forward to it; the one line to print. Raises ``Refused``."""
    _out(repo, "rev-parse", "--git-dir", fail=f"{repo}: expected a git checkout")
    local = git(repo, "status", "--porcelain", "--untracked-files=no").stdout.splitlines()
    if local:
        raise Refused(f"{repo} has local changes to {len(local)} tracked file(s), e.g. "
                      f"{local[0][3:]}: commit or discard them first; nothing was pulled")
    upstream = _out(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}",
                    fail="the current branch has no upstream branch to update from "
                         "(set one with git branch --set-upstream-to)")
    _out(repo, "fetch", "--quiet", fail=f"could not fetch {upstream}")
    before = _out(repo, "rev-parse", "HEAD", fail="no commit checked out")
    target = _out(repo, "rev-parse", "@{u}", fail=f"{upstream} has no commit")
    if before == target:
        return f"update: already up to date with {upstream} ({before[:7]})"
    if git(repo, "merge-base", "--is-ancestor", "HEAD", "@{u}").returncode:
        raise Refused(f"the checkout has commits that {upstream} does not (diverged): a fast-forward "
                      "is impossible; reconcile them by hand; nothing was pulled")
    _out(repo, "merge", "--ff-only", "--quiet", "@{u}", fail=f"could not fast-forward to {upstream}")
    count = _out(repo, "rev-list", "--count", f"{before}..{target}", fail="")
    return f"update: fast-forwarded {before[:7]} -> {target[:7]} ({count} commit(s) from {upstream})"


def main(repo: Path) -> int:
    try:
        print(fast_forward(repo))
        return 0
    except Refused as err:
        print(f"update: refused: {err}", file=sys.stderr)
        return 1
