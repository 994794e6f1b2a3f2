"""Bundle export and import at size: the marginal cost of 400 MB of attachments, peak memory of a 1 GB import.

Export: an application with 80 attachments of 5,000,000 random bytes each (valid PDFs within
the limits, so they are copied unchanged) minus the same application without them, against
`zip -0` of the same 80 files (Python's zipfile with ZIP_STORED when `zip` is missing).
Import: a 1 GB bundle (200 such files, stored) imported in a child process, whose peak
resident memory (ru_maxrss) is reported, against a child that only opens the store.
Medians of RUNS runs, interleaved. The files live in a temporary folder under /tmp, deleted after.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

from zcdesk.core.importer import import_bundle
from zcdesk.core.samples import Sample, SampleFiles, make_sample
from zcdesk.core.store import open_store
from zcdesk.export.writer import export_application

RUNS = 5
FILE_BYTES = 5_000_000
EXPORT_FILES = 80  # 400 MB
IMPORT_FILES = 200  # 1 GB
TODAY = dt.date(2025, 1, 20)
ROOT = Path(__file__).resolve().parent.parent


def big_pdf(size: int) -> bytes:
    """A valid one-page PDF of exactly `size` bytes, padded with an unreferenced stream of random bytes."""
    head = b"%PDF-1.4\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]

    def build(padding: int) -> bytes:
        filler = b"<< /Length %d >>\nstream\n" % padding + os.urandom(padding) + b"\nendstream"
        out = bytearray(head)
        offsets = []
        for number, body in enumerate([*objects, filler], start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)

    overhead = len(build(1000)) - 1000
    padding = size - overhead
    data = build(padding)
    if len(data) != size:  # the /Length digits changed the overhead by a byte or two
        data = build(padding - (len(data) - size))
    assert len(data) == size
    return data


def sample_with(count: int, name: str) -> Sample:
    """The enterprise sample plus `count` big evidence files."""
    base = make_sample("enterprise", achievements=3, name=name)
    files = SampleFiles()
    files.records = list(base.bundle.attachments)
    files.files = dict(base.files)
    for index in range(count):
        files.add("other", f"大文件{index + 1:03d}", big_pdf(FILE_BYTES))
    return Sample(replace(base.bundle, attachments=tuple(files.records)), files.files)


def store_with(root: Path, sample: Sample) -> tuple[Path, int]:
    data = root / "data"
    folder = sample.write_folder(root / "bundle")
    store = open_store(data)
    try:
        app_id = import_bundle(store, folder).application_id
    finally:
        store.close()
    shutil.rmtree(folder)
    return data, app_id


def timed_export(data: Path, app_id: int, out: Path) -> float:
    store = open_store(data)
    os.sync()  # start each measurement without the previous one's dirty pages being written back
    try:
        started = time.perf_counter()
        export_application(store, app_id, out, today=TODAY)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    shutil.rmtree(out)
    return elapsed


def timed_baseline(files: list[Path], out: Path, tool: str) -> float:
    """`zip -0` of the files (tool "zip"), or Python's zipfile with ZIP_STORED (tool "python")."""
    target = out / "baseline.zip"
    out.mkdir(parents=True, exist_ok=True)
    os.sync()
    started = time.perf_counter()
    if tool == "zip":
        subprocess.run(["zip", "-0", "-q", "-j", str(target), *map(str, files)], check=True)
    else:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
            for path in files:
                archive.write(path, path.name)
    elapsed = time.perf_counter() - started
    shutil.rmtree(out)
    return elapsed


CHILD_IMPORT = """
import sys, time
from zcdesk.core.store import open_store
store = open_store(sys.argv[1])
started = time.perf_counter()
if len(sys.argv) > 2:
    from zcdesk.core.importer import import_bundle
    import_bundle(store, sys.argv[2])
elapsed = time.perf_counter() - started
store.close()
# VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's peak across fork and exec.
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(peak_kb, elapsed)
"""


