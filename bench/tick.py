"""Benchmark 6: the scheduler's tick with 10,000 channels, on SQLite and on PostgreSQL.

Builds 10,000 channels of platform ``test`` (50 workspaces x 200 channels, zone UTC, Mon-Fri,
all with the nudge at 09:00) in a fresh store (``open_store`` with its migrations: a temporary
SQLite file, and a scratch schema on PostgreSQL). One channel is added with ``Tx.channels.add``;
the other 9,999 copy its stored row in one multi-row INSERT (not timed), each channel's cursor
at 09:00 of Tuesday 1 December 2026. The core is built as the composition root builds it
(``Practice`` with ``load_catalog``, ``Scheduler(store, practice, {"test": chat}, clock)`` and
its ``Courier``) on a ``ManualClock``; the chat is ``tests.support.chat.RecordingChat``, which
accepts every post at once, so only ballback's own work is timed (``time.perf_counter``).

1. **All due**: the tick at 09:00 with ``deliver=False`` (planning 10,000 channels' work into
   the ledger and moving their cursors, claiming the 10,000 nudges, deciding each pick and
   writing each nudge to the outbox), in ms per channel; then, separately, the courier's
   ``drain(09:00)`` of those 10,000 notices, in ms per notice. Measured once per backend (the
   day's first tick cannot be repeated without rebuilding the day). Every nudge must be settled
   ``done`` and every notice sent, else ``CoreBug``. Counted alongside: the write transactions
   (``Store.transaction``, counted by wrapping it: on SQLite each is a ``BEGIN IMMEDIATE``), and
   the longest stall of the event loop (a task that sleeps 5 ms in a loop and records how late
   it wakes): while it is stalled, nothing else in the process runs (no Slack ack, no gateway
   heartbeat).
2. **Nothing due**, after those nudges are delivered: ``IDLE_TICKS`` ticks, one every 30 s
   from 09:00:30 (every cursor then points at 10:00, every notice is settled), each timed twice:
   ``tick(now, deliver=False)`` (what ``ballback run``'s scheduler loop does) and ``tick(now)``
   (the same plus the courier's look for due lanes). Median and p90; per tick the write
   transactions (should be 0), read transactions and SQL statements (a ``before_cursor_execute``
   listener) are counted. Then the statistics are refreshed (``ANALYZE``; on PostgreSQL
   ``VACUUM ANALYZE``, as autovacuum would after the morning's writes) and ``IDLE_TICKS`` more
   ticks are timed the same way.

Baselines, in the same run and on the same database: for *nothing due*, the bare driver round
trip of the same two lookups (``WorkLedger.anything_due``: a passed cursor, then claimable
work, each ``LIMIT 1``, the SQL as SQLAlchemy renders it) in one read transaction, once after
each tick (SQLite: a pysqlite connection on the same file, ``BEGIN``/``ROLLBACK``; PostgreSQL:
an asyncpg connection, a ``READ ONLY`` transaction); the plan the database chose for the cursor
lookup is printed. For *all due*, a bare bulk INSERT of 10,000 outbox-like rows (the nudge
notice's JSON, its lane, kind and times) in one transaction into a table of their own (pysqlite
``executemany`` / asyncpg ``executemany``). Ratios are ballback / bare.

Target: a tick when nothing is due under 50 ms, judged on the p50 of ``tick(now)`` before the
statistics are refreshed (PASS/MISS printed, never asserted). The all-due figures have no
target here (the fan-out's is ``bench.fanout``'s); the old main took ~21 s for the tick that
posted 10,000 nudges and ~13 s for a tick after they were done.

PostgreSQL: the server of ``BALLBACK_BENCH_POSTGRES_URL``, else ``BALLBACK_TEST_POSTGRES_URL``,
else ``postgresql+asyncpg://postgres@127.0.0.1:5432/test``; the scratch schema is dropped
afterwards. When the server cannot be reached, PostgreSQL is skipped with a printed note.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.engine import make_url

from bench.reflections import CoreBug
from bench.stats import ms, percentile, ratio, table, times, verdict
from bot.cards import nudge_card
from bot.clock import ManualClock
from bot.messages import Notice, notice_to_data
from bot.model import Channel, DailyPick, Place
from bot.practice import ChannelDefaults, Practice
from bot.scheduler import Scheduler
from content import load_catalog
from storage import SqlStore, open_store, sqlite_url
from storage.tables import channels
from storage.testing import scratch_postgres_schema
from tests.support.chat import RecordingChat

WORKSPACES: Final = 50
PER_WORKSPACE: Final = 200
CHANNELS: Final = WORKSPACES * PER_WORKSPACE
NUDGE_AT: Final = wall_time(9, 0)
FIRST_DAY: Final = date(2026, 12, 1)  # a Tuesday
IDLE_TICKS: Final = 50  # per phase: as the morning left the statistics, and refreshed
IDLE_STEP: Final = timedelta(seconds=30)
STALL_PROBE_S: Final = 0.005
TARGET_IDLE_MS: Final = 50.0

POSTGRES_ENVS: Final = ("BALLBACK_BENCH_POSTGRES_URL", "BALLBACK_TEST_POSTGRES_URL")
DEFAULT_POSTGRES: Final = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

FLOOR_TABLE: Final = "bench_floor_outbox"
FLOOR_COLUMNS: Final = (
    "channel_id, platform, lane, kind, local_date, title, notice, status, ready_at, attempts,"
    " expires_at, error, created_at"
)
# The two lookups of ``SqlWork.anything_due``, as SQLAlchemy renders them.
IDLE_CURSOR_SQL: Final = (
    "SELECT channels.id FROM channels WHERE (channels.next_due_at <= {p1} OR "
    "channels.next_due_at IS NULL) AND channels.platform IN ({p2}) LIMIT 1"
)
IDLE_WORK_SQL: Final = (
    "SELECT work.id FROM work WHERE work.ready_at <= {p1} AND work.platform IN ({p2}) LIMIT 1"
)


def at_nine(day: date) -> datetime:
    """09:00 UTC on ``day``: every channel's nudge instant."""
    return datetime.combine(day, NUDGE_AT, tzinfo=UTC)


