"""Benchmark 2: how long ``ballback --help`` takes to start, and which heavy modules it loads.

Measures the wall time of 15 runs of the installed ``ballback --help`` script (the one next to
``sys.executable``; subprocess, output discarded): median and p90. Baseline in the same run:
15 runs of ``python -c pass`` with the same interpreter, interleaved with the ballback runs so
both see the same machine load; printed as a ratio and a difference. Then, in a fresh
interpreter that has run ``--help``, lists the heavy third-party packages (SQLAlchemy, pydantic,
the platform SDKs, aiohttp, PyYAML, the database drivers, Pillow) found in ``sys.modules``: the list
should be empty, since ``bot.cli`` imports them only inside the commands that need them.

Target: ``ballback --help`` under 0.3 s, judged on p90 (PASS/MISS printed, never asserted).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from bench.stats import ms, percentile, ratio, table, times, verdict

RUNS: Final = 15
TARGET_S: Final = 0.3
HEAVY: Final = (
    "sqlalchemy",
    "alembic",
    "pydantic",
    "pydantic_core",
    "pydantic_settings",
    "discord",
    "slack_bolt",
    "slack_sdk",
    "aiohttp",
    "yaml",
    "aiosqlite",
    "asyncpg",
    "PIL",
)

# Runs ``ballback --help`` in-process (help text swallowed), then prints the heavy packages that
# got imported as JSON: {package: number of its modules loaded}.
PROBE: Final = f"""
import contextlib, io, json, sys
sys.argv = ["ballback", "--help"]
from bot.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
loaded = {{}}
for name in list(sys.modules):
    top = name.split(".")[0]
    if top in {HEAVY!r}:
        loaded[top] = loaded.get(top, 0) + 1
print(json.dumps(loaded))
"""


def _wall(command: Sequence[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def heavy_modules(cwd: str) -> dict[str, int]:
    """The heavy packages loaded by ``ballback --help``: package -> number of its modules."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=cwd, check=True, capture_output=True, text=True
    )
    loaded: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def run() -> None:
    """Time ``ballback --help`` against ``python -c pass`` and print the table."""
    script = Path(sys.executable).parent / "ballback"
    if not script.exists():
        print(f"ballback --help start-up: skipped, no {script} (pip install -e . first)")
        return
    ballback_cmd = [str(script), "--help"]
    baseline_cmd = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory(prefix="ballback-bench-") as cwd:
        _wall(ballback_cmd, cwd)  # warm-up: page cache and bytecode; not timed
        _wall(baseline_cmd, cwd)
        ballback: list[float] = []
        baseline: list[float] = []
        for _ in range(RUNS):
            ballback.append(_wall(ballback_cmd, cwd))
            baseline.append(_wall(baseline_cmd, cwd))
        loaded = heavy_modules(cwd)

    b50, b90 = percentile(ballback, 50) * 1000, percentile(ballback, 90) * 1000
    p50, p90 = percentile(baseline, 50) * 1000, percentile(baseline, 90) * 1000
    heavy = ", ".join(f"{name} ({count} modules)" for name, count in sorted(loaded.items()))
    notes = [
        f"target: ballback --help < {TARGET_S * 1000:.0f} ms (p90): "
        f"{verdict(b90 < TARGET_S * 1000)} (p90 {ms(b90)} ms)",
        f"heavy modules loaded by --help: {heavy or 'none'}",
    ]
    print(
        table(
            f"ballback --help start-up ({RUNS} runs each, wall time)",
            ("median ms", "p90 ms"),
            [
                ("ballback --help", (ms(b50), ms(b90))),
                ("python -c pass", (ms(p50), ms(p90))),
                ("ratio", (times(ratio(b50, p50)), times(ratio(b90, p90)))),
                ("difference ms", (f"{b50 - p50:+.1f}", f"{b90 - p90:+.1f}")),
            ],
            notes,
        )
    )


if __name__ == "__main__":
    run()
