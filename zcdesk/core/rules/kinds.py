"""The registry of rule kinds: one small pure check function per kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context
from zcdesk.core.rules.findings import Hit

CheckFn = Callable[[Context, Rule], Iterable[Hit]]

# Kinds checked on one application by validate(); they register themselves on import.
KINDS: dict[str, CheckFn] = {}
# Kinds that need more than the manifest: the bundle's files, or the store.
OTHER_STAGES = {"attachment-file": "files (check_files)", "one-channel": "store (import)"}


def kind(name: str) -> Callable[[CheckFn], CheckFn]:
    def register(function: CheckFn) -> CheckFn:
        if name in KINDS or name in OTHER_STAGES:
            raise ValueError(f"rule kind {name!r} registered twice")
        KINDS[name] = function
        return function

    return register