def places(platform: str, workspace_prefix: str = "W") -> list[Place]:
    """The benchmark's channels: ``<prefix>NN`` workspaces, ``C<NN><nnn>`` channels in each."""
    return [
        Place(platform, f"{workspace_prefix}{w:02d}", f"C{w:02d}{n:03d}")
        for w in range(WORKSPACES)
        for n in range(PER_WORKSPACE)
    ]


async def add_channels(store: SqlStore, chosen: Sequence[Place], cursor: datetime) -> None:
    """Add ``chosen`` channels (zone UTC, nudge 09:00, Mon-Fri), each cursor at ``cursor``.

    The first goes through ``Tx.channels.add`` and ``WorkLedger.set_cursor``; the others copy its
    stored row in one multi-row INSERT (10,000 ``channels.add`` calls take 4-10 s).
    """
    first, rest = chosen[0], chosen[1:]
    async with store.transaction() as tx:
        await tx.channels.add(Channel(first, timezone="UTC", nudge_time=NUDGE_AT))
        await tx.work.set_cursor(first, cursor, earlier_only=False)
        channel_id = await tx.existing_channel_id(first)
        row = (await tx.conn.execute(select(channels).where(channels.c.id == channel_id))).one()
        template = {key: value for key, value in row._mapping.items() if key != "id"}
        if rest:
            rows = [{**template, "workspace": p.workspace, "channel": p.channel} for p in rest]
            await tx.conn.execute(insert(channels), rows)


@dataclass
class Counts:
    """Transactions and statements seen while ``active``."""

    active: bool = False
    writes: int = 0
    reads: int = 0
    statements: int = 0

    def reset(self) -> None:
        self.writes = self.reads = self.statements = 0


def count_transactions(store: SqlStore, counts: Counts) -> Callable[[], None]:
    """Wrap the store's ``transaction``/``read`` and listen to every engine's statements;
    returns the function that undoes it."""
    write, read = store.transaction, store.read

    @contextlib.asynccontextmanager
    async def counted_write() -> AsyncIterator[Any]:
        if counts.active:
            counts.writes += 1
        async with write() as tx:
            yield tx

    @contextlib.asynccontextmanager
    async def counted_read() -> AsyncIterator[Any]:
        if counts.active:
            counts.reads += 1
        async with read() as tx:
            yield tx

    def on_statement(*_: Any) -> None:
        if counts.active:
            counts.statements += 1

    store.transaction = counted_write  # type: ignore[method-assign]
    store.read = counted_read  # type: ignore[method-assign]
    event.listen(Engine, "before_cursor_execute", on_statement)

    def undo() -> None:
        event.remove(Engine, "before_cursor_execute", on_statement)
        del store.transaction, store.read

    return undo


