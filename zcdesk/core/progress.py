"""The progress callback every long core operation takes (import, export, conversion)."""

from __future__ import annotations

from collections.abc import Callable

# (done, total) -> False to cancel; the desktop program drives a progress bar with Cancel from it,
# the command line a one-line percentage.
ProgressCallback = Callable[[int, int], bool]


def no_progress(done: int, total: int) -> bool:
    return True