def child_import(data: Path, bundle: Path | None) -> tuple[float, float]:
    """Peak RSS in MB and seconds of a fresh process importing `bundle` (or only opening the store)."""
    args = [sys.executable, "-c", CHILD_IMPORT, str(data)] + ([str(bundle)] if bundle else [])
    result = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    shutil.rmtree(data, ignore_errors=True)
    rss_kb, seconds = result.stdout.split()
    return int(rss_kb) / 1024, float(seconds)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="zcdesk-bench-bundle-", dir="/tmp"))
    try:
        big_data, big_id = store_with(work / "big", sample_with(EXPORT_FILES, "张大"))
        small_data, small_id = store_with(work / "small", sample_with(0, "张小"))
        big_files = sorted(
            p for p in (big_data / "attachments").rglob("*") if p.is_file() and p.stat().st_size == FILE_BYTES
        )
        assert len(big_files) == EXPORT_FILES
        timed_export(big_data, big_id, work / "warm")  # warm the page cache for everyone
        has_zip = shutil.which("zip") is not None
        with_big, without, baseline, stored = [], [], [], []
        for _ in range(RUNS):
            with_big.append(timed_export(big_data, big_id, work / "out"))
            without.append(timed_export(small_data, small_id, work / "out"))
            if has_zip:
                baseline.append(timed_baseline(big_files, work / "out", "zip"))
            stored.append(timed_baseline(big_files, work / "out", "python"))
        marginal = [a - b for a, b in zip(with_big, without, strict=True)]
        shutil.rmtree(work / "big")
        shutil.rmtree(work / "small")

        big = sample_with(IMPORT_FILES, "张千")
        bundle_dir = big.write_folder(work / "one-gb")
        del big  # the parent must not hold 1 GB while the children are measured
        bundle = work / "one-gb.zip"
        with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as archive:
            for path in sorted(bundle_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(bundle_dir).as_posix())
        shutil.rmtree(bundle_dir)
        bundle_mb = bundle.stat().st_size / 1e6
        imports, opens = [], []
        for run in range(RUNS):
            imports.append(child_import(work / f"import-{run}", bundle))
            opens.append(child_import(work / f"open-{run}", None))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    reference = med(baseline) if baseline else med(stored)
    how = "`zip -0`" if baseline else "Python zipfile ZIP_STORED (`zip` not installed)"
    ratio = med(marginal) / reference
    rss, rss_base = med(r for r, _ in imports), med(r for r, _ in opens)
    print("## Upload bundle (export and import)\n")
    print("| measure | zcdesk | baseline | ratio |")
    print("|---|---:|---:|---:|")
    print(
        f"| export: marginal cost of {EXPORT_FILES} × 5 MB attachments (400 MB, copied unchanged) | "
        f"{med(marginal):.2f} s (with {med(with_big):.2f} s minus without {med(without):.2f} s) | "
        f"{reference:.2f} s ({how} of the same 80 files) | {ratio:.2f}× |"
    )
    if baseline:
        print(
            f"| same marginal cost against Python zipfile ZIP_STORED of the same files | {med(marginal):.2f} s | "
            f"{med(stored):.2f} s | {med(marginal) / med(stored):.2f}× |"
        )
    print(
        f"| import: peak memory (VmHWM) of a fresh process importing a {bundle_mb:.0f} MB bundle ({IMPORT_FILES} files) | "
        f"{rss:.0f} MB ({med(s for _, s in imports):.1f} s) | {rss_base:.0f} MB (a process that only opens the store) | "
        f"{rss / rss_base:.2f}× |"
    )
    print(
        f"\nGoals: export marginal cost ≤ 1.5× `zip -0` — measured {ratio:.2f}×; peak memory of a 1 GB import ≤ 200 MB"
        f" — measured {rss:.0f} MB. Medians of {RUNS} interleaved runs; page cache warm for all; files in a temporary"
        " folder under /tmp, deleted after."
    )


if __name__ == "__main__":
    main()