@dataclass
class Idle:
    """One phase of nothing-due ticks (seconds)."""

    tick: list[float] = field(default_factory=list)  # tick(now, deliver=False)
    full: list[float] = field(default_factory=list)  # tick(now): with the drain's look
    floor: list[float] = field(default_factory=list)  # the bare two lookups
    writes: int = 0  # write transactions over the phase's ticks (both kinds)
    reads: int = 0  # read transactions over the phase's tick(now)
    statements: int = 0  # SQL statements over the phase's tick(now)


@dataclass
class Figures:
    """One backend's figures (seconds unless named otherwise)."""

    backend: str
    all_due: float = 0.0  # tick(deliver=False) at 09:00
    all_due_writes: int = 0
    all_due_stall: float = 0.0
    drain: float = 0.0  # drain of the 10,000 notices
    drain_writes: int = 0
    drain_stall: float = 0.0
    floor_insert: float = 0.0  # bare bulk INSERT
    idle: Idle = field(default_factory=Idle)  # statistics as the morning left them
    analyzed: Idle = field(default_factory=Idle)  # after ANALYZE
    cursor_plan: str = ""


class LoopWatch:
    """The longest the event loop was late to wake a task sleeping ``STALL_PROBE_S``
    (a stall still going on at the end counts up to then)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._since = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _probe(self) -> None:
        while True:
            self._since = time.perf_counter()
            await asyncio.sleep(STALL_PROBE_S)
            self._late(time.perf_counter())

    def _late(self, now: float) -> None:
        self.longest = max(self.longest, now - self._since - STALL_PROBE_S)

    async def __aenter__(self) -> LoopWatch:
        self._task = asyncio.ensure_future(self._probe())
        await asyncio.sleep(0)  # let the probe start its first sleep
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._task is not None
        self._late(time.perf_counter())
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


class Floor:
    """The bare driver on the same database: the two lookups and the bulk INSERT."""

    async def lookups(self, now: datetime) -> None:
        raise NotImplementedError

    async def bulk_insert(self, rows: Sequence[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    async def analyze(self) -> None:
        raise NotImplementedError

    async def cursor_plan(self, now: datetime) -> str:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


class SqliteFloor(Floor):
    """pysqlite on the store's file (WAL, as the store sets it up), autocommit mode."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {FLOOR_TABLE} (id INTEGER PRIMARY KEY, channel_id INTEGER"
            " NOT NULL, platform TEXT NOT NULL, lane TEXT NOT NULL, kind TEXT NOT NULL,"
            " local_date DATE, title TEXT NOT NULL, notice JSON, status TEXT NOT NULL,"
            " ready_at DATETIME, attempts INTEGER NOT NULL, expires_at DATETIME,"
            " error TEXT NOT NULL, created_at DATETIME NOT NULL)"
        )
        self.cursor_sql = IDLE_CURSOR_SQL.format(p1="?", p2="?")
        self.work_sql = IDLE_WORK_SQL.format(p1="?", p2="?")

    async def lookups(self, now: datetime) -> None:
        stamp = _sqlite_stamp(now)
        self.db.execute("BEGIN")
        self.db.execute(self.cursor_sql, (stamp, "test")).fetchone()
        self.db.execute(self.work_sql, (stamp, "test")).fetchone()
        self.db.execute("ROLLBACK")

    async def analyze(self) -> None:
        self.db.execute("ANALYZE")

    async def cursor_plan(self, now: datetime) -> str:
        plan = self.db.execute(
            f"EXPLAIN QUERY PLAN {self.cursor_sql}", (_sqlite_stamp(now), "test")
        )
        return "; ".join(str(row[3]) for row in plan)

    async def bulk_insert(self, rows: Sequence[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" * len(rows[0]))
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany(f"INSERT INTO {FLOOR_TABLE} ({FLOOR_COLUMNS}) VALUES ({marks})", rows)
        self.db.execute("COMMIT")

    async def close(self) -> None:
        self.db.close()


class PostgresFloor(Floor):
    """One asyncpg connection on the scratch schema."""

    def __init__(self, connection: Any) -> None:
        self.db = connection
        self.cursor_sql = IDLE_CURSOR_SQL.format(p1="$1", p2="$2")
        self.work_sql = IDLE_WORK_SQL.format(p1="$1", p2="$2")

    @classmethod
    async def open(cls, url: str) -> PostgresFloor:
        import asyncpg

        parsed = make_url(url)
        connection = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port,
            user=parsed.username,
            password=parsed.password,
            database=parsed.database,
            server_settings={"search_path": str(parsed.query["search_path"])},
        )
        await connection.execute(
            f"CREATE TABLE {FLOOR_TABLE} (id SERIAL PRIMARY KEY, channel_id INTEGER NOT NULL,"
            " platform TEXT NOT NULL, lane TEXT NOT NULL, kind TEXT NOT NULL, local_date DATE,"
            " title TEXT NOT NULL, notice JSON, status TEXT NOT NULL, ready_at TIMESTAMPTZ,"
            " attempts INTEGER NOT NULL, expires_at TIMESTAMPTZ, error TEXT NOT NULL,"
            " created_at TIMESTAMPTZ NOT NULL)"
        )
        return cls(connection)

    async def lookups(self, now: datetime) -> None:
        async with self.db.transaction(readonly=True):
            await self.db.fetchval(self.cursor_sql, now, "test")
            await self.db.fetchval(self.work_sql, now, "test")

    async def analyze(self) -> None:
        await self.db.execute("VACUUM ANALYZE")

    async def cursor_plan(self, now: datetime) -> str:
        plan = await self.db.fetch(f"EXPLAIN {self.cursor_sql}", now, "test")
        return "; ".join(row[0].strip().split("  (cost")[0] for row in plan[:2])

    async def bulk_insert(self, rows: Sequence[tuple[Any, ...]]) -> None:
        marks = ", ".join(f"${i + 1}" for i in range(len(rows[0])))
        async with self.db.transaction():
            await self.db.executemany(
                f"INSERT INTO {FLOOR_TABLE} ({FLOOR_COLUMNS}) VALUES ({marks})", rows
            )

    async def close(self) -> None:
        await self.db.close()


def _sqlite_stamp(now: datetime) -> str:
    # How SQLAlchemy's DateTime writes an instant into SQLite (storage.tables.UTCDateTime).
    return now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def floor_rows(
    practice: Practice, day: date, *, sqlite: bool, chosen: Sequence[Place]
) -> list[tuple[Any, ...]]:
    """10,000 outbox-like rows: the first day's nudge card as each channel's notice JSON."""
    catalog = practice.catalog
    pick = DailyPick(
        place=chosen[0],
        local_date=day,
        skill_id=catalog.skills[0].id,
        scenario_id=catalog.scenarios[0].id,
        habit_id=catalog.habits[0].id,
        seq=0,
    )
    nudge = nudge_card(practice.catalog, pick, "en")
    now = at_nine(day)
    expires = now + timedelta(hours=1)
    rows = []
    for n, place in enumerate(chosen):
        data = json.dumps(notice_to_data(Notice(place, nudge)), ensure_ascii=False)
        stamps: tuple[Any, ...] = (now, expires, now)
        if sqlite:
            stamps = tuple(s.replace(tzinfo=None).isoformat(sep=" ") for s in stamps)
        rows.append(
            (
                n + 1,
                place.platform,
                f"{place.platform}:{place.workspace}",
                "nudge",
                day if not sqlite else day.isoformat(),
                nudge.title[:200],
                data,
                "pending",
                stamps[0],
                0,
                stamps[1],
                "",
                stamps[2],
            )
        )
    return rows


async def bench_backend(backend: str, url: str, floor: Floor) -> Figures:
    """Run the whole benchmark on the store at ``url`` (migrated here, closed at the end)."""
    figures = Figures(backend)
    store = await open_store(url)
    counts = Counts()
    undo = count_transactions(store, counts)
    try:
        chosen = places("test")
        nine = at_nine(FIRST_DAY)
        await add_channels(store, chosen, nine)
        clock = ManualClock(nine)
        practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
        chat = RecordingChat("test")
        scheduler = Scheduler(store, practice, {"test": chat}, clock)

        counts.reset()
        counts.active = True
        async with LoopWatch() as watch:
            began = time.perf_counter()
            report = await scheduler.tick(nine, deliver=False)
            figures.all_due = time.perf_counter() - began
        figures.all_due_writes, figures.all_due_stall = counts.writes, watch.longest
        nudges = [d for d in report.of("nudge") if d[1] == "done"]
        if len(nudges) != CHANNELS:
            raise CoreBug(f"{backend}: {len(nudges)} of {CHANNELS} nudges done at 09:00")
        counts.reset()
        async with LoopWatch() as watch:
            began = time.perf_counter()
            delivery = await scheduler.courier.drain(nine)
            figures.drain = time.perf_counter() - began
        figures.drain_writes, figures.drain_stall = counts.writes, watch.longest
        counts.active = False
        if delivery.sent != CHANNELS or len(chat.sent) != CHANNELS:
            raise CoreBug(
                f"{backend}: the drain sent {delivery.sent} of {CHANNELS} nudges "
                f"(failed: {delivery.failed[:3]})"
            )
        rows = floor_rows(practice, FIRST_DAY, sqlite=backend == "SQLite", chosen=chosen)
        began = time.perf_counter()
        await floor.bulk_insert(rows)
        figures.floor_insert = time.perf_counter() - began

        # Nothing due: the nudges are delivered, the cursors point at 10:00 (pairing).
        steps = iter(range(1, 2 * IDLE_TICKS + 1))
        await _idle(backend, scheduler, clock, counts, floor, figures.idle, nine, steps)
        figures.cursor_plan = await floor.cursor_plan(nine)
        await floor.analyze()
        await _idle(backend, scheduler, clock, counts, floor, figures.analyzed, nine, steps)
    finally:
        undo()
        await store.close()
    return figures


async def _idle(
    backend: str,
    scheduler: Scheduler,
    clock: ManualClock,
    counts: Counts,
    floor: Floor,
    idle: Idle,
    base: datetime,
    steps: Iterator[int],
) -> None:
    """``IDLE_TICKS`` nothing-due ticks (both kinds) and floors, at the next ``steps``."""
    for _ in range(IDLE_TICKS):
        now = base + next(steps) * IDLE_STEP
        clock.set(now)
        counts.reset()
        counts.active = True
        began = time.perf_counter()
        quiet = await scheduler.tick(now, deliver=False)
        idle.tick.append(time.perf_counter() - began)
        idle.writes += counts.writes
        counts.reset()
        began = time.perf_counter()
        full = await scheduler.tick(now)
        idle.full.append(time.perf_counter() - began)
        counts.active = False
        idle.writes += counts.writes
        idle.reads += counts.reads
        idle.statements += counts.statements
        if quiet or full:
            raise CoreBug(f"{backend}: a tick at {now:%H:%M:%S} found work: {full.done[:3]}")
        began = time.perf_counter()
        await floor.lookups(now)
        idle.floor.append(time.perf_counter() - began)


async def postgres_server() -> tuple[str | None, str]:
    """The PostgreSQL server URL to use, or None with the reason it cannot be reached."""
    url = next((os.environ[e] for e in POSTGRES_ENVS if os.environ.get(e)), DEFAULT_POSTGRES)
    try:
        import asyncpg

        parsed = make_url(url)
        connection = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port,
            user=parsed.username,
            password=parsed.password,
            database=parsed.database,
            timeout=3.0,
        )
        await connection.close()
    except Exception as exc:  # no server, refused, bad credentials: PostgreSQL is skipped
        return None, f"PostgreSQL skipped: {make_url(url).render_as_string()} unreachable ({exc})"
    return url, ""


