"""Store speed: saving and loading a 40-achievement application, and opening an existing store.

Reported as ratios to baselines measured in the same run (these machines are noisy):
  save/load vs writing/reading the same manifest as one JSON blob with plain sqlite3;
  open_store (no migration due) vs `python -c "import sqlalchemy"` in a fresh process.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from zcdesk.core import services
from zcdesk.core.manifest import dump_manifest, parse_manifest_bytes
from zcdesk.core.samples import make_id_number, make_sample
from zcdesk.core.store import open_store

RUNS = 30


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_save_load(folder: Path) -> tuple[float, float, float, float]:
    store = open_store(folder / "data")
    base = make_sample("enterprise", achievements=40).bundle
    blob_db = sqlite3.connect(folder / "blob.sqlite3")
    blob_db.execute("PRAGMA synchronous=FULL")
    blob_db.execute("CREATE TABLE apps (id INTEGER PRIMARY KEY, manifest BLOB)")
    save, load, blob_save, blob_load = [], [], [], []
    for run in range(RUNS):
        applicant = replace(base.application.applicant, id_number=make_id_number(seq=run + 1))
        bundle = replace(base, application=replace(base.application, applicant=applicant))
        t0 = time.perf_counter()
        with store.unit_of_work() as session:
            app_id = services.save_bundle(session, bundle)
        t1 = time.perf_counter()
        with store.unit_of_work() as session:
            services.get_application(session, app_id)
        t2 = time.perf_counter()
        with blob_db:
            row_id = blob_db.execute("INSERT INTO apps (manifest) VALUES (?)", (dump_manifest(bundle),)).lastrowid
        t3 = time.perf_counter()
        parse_manifest_bytes(blob_db.execute("SELECT manifest FROM apps WHERE id=?", (row_id,)).fetchone()[0])
        t4 = time.perf_counter()
        save.append(t1 - t0)
        load.append(t2 - t1)
        blob_save.append(t3 - t2)
        blob_load.append(t4 - t3)
    store.close()
    return _median_ms(save), _median_ms(load), _median_ms(blob_save), _median_ms(blob_load)


def bench_open(folder: Path) -> tuple[float, float]:
    open_code = f"from zcdesk.core.store import open_store; open_store({str(folder / 'data')!r}).close()"
    ours, base = [], []
    for _ in range(7):  # interleaved, so both see the same machine load
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", open_code], check=True)
        t1 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sqlalchemy"], check=True)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        base.append(t2 - t1)
    return _median_ms(ours), _median_ms(base)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save, load, blob_save, blob_load = bench_save_load(folder)
        opened, imported = bench_open(folder)
    print("## Store (40 achievements, 46 attachments)\n")
    print("| measure | zcdesk | baseline | ratio |")
    print("|---|---:|---:|---:|")
    print(
        f"| save_bundle (one transaction, synchronous=FULL) | {save:.1f} ms | {blob_save:.1f} ms (JSON blob insert) | {save / blob_save:.1f}× |"
    )
    print(f"| get_application | {load:.1f} ms | {blob_load:.1f} ms (blob select + parse) | {load / blob_load:.1f}× |")
    print(
        f"| open_store, existing database (new process) | {opened:.0f} ms | {imported:.0f} ms (`import sqlalchemy`) | {opened / imported:.1f}× |"
    )


if __name__ == "__main__":
    main()
