"""Measurements of a store taken in a fresh process (see store_scale.py).

Usage: ``python store_worker.py MODE STORE QUESTIONS.json`` prints one JSON object.

* ``cold``: the time to import the library, then to open the store and answer the
  first question (what a nightly script pays on each start);
* ``queries``: each question asked once (``as_of(day).section((portfolio,
  section)).text``), each timed alone: the first asking of each;
* ``many``: ``as_of_many`` on all the questions: the first call, then the median of
  :data:`AGAIN` more;
* ``memory``: the questions asked one at a time, then the process's peak and
  current resident memory (``VmHWM``, ``VmRSS``).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

AGAIN = 5
"""How many more times ``as_of_many`` is timed after its first call (the median is
reported)."""


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def main(mode: str, store: str, questions_file: str) -> dict[str, object]:
    """Run one measurement; its figures."""
    started = time.perf_counter()
    import prospectus_ledger as pl

    imported = time.perf_counter() - started
    questions = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    if mode == "cold":
        start = time.perf_counter()
        ledger = pl.open_store(store)
        day, portfolio, section = questions[0]
        text = ledger.as_of(day).section((portfolio, section)).text
        cold = time.perf_counter() - start
        # What opening spends on SQLite's own check of every page, timed alone.
        import sqlite3

        connection = sqlite3.connect(store)
        start = time.perf_counter()
        connection.execute("PRAGMA quick_check(10)").fetchall()
        check = time.perf_counter() - start
        connection.close()
        return {"import": imported, "cold": cold, "check": check, "chars": len(text)}
    ledger = pl.open_store(store)
    if mode == "queries":
        times = []
        for day, portfolio, section in questions:
            start = time.perf_counter()
            ledger.as_of(day).section((portfolio, section)).text  # noqa: B018 - timed
            times.append(time.perf_counter() - start)
        return {"median": statistics.median(times), "count": len(times)}
    if mode == "many":
        import pandas as pd  # type: ignore[import-untyped]

        frame = pd.DataFrame(
            {"when": [q[0] for q in questions], "path": [f"{q[1]} -- {q[2]}" for q in questions]}
        )
        runs = []
        for _ in range(1 + AGAIN):
            start = time.perf_counter()
            answers = ledger.as_of_many(frame)
            runs.append(time.perf_counter() - start)
        return {
            "first": runs[0],
            "again": statistics.median(runs[1:]),
            "answered": int(answers["error"].isna().sum()),
        }
    if mode == "memory":
        for day, portfolio, section in questions:
            ledger.as_of(day).section((portfolio, section)).text  # noqa: B018 - asked
        return {"peak": _status("VmHWM"), "rss": _status("VmRSS"), "count": len(questions)}
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