def report(results: Sequence[Figures], skipped: str) -> str:
    """The benchmark's table: one column per backend."""

    def row(label: str, cell: Callable[[Figures], str]) -> tuple[str, Sequence[str]]:
        return label, [cell(f) for f in results]

    def p(values: Sequence[float], pct: float) -> float:
        return percentile(values, pct) * 1000

    rows = [
        row("all due: tick ms", lambda f: ms(f.all_due * 1000)),
        row("all due: ms/channel", lambda f: f"{f.all_due * 1000 / CHANNELS:.3f}"),
        row("  floor: bulk INSERT ms", lambda f: ms(f.floor_insert * 1000)),
        row("  ratio tick/floor", lambda f: times(ratio(f.all_due, f.floor_insert))),
        row("  write transactions", lambda f: str(f.all_due_writes)),
        row("  longest loop stall ms", lambda f: ms(f.all_due_stall * 1000)),
        row("drain: ms", lambda f: ms(f.drain * 1000)),
        row("drain: ms/notice", lambda f: f"{f.drain * 1000 / CHANNELS:.3f}"),
        row("  write tx/notice", lambda f: f"{f.drain_writes / CHANNELS:.2f}"),
        row("  longest loop stall ms", lambda f: ms(f.drain_stall * 1000)),
        row("nothing due: p50 ms", lambda f: ms(p(f.idle.full, 50))),
        row("nothing due: p90 ms", lambda f: ms(p(f.idle.full, 90))),
        row("  deliver=False p50", lambda f: ms(p(f.idle.tick, 50))),
        row("  floor: lookups p50", lambda f: ms2(p(f.idle.floor, 50))),
        row("  ratio to floor", lambda f: times(ratio(p(f.idle.tick, 50), p(f.idle.floor, 50)))),
        row("  analyzed: p50 ms", lambda f: ms(p(f.analyzed.full, 50))),
        row("  analyzed: d=False p50", lambda f: ms(p(f.analyzed.tick, 50))),
        row("  analyzed: floor p50", lambda f: ms2(p(f.analyzed.floor, 50))),
        row(
            "  write tx per tick",
            lambda f: f"{(f.idle.writes + f.analyzed.writes) / (4 * IDLE_TICKS):.0f}",
        ),
        row(
            "  reads, statements",
            lambda f: f"{f.idle.reads / IDLE_TICKS:.0f}, {f.idle.statements / IDLE_TICKS:.0f}",
        ),
    ]
    notes = [
        "all due: the 09:00 tick with deliver=False (plan, claim, pick, outbox), then the "
        "courier's drain(09:00) through a chat that accepts at once; loop stall: the longest "
        "the event loop ran without giving other tasks a turn",
        f"nothing due: {IDLE_TICKS} ticks from 09:00:30, every 30 s, tick(now) "
        "('deliver=False': without the drain's look); then ANALYZE (PostgreSQL: VACUUM "
        f"ANALYZE) and {IDLE_TICKS} more ('analyzed'); reads, statements: per tick(now)",
    ]
    for f in results:
        notes.append(f"{f.backend}: the floor's cursor lookup (before ANALYZE): {f.cursor_plan}")
    for f in results:
        p50 = p(f.idle.full, 50)
        writes = f.idle.writes + f.analyzed.writes
        notes.append(
            f"target: nothing due < {TARGET_IDLE_MS:.0f} ms (p50) on {f.backend}: "
            f"{verdict(p50 < TARGET_IDLE_MS)} ({ms(p50)} ms; {writes} write transactions in "
            f"{4 * IDLE_TICKS} ticks)"
        )
    if skipped:
        notes.append(skipped)
    return table(
        f"scheduler tick, {CHANNELS:,} channels ({WORKSPACES} workspaces x {PER_WORKSPACE})",
        [f.backend for f in results],
        rows,
        notes,
    )


def ms2(value: float) -> str:
    """Milliseconds, two decimals (for sub-millisecond floors)."""
    return f"{value:.2f}"


async def run() -> None:
    """Run the benchmark on SQLite, then on PostgreSQL when reachable; print one table."""
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="ballback-bench-") as tmp:
        path = Path(tmp) / "tick.db"
        url = sqlite_url(path)
        await (await open_store(url)).close()  # the file and its WAL mode, for the floor
        floor: Floor = SqliteFloor(path)
        try:
            results.append(await bench_backend("SQLite", url, floor))
        finally:
            await floor.close()
    server, skipped = await postgres_server()
    if server is not None:
        async with scratch_postgres_schema(server) as url:
            await (await open_store(url)).close()
            floor = await PostgresFloor.open(url)
            try:
                results.append(await bench_backend("PostgreSQL", url, floor))
            finally:
                await floor.close()
    print(report(results, skipped))


if __name__ == "__main__":
    asyncio.run(run())
