"""What the build prints: every line on stderr starts with the UTC time in ISO 8601
(``2026-12-03T06:15:02Z built  01_funding (3.1 s)``), so a scheduled build's log file can be read
later; on a terminal a progress bar runs under those lines."""

from __future__ import annotations

import sys

from videorace.pipeline.state import now


class Progress:
    """A tqdm bar on a terminal; plain one-line messages otherwise (cron logs)."""

    def __init__(self, total: int):
        self.tty = sys.stderr.isatty()
        self.bar = None
        if self.tty and total:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="report", file=sys.stderr, leave=False)

    def log(self, message: str) -> None:
        message = stamped(message)
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


def stamped(message: str) -> str:
    """The message with the UTC time in front of each of its lines."""
    at = now()
    return "\n".join(f"{at} {line}" for line in str(message).splitlines() or [""])


def log(message: str, stream=None) -> None:
    """Print a dated line on ``stream`` (stderr by default)."""
    print(stamped(message), file=stream or sys.stderr, flush=True)
