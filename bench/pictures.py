"""Benchmark: drawing the pictures — the streak heat-map of ``/streak`` and a cohort picture.

The heat-map: a member's last 26 weeks with every state in it (reflected most practice days,
forgiven, missed, excused, paused and off-days among them, weekends off, the first weeks before
their first reflection), rendered ``IMAGES`` times after one warm-up (the font is loaded once
per process and cached); the cohort: 30 members × 12 weeks, the same way. Printed per image:
median and p90 wall time of the renderer (drawing and PNG encoding, what ``/streak`` runs off
the event loop), the PNG's size, and peak memory.

Peak memory is measured in a fresh interpreter, so nothing else this process did counts: after
the imports and the content catalog are loaded, the rise of the process's peak resident set
(``ru_maxrss``) over one render (the pixel buffer and the encoder live in C, which
``tracemalloc`` cannot see), and ``tracemalloc``'s peak of Python allocations during it.

No target: figures only, never asserted.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from bench.stats import ms, percentile, table

IMAGES: Final = 200
TODAY: Final = date(2026, 12, 9)  # a Wednesday
ROOT: Final = Path(__file__).resolve().parents[1]


def heatmap_case() -> Callable[[], bytes]:
    """A renderer call for a realistic member: every state occurs."""
    from bot.pictures.heatmap import DayState, render_heatmap, window
    from bot.texts import Texts
    from content import load_catalog

    texts = Texts(load_catalog(), "nl")
    first, last = window(TODAY)
    started = first + timedelta(weeks=3)
    rng = random.Random(26)
    days: dict[date, DayState] = {}
    day = first
    while day <= last:
        if day > TODAY:
            state = DayState.FUTURE
        elif day.weekday() >= 5:
            state = DayState.REST
        elif day < started:
            state = DayState.BEFORE
        else:
            state = rng.choices(
                [
                    DayState.REFLECTED,
                    DayState.FORGIVEN,
                    DayState.MISSED,
                    DayState.EXCUSED,
                    DayState.PAUSED,
                    DayState.OFFDAY,
                ],
                weights=[80, 6, 5, 2, 4, 3],
            )[0]
        days[day] = state
        day += timedelta(days=1)
    return lambda: render_heatmap(days, TODAY, texts)


def cohort_case() -> Callable[[], bytes]:
    """A renderer call for 30 members over 12 weeks."""
    from bot.pictures.cohort import CohortRow, render_cohort
    from bot.texts import Texts
    from content import load_catalog

    texts = Texts(load_catalog(), "en")
    rng = random.Random(30)
    rows = [CohortRow(f"Member {n:02d}", [rng.randint(0, 5) for _ in range(12)]) for n in range(30)]
    return lambda: render_cohort(rows, TODAY - timedelta(weeks=11), texts)


CASES: Final = {"heat-map (26 weeks)": heatmap_case, "cohort (30 × 12)": cohort_case}

# Run in a fresh interpreter: a case's set-up and one warm-up render, then the peaks of one
# more render. On Linux the peak resident set (VmHWM) is reset to the current one first
# (/proc/self/clear_refs), so the figure is that render's own; elsewhere ru_maxrss's rise is
# all there is (0 when the set-up peaked higher).
PROBE: Final = """
import json, resource, sys, tracemalloc
from bench.pictures import CASES

def status(field):
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)

render = CASES[sys.argv[1]]()
render()
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    before, how = status("VmRSS"), "VmHWM"
except OSError:
    before, how = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "ru_maxrss"
tracemalloc.start()
render()
_, python_peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
after = status("VmHWM") if how == "VmHWM" else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rss_kib": after - before, "python_bytes": python_peak, "how": how}))
"""


def peak_memory(case: str) -> dict[str, Any]:
    """The peaks of one render of ``case`` in a fresh interpreter (see the module's doc)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, case], cwd=ROOT, check=True, capture_output=True, text=True
    )
    peaks: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return peaks


def run() -> None:
    """Render each picture ``IMAGES`` times and print one table."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    how = ""
    for name, make in CASES.items():
        render = make()
        png = render()  # warm-up: the font and the encoder, not timed
        walls: list[float] = []
        for _ in range(IMAGES):
            start = time.perf_counter()
            render()
            walls.append(time.perf_counter() - start)
        peaks = peak_memory(name)
        how = peaks["how"]
        rows.append(
            (
                name,
                (
                    ms(percentile(walls, 50) * 1000),
                    ms(percentile(walls, 90) * 1000),
                    f"{len(png) / 1024:.1f}",
                    f"{peaks['rss_kib'] / 1024:.1f}",
                    f"{peaks['python_bytes'] / 1024 / 1024:.2f}",
                ),
            )
        )
    print(
        table(
            f"pictures: one PNG per render ({IMAGES} renders each after a warm-up)",
            ("median ms", "p90 ms", "PNG KiB", "peak RSS MiB", "py peak MiB"),
            rows,
            [
                "peak RSS: how far one render (after a warm-up) raises a fresh interpreter's "
                f"peak resident set ({how});",
                "py peak: tracemalloc's peak of Python allocations during it (pixels live in C)",
            ],
        )
    )


if __name__ == "__main__":
    run()
