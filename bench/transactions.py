"""Store transactions per reflection and per feedback submission on each platform.

``python -m bench.transactions``: runs the scenario suite's cost test
(``tests/scenario/test_submission_cost.py``) for the console, Slack and Discord drivers, on
SQLite and (when ``BALLBACK_TEST_POSTGRES_URL`` is set) PostgreSQL, and prints what each
submission cost from the request arriving to its answer. Target: the same on all three, at
most two (the request ledger's claim on Slack and Discord plus the use case's transaction).
A count, not a time: the test asserts the bound, this prints the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.reflections import CoreBug

TEST = "tests/scenario/test_submission_cost.py"
ROOT = Path(__file__).resolve().parents[1]


def run() -> None:
    """Run the cost test in a subprocess and print one row per platform and backend."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "costs.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST],
            cwd=ROOT,
            env={**os.environ, "BALLBACK_BENCH_TRANSACTIONS": str(out)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CoreBug(f"the submission cost test failed:\n{result.stdout[-2000:]}")
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    print("store transactions per submission (request in → answer out; target: <= 2, equal)")
    print(f"  {'platform':<9} {'backend':<11} {'reflection':>10} {'feedback':>9}")
    for row in sorted(rows, key=lambda r: (r["backend"], r["platform"])):
        print(
            f"  {row['platform']:<9} {row['backend']:<11} {row['reflection']:>10}"
            f" {row['feedback']:>9}"
        )
    print(
        "  Slack and Discord claim the request key (their retries) inside the use case's"
        " transaction; the console has no retries"
    )


if __name__ == "__main__":
    run()
