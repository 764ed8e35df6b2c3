"""Run every ballback benchmark and print its figures: ``python -m bench`` (``make bench``).

Measures what ``bench.reflections`` measures (a reflection submitted through ``Practice`` by 200
concurrent members on the SQLite default, against a bare aiosqlite floor; target p99 under
100 ms and within 3x of the floor) and what ``bench.startup`` measures (``ballback --help``
against ``python -c pass``; target under 0.3 s, no heavy modules) and what ``bench.pairing``
measures (pairing 10,000 members with 12 weeks of history against a naive random pairing;
target under 1 s per round and 0 avoidable repeats) and what ``bench.slack`` measures (the Slack
app's HTTP answer to ``/practice today`` and to a reflection modal's submission, against a bare
slack-bolt ``AsyncApp`` that only acks; target p50 within 1.5x of it) and what ``bench.discord``
measures (an INTERACTION_CREATE for ``/practice today`` to its first callback, against a bare
discord.py client that only responds; target p50 within 1.5x of it) and what ``bench.tick``
measures (the scheduler's tick with 10,000 channels on SQLite and PostgreSQL: the tick at which
all are due, per channel, and the courier's drain of their nudges, per notice, against a bare
bulk INSERT; ticks when nothing is due against the bare driver's two lookups; target under
50 ms when nothing is due) and what ``bench.fanout`` measures (the daily nudge to 10,000
channels in 50 workspaces through a loopback Slack that enforces 1 message/s per channel and
600 per minute per workspace, one instance on SQLite and two sharing PostgreSQL: time to the
last nudge against the floor of those limits; targets 0 duplicates, 0 misses, ratio <= 1.2),
what ``bench.pictures`` measures (drawing the streak heat-map of ``/streak`` and a cohort
picture: median and p90 time per image, PNG size and peak memory; no target), what
``bench.report`` measures (the trainer report of 500 members over 12 weeks on SQLite; target
under 0.5 s), what ``bench.observer`` measures (the automatic observer's agreement with the
labelled set ``eval/observer``: per-label precision, recall and F1 and the macro-F1 on each
held-out part per language, the dev parts together marked as the tuning parts; helper turns
labelled per second on one core and the time to analyse a 40-turn role-play; targets
macro-F1 >= 0.85, every label >= 0.75, Dutch within 0.05 of English, >= 1,000 turns/s), and what
``bench.transactions`` counts (store transactions per reflection and per feedback
submission on the console, Slack and Discord; target the same on all, at most two), one compact
table each. PostgreSQL figures need a reachable server (``bench.tick`` says which);
without one they are skipped with a note.

Times are printed, never asserted: a missed target still exits 0. The exit status is 1 only when
the core misbehaves (a reflection refused or failed, a Slack request answered wrongly, a nudge
not done or not delivered by the scheduler, a fan-out worker that fails), which is a bug rather
than a timing.
"""

from __future__ import annotations

import asyncio
import os
import platform
import sqlite3
import sys
import time

from bench import (
    discord,
    fanout,
    observer,
    pairing,
    pictures,
    reflections,
    report,
    slack,
    startup,
    tick,
    transactions,
)


def main() -> int:
    """Run every benchmark in turn; 1 if the core misbehaved, else 0."""
    began = time.perf_counter()
    print(
        f"ballback benchmarks: Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.platform(terse=True)}"
    )
    print()
    status = 0
    try:
        asyncio.run(reflections.run())
    except reflections.CoreBug as bug:
        print(f"reflection submit: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    startup.run()
    print()
    pairing.run()
    print()
    pictures.run()
    print()
    report.run()
    print()
    observer.run()
    print()
    try:
        asyncio.run(slack.run())
    except reflections.CoreBug as bug:
        print(f"Slack adapter: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    try:
        asyncio.run(discord.run())
    except reflections.CoreBug as bug:
        print(f"Discord adapter: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    try:
        transactions.run()
    except reflections.CoreBug as bug:
        print(f"submission cost: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    try:
        asyncio.run(tick.run())
    except reflections.CoreBug as bug:
        print(f"scheduler tick: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    try:
        asyncio.run(fanout.run())
    except reflections.CoreBug as bug:
        print(f"daily fan-out: CORE BUG, no figures: {bug}", file=sys.stderr)
        status = 1
    print()
    print(f"all benchmarks: {time.perf_counter() - began:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
