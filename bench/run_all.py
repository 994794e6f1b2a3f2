"""Run every bench/bench_*.py and write their Markdown output into docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    only = sys.argv[1:]
    sections = []
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        if only and script.stem not in only:
            continue
        print(f"running {script.name} …", file=sys.stderr)
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return result.returncode
        sections.append(result.stdout.strip())
    header = (
        "# Benchmarks\n\n"
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()} by `make bench` (bench/run_all.py).\n"
        "Every figure is a median of repeated runs; each comes with a baseline measured in the same run,\n"
        "because these machines are noisy — compare the ratios, not the milliseconds.\n"
    )
    (ROOT / "docs" / "benchmarks.md").write_text(header + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    print("\n\n".join(sections))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
