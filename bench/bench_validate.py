"""Benchmark `validate()` and `zcdesk validate`: python bench/bench_validate.py [--runs N] [--out FILE]."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from zcdesk.core.manifest import snapshot_to_manifest
from zcdesk.core.policy import load_policy
from zcdesk.core.rules import validate
from zcdesk.core.samples import make_sample

TODAY = dt.date(2025, 1, 15)


def median_seconds(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(runs: int) -> list[tuple[str, float]]:
    """validate() on a 40-achievement application, beside two trivial baselines of the same data."""
    bundle = make_sample("enterprise", achievements=40).bundle
    policy = load_policy()
    validate(bundle, TODAY, policy)  # warm: catalog, regions and calendars load once per process
    manifest = snapshot_to_manifest(bundle)
    return [
        ("validate(), 40 achievements", median_seconds(lambda: validate(bundle, TODAY, policy), runs)),
        ("baseline: dataclasses.replace of the snapshot", median_seconds(lambda: dataclasses.replace(bundle), runs)),
        (
            "baseline: json.dumps of the manifest",
            median_seconds(lambda: json.dumps(manifest, ensure_ascii=False), runs),
        ),
    ]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def command_line(runs: int) -> list[tuple[str, float]]:
    """`python -m zcdesk validate <folder> --json` against `python -c "import sqlalchemy"`, interleaved."""
    with tempfile.TemporaryDirectory() as temp:
        folder = make_sample("enterprise", achievements=40).write_folder(Path(temp) / "bundle")
        validate_cmd = [sys.executable, "-m", "zcdesk", "validate", str(folder), "--json", "--today", "2025-01-15"]
        import_cmd = [sys.executable, "-c", "import sqlalchemy"]
        wall(validate_cmd), wall(import_cmd)  # warm the OS file cache and .pyc files
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(wall(validate_cmd))
            theirs.append(wall(import_cmd))
    return [
        ("`zcdesk validate <folder> --json` (40 achievements, 46 files)", statistics.median(ours)),
        ('`python -c "import sqlalchemy"`', statistics.median(theirs)),
    ]


def table(rows: list[tuple[str, float]], unit: str, scale: float) -> list[str]:
    base = rows[-1][1] if len(rows) == 2 else rows[1][1]
    lines = [f"| measurement | median ({unit}) | ratio |", "|---|---:|---:|"]
    for label, seconds in rows:
        lines.append(f"| {label} | {seconds * scale:.3f} | {seconds / base:.1f}× |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500, help="in-process runs (default 500)")
    parser.add_argument("--cli-runs", type=int, default=9, help="command-line runs of each (default 9)")
    parser.add_argument("--out", type=Path, help="also write the Markdown tables to this file")
    args = parser.parse_args()

    fast = in_process(args.runs)
    slow = command_line(args.cli_runs)
    lines = [
        "## Validation (`validate()` and `zcdesk validate`)",
        "",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{date_now()}; medians of {args.runs} in-process runs and {args.cli_runs} interleaved process runs.",
        "",
        "In process (ratio to `dataclasses.replace`; goal: validate() < 20 ms):",
        "",
        *table(fast, "ms", 1000),
        "",
        "As a process (ratio to `import sqlalchemy`; goal ≤ 3×):",
        "",
        *table(slow, "s", 1),
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def date_now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d")


if __name__ == "__main__":
    raise SystemExit(main())
