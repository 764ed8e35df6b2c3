"""400 simulated days of scheduled work across DST changes, in five time zones.

A simulated clock drives the scheduler from early 2027 into 2028 for channels in Amsterdam,
New York, Sydney, Santiago and London, with nudge, pairing and reminder times that fall inside
skipped and repeated hours on their zones' transition days. Members join rounds before pairing,
so rounds produce their notices, outcome reminders and reflection reminders. The test checks:

- each practice day (one of the channel's weekdays, not an off-day) has exactly one nudge, one
  round, its outcome reminder (when pairing + 4 h is still the same local day) and its
  reflection reminder, each done on time at the stated local time: a time inside a skipped hour
  at the first instant after the gap, one inside a repeated hour at its first occurrence;
- nothing happens on other days, nothing twice, nothing between the due instants;
- the work ledger holds exactly that work, and every notice was sent at the instant it was
  decided;
- ``Scheduler.advance`` in random jumps (the console's clock) does exactly what ticks do.

The expected instants come from an oracle of this file's own (a minute-by-minute scan of the
local day in UTC), never from ``bot.rules.schedule``.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.messages import Card
from bot.model import Actor, Channel, DateRange, MemberRef, Place
from bot.ports import Store
from bot.practice import Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler, TickReport
from content import Catalog, load_catalog
from storage import open_store
from storage.engine import sqlite_url
from storage.testing import PostgresStores
from tests.support.chat import RecordingChat

PLATFORM = "test"
WORKSPACE = "w"  # one workspace: every channel's notices share one courier lane

# The issue's rules, restated here (not imported: this file is the rules' second opinion).
OUTCOME_AFTER = timedelta(hours=4)  # "did you practise?" comes this long after pairing
QUIET = (time(21, 0), time(8, 0))  # a member's default quiet hours, in their own zone
MINUTE = timedelta(minutes=1)

SIM_START = datetime(2027, 1, 3, 12, 7, tzinfo=UTC)  # a Sunday; no work falls at this instant
SIM_DAYS = 400
SIM_END = SIM_START + timedelta(days=SIM_DAYS)  # 2028-02-07
SEED = 20270328

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
EVERY_DAY = frozenset(range(7))
MON_FRI = frozenset(range(5))


@dataclass(frozen=True)
class Spec:
    """One simulated channel: its zone, days and times, and the members who join its rounds
    (user id and their own time zone, None for the channel's)."""

    name: str
    zone: str
    weekdays: frozenset[int]
    nudge: time
    pairing: time
    reminder: time
    members: tuple[tuple[str, str | None], ...] = ()
    offdays: tuple[DateRange, ...] = ()
    join_before: timedelta = timedelta(minutes=50)  # members join this long before pairing

    @property
    def place(self) -> Place:
        return Place(PLATFORM, WORKSPACE, self.name)

    def channel(self) -> Channel:
        return Channel(
            self.place,
            timezone=self.zone,
            weekdays=self.weekdays,
            nudge_time=self.nudge,
            pairing_time=self.pairing,
            reminder_time=self.reminder,
        )

    def actors(self) -> list[Actor]:
        return [
            Actor(PLATFORM, WORKSPACE, user, user.title(), timezone=zone)
            for user, zone in self.members
        ]

    def practises(self, day: date) -> bool:
        return day.weekday() in self.weekdays and not any(r.covers(day) for r in self.offdays)


# The 2027 transitions: Amsterdam and London 28 Mar (gap) / 31 Oct (repeat), 02:00-03:00 and
# 01:00-02:00 local; New York 14 Mar (gap 02:00-03:00) / 7 Nov (repeat 01:00-02:00); Sydney
# 4 Apr (repeat 02:00-03:00) / 3 Oct (gap 02:00-03:00); Santiago 3 Apr (Saturday: 23:00-24:00
# is repeated) / 5 Sep (Sunday: its first hour, 00:00-01:00, is skipped: no local midnight).
SPECS: tuple[Spec, ...] = (
    # Sundays only. Nudge and pairing inside Amsterdam's gap and repeat; on 28 March both fall
    # at 03:00. The reminder at 08:00 is the first minute after the members' quiet hours.
    Spec(
        "ams",
        "Europe/Amsterdam",
        frozenset({SUN}),
        nudge=time(2, 30),
        pairing=time(2, 45),
        reminder=time(8, 0),
        members=(("ams-anna", None), ("ams-bob", None), ("ams-cees", None)),  # a trio
    ),
    # Pairing in the repeated hour, the reflection reminder in the skipped one; the members
    # live in Kolkata, where 02:30 in New York is midday.
    Spec(
        "nyc",
        "America/New_York",
        frozenset({SUN}),
        nudge=time(0, 30),
        pairing=time(1, 15),
        reminder=time(2, 30),
        members=(("nyc-dev", "Asia/Kolkata"), ("nyc-eve", "Asia/Kolkata")),
    ),
    # Pairing first, then the nudge and the reminder inside the gap and the repeat (on 3 Oct
    # both at 03:00). Two members live in London (02:45 in Sydney is their afternoon), one in
    # Sydney: 02:45 is inside her quiet hours, so she is never reminded.
    Spec(
        "syd",
        "Australia/Sydney",
        frozenset({SUN}),
        nudge=time(2, 15),
        pairing=time(0, 40),
        reminder=time(2, 45),
        members=(("syd-finn", "Europe/London"), ("syd-gwen", "Europe/London"), ("syd-hana", None)),
        join_before=timedelta(minutes=25),
    ),
    # Weekends only. The nudge at midnight, which 5 Sep does not have; pairing at 20:30, so
    # pairing + 4 h is the next day, except on 3 Apr when the clock goes back an hour at
    # midnight: the only outcome reminder this channel ever has. The reminder at 23:30 is
    # repeated that day.
    Spec(
        "scl",
        "America/Santiago",
        frozenset({SAT, SUN}),
        nudge=time(0, 0),
        pairing=time(20, 30),
        reminder=time(23, 30),
        members=(("scl-ivo", "Asia/Tokyo"), ("scl-jade", "Asia/Tokyo")),
    ),
    # The control: Monday to Friday, off-days across both DST changes and holiday weeks. The
    # outcome reminder and the reflection reminder fall due at the same instant (16:00).
    Spec(
        "ldn",
        "Europe/London",
        MON_FRI,
        nudge=time(9, 0),
        pairing=time(12, 0),
        reminder=time(16, 0),
        members=(("ldn-kees", None), ("ldn-lena", None)),
        offdays=(
            DateRange(date(2027, 3, 22), date(2027, 4, 2)),  # two weeks around 28 March
            DateRange(date(2027, 7, 19), date(2027, 8, 13)),  # the summer break
            DateRange(date(2027, 10, 25), date(2027, 11, 5)),  # two weeks around 31 October
            DateRange(date(2027, 12, 20), date(2028, 1, 7)),  # the holidays, into 2028
        ),
    ),
)
BY_NAME = {s.name: s for s in SPECS}


# ---------------------------------------------------------------------- the oracle


@functools.cache
def wall_instant(day: date, wall: time, zone_name: str) -> datetime:
    """The first UTC minute at which the wall clock in the zone shows ``wall`` on ``day`` or
    later: a skipped time gives the first minute after the gap, a repeated one its first
    occurrence. Found by scanning minute by minute (UTC to local only)."""
    zone = ZoneInfo(zone_name)
    target = datetime.combine(day, wall)
    # Start two hours before the instant the zone's noon offset suggests; offsets change by at
    # most an hour in a day, so the scan starts at least an hour before the target.
    noon_offset = datetime.combine(day, time(12), tzinfo=UTC).astimezone(zone).utcoffset()
    assert noon_offset is not None
    at = datetime.combine(day, wall, tzinfo=UTC) - noon_offset - timedelta(hours=2)
    assert _wall(at, zone) <= target - timedelta(hours=1), "the scan must start well before"
    for _ in range(6 * 60):
        if _wall(at, zone) >= target:
            return at
        at += MINUTE
    raise AssertionError(f"no instant shows {wall} on {day} in {zone_name}")


def wall_kind(day: date, wall: time, zone_name: str) -> str:
    """Whether ``wall`` on ``day`` is "skipped", "repeated" or "plain" in the zone."""
    zone = ZoneInfo(zone_name)
    target = datetime.combine(day, wall)
    first = wall_instant(day, wall, zone_name)
    if _wall(first, zone) != target:
        return "skipped"
    at = first + MINUTE
    for _ in range(3 * 60):
        if _wall(at, zone) == target:
            return "repeated"
        at += MINUTE
    return "plain"


def _wall(at: datetime, zone: ZoneInfo) -> datetime:
    return at.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True, order=True)
class Work:
    """A piece of expected work: due ``at`` (UTC), of a channel's local ``day``."""

    at: datetime
    channel: str
    day: date
    kind: str


def day_work(spec: Spec, day: date) -> list[Work]:
    """The work of one local date of the channel (none when it is not a practice day)."""
    if not spec.practises(day):
        return []
    paired = wall_instant(day, spec.pairing, spec.zone)
    found = [
        Work(wall_instant(day, spec.nudge, spec.zone), spec.name, day, "nudge"),
        Work(paired, spec.name, day, "round"),
        Work(wall_instant(day, spec.reminder, spec.zone), spec.name, day, "reminder"),
    ]
    outcome = paired + OUTCOME_AFTER
    if outcome.astimezone(ZoneInfo(spec.zone)).date() == day:
        found.append(Work(outcome, spec.name, day, "outcome"))
    return found


def expected_work(specs: Iterable[Spec], first: datetime, last: datetime) -> list[Work]:
    """Every channel's work due in (first, last], in time order."""
    found: list[Work] = []
    for spec in specs:
        day = first.date() - timedelta(days=2)
        while day <= last.date() + timedelta(days=2):
            found += [w for w in day_work(spec, day) if first < w.at <= last]
            day += timedelta(days=1)
    return sorted(found)


@dataclass(frozen=True, order=True)
class Join:
    """Members of a channel join its round of ``day`` at ``at`` (before pairing)."""

    at: datetime
    channel: str
    day: date


def day_length(day: date, zone_name: str) -> timedelta:
    """How long the local date lasts: 23 or 25 hours on a transition day."""
    return wall_instant(day + timedelta(days=1), time(0), zone_name) - wall_instant(
        day, time(0), zone_name
    )


def join_days(spec: Spec, days: Iterable[date]) -> set[date]:
    """The practice days on which the channel's members join (each joined day costs a round
    with its notices, so not every day): DST transition days, the first practice day of each
    quarter, and the practice days just before and after each range of off-days."""
    practice = sorted(d for d in days if spec.practises(d))
    chosen = {d for d in practice if day_length(d, spec.zone) != timedelta(days=1)}
    quarters = set()
    for d in practice:
        if (d.year, (d.month - 1) // 3) not in quarters:
            quarters.add((d.year, (d.month - 1) // 3))
            chosen.add(d)
    for r in spec.offdays:
        chosen |= {max((d for d in practice if d < r.first), default=practice[0])}
        chosen |= {min((d for d in practice if d > r.last), default=practice[-1])}
    return chosen


def planned_joins(work: Sequence[Work], first: datetime) -> list[Join]:
    """The members of a channel join a while before pairing on its join days (at an odd
    second: never the instant of a tick)."""
    rounds = [w for w in work if w.kind == "round" and BY_NAME[w.channel].members]
    chosen = {
        name: join_days(BY_NAME[name], [w.day for w in rounds if w.channel == name])
        for name in {w.channel for w in rounds}
    }
    joins = []
    for w in rounds:
        spec = BY_NAME[w.channel]
        if w.day not in chosen[w.channel]:
            continue
        at = w.at - spec.join_before - timedelta(seconds=17)
        assert at.astimezone(ZoneInfo(spec.zone)).date() == w.day, "join on the round's day"
        if at > first:
            joins.append(Join(at, w.channel, w.day))
    return sorted(joins)


@dataclass(frozen=True, order=True)
class Delivery:
    """One notice as the chat saw it: when (the tick's instant), where, of which local day,
    what kind, and to whom ("channel", a member's user id, or the space's members)."""

    at: datetime
    channel: str
    day: date
    kind: str
    to: str


def quiet_at(at: datetime, zone: ZoneInfo) -> bool:
    local = at.astimezone(zone).time()
    start, end = QUIET
    return local >= start or local < end


def expected_deliveries(work: Sequence[Work], joins: Sequence[Join]) -> list[Delivery]:
    """What the chat must see: every nudge; on days members joined, each member's role and
    brief and the space's welcome at pairing, the outcome reminder in the space, and the
    reflection reminder of each member outside their quiet hours."""
    joined = {(j.channel, j.day) for j in joins}
    found: list[Delivery] = []
    for w in work:
        spec = BY_NAME[w.channel]
        users = [user for user, _ in spec.members]
        space = ",".join(sorted(users))
        if w.kind == "nudge":
            found.append(Delivery(w.at, w.channel, w.day, "nudge", "channel"))
            continue
        if (w.channel, w.day) not in joined:
            continue
        if w.kind == "round":
            for user in users:
                found.append(Delivery(w.at, w.channel, w.day, "role", user))
                found.append(Delivery(w.at, w.channel, w.day, "brief", user))
            found.append(Delivery(w.at, w.channel, w.day, "space", space))
        elif w.kind == "outcome":
            found.append(Delivery(w.at, w.channel, w.day, "outcome", space))
        else:
            for user, own in spec.members:
                if not quiet_at(w.at, ZoneInfo(own or spec.zone)):
                    found.append(Delivery(w.at, w.channel, w.day, "reminder", user))
    return sorted(found)


# ---------------------------------------------------------------------- recording


def kind_of(card: Card) -> str:
    """What a notice is, by its English title (content/data/ui/en.yaml)."""
    title = card.title
    if title.startswith("Today's skill: "):
        return "nudge"
    if re.fullmatch(r"Practice \d+: your space", title):
        return "space"
    if title.startswith("Today you are the "):
        return "role"
    if title in ("Helper", "Observer") or title.startswith("Issue-bringer: "):
        return "brief"
    if title == "Did you practise?":
        return "outcome"
    if title == "A minute for your reflection?":
        return "reminder"
    return f"unexpected: {title}"


class LoggingChat(RecordingChat):
    """A recording chat that also logs each delivery with the instant of the tick that made
    it (``at``, set by ``ObservedScheduler``)."""

    def __init__(self) -> None:
        super().__init__(PLATFORM)
        self.at: datetime | None = None
        self.log: list[Delivery] = []
        self.bodies: list[str] = []

    def _record(self, place: Place, card: Card, to: str) -> None:
        assert self.at is not None, f"{card.title!r} delivered outside a tick"
        zone = ZoneInfo(BY_NAME[place.channel].zone)
        day = self.at.astimezone(zone).date()
        self.log.append(Delivery(self.at, place.channel, day, kind_of(card), to))
        self.bodies.append(card.body)

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        ref = await super().post(place, card, nonce=nonce)
        self._record(place, card, "channel")
        return ref

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        ref = await super().send_private(place, member, card, nonce=nonce)
        self._record(place, card, member.user)
        return ref

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        ref = await super().post_in_space(place, space, card, nonce=nonce)
        self._record(place, card, ",".join(sorted(m.user for m in self.spaces[space])))
        return ref


class ObservedScheduler(Scheduler):
    """The real scheduler; each tick tells the chat its instant first (``advance`` ticks
    through ``tick`` too)."""

    log_chat: LoggingChat

    async def tick(self, now: datetime | None = None, *, deliver: bool = True) -> TickReport:
        self.log_chat.at = now
        try:
            return await super().tick(now, deliver=deliver)
        finally:
            self.log_chat.at = None


@dataclass
class World:
    store: Store
    clock: ManualClock
    rounds: Rounds
    chat: LoggingChat
    scheduler: ObservedScheduler
    done: list[tuple[str, date, str, str, str]] = field(default_factory=list)

    async def join(self, join: Join) -> None:
        self.clock.set(join.at)
        for actor in BY_NAME[join.channel].actors():
            reply = await self.rounds.join(actor, BY_NAME[join.channel].place)
            assert reply.ok, (join, reply.errors)

    def settled(self, report: TickReport) -> list[tuple[str, date, str, str, str]]:
        found = sorted(
            (job.place.channel, job.local_date, job.kind, status, note)
            for job, status, note in report.done
        )
        self.done += found
        return found


@functools.cache
def catalog() -> Catalog:
    return load_catalog()


async def world(store: Store, specs: Sequence[Spec], start: datetime) -> World:
    """Channels as the specs say, their work counted from ``start``."""
    async with store.transaction() as tx:
        for spec in specs:
            await tx.channels.add(spec.channel())
            await tx.work.set_cursor(spec.place, start, earlier_only=False)
            for days in spec.offdays:
                assert await tx.offdays.add(spec.place, days, start)
    clock = ManualClock(start)
    practice = Practice(store, catalog(), clock)
    rounds = Rounds(practice)
    chat = LoggingChat()
    scheduler = ObservedScheduler(store, practice, {PLATFORM: chat}, clock, rounds)
    scheduler.log_chat = chat
    return World(store, clock, rounds, chat, scheduler)


# ---------------------------------------------------------------------- the two drivers


def tick_instants(work: Sequence[Work], first: datetime, last: datetime) -> list[datetime]:
    """Every due instant, a minute before each, the end, and every 3 hours in between."""
    instants = {w.at for w in work} | {w.at - MINUTE for w in work} | {first, last}
    instants = {t for t in instants if first <= t <= last}
    ordered = sorted(instants)
    for before, after in itertools.pairwise(ordered):
        at = before + timedelta(hours=3)
        while at < after:
            instants.add(at)
            at += timedelta(hours=3)
    return sorted(t for t in instants if first < t <= last)


async def drive_with_ticks(
    w: World, work: Sequence[Work], joins: Sequence[Join], first: datetime, last: datetime
) -> None:
    """Tick at every instant of ``tick_instants``, joining rounds in between; each tick must
    settle exactly the work due at its instant (on time) and deliver exactly its notices."""
    due: defaultdict[datetime, list[tuple[str, date, str, str, str]]] = defaultdict(list)
    for item in work:
        due[item.at].append((item.channel, item.day, item.kind, "done", "on_time"))
    sent: defaultdict[datetime, list[Delivery]] = defaultdict(list)
    for d in expected_deliveries(work, joins):
        sent[d.at].append(d)
    pending = list(reversed(joins))
    for at in tick_instants(work, first, last):
        while pending and pending[-1].at < at:
            await w.join(pending.pop())
        w.clock.set(at)
        before = len(w.chat.log)
        report = await w.scheduler.tick(at)
        assert w.settled(report) == sorted(due.get(at, [])), f"work settled at {at}"
        assert sorted(w.chat.log[before:]) == sent.get(at, []), f"delivered at {at}"
        assert not report.delivery.failed, (at, report.delivery.failed)
    assert not pending


async def drive_with_jumps(
    w: World, joins: Sequence[Join], first: datetime, last: datetime, seed: int
) -> None:
    """The console's way: ``advance`` over random jumps of 1 hour to 5 days, stopping at each
    join's moment to join there."""
    rng = random.Random(seed)
    pending = list(reversed(joins))
    at = first
    while at < last:
        end = min(at + timedelta(seconds=rng.randint(3600, 5 * 86400)), last)
        if pending and pending[-1].at <= end:
            end = pending[-1].at
        for report in await w.scheduler.advance(at, end):
            w.settled(report)
            assert not report.delivery.failed, (end, report.delivery.failed)
        w.clock.set(end)
        while pending and pending[-1].at == end:
            await w.join(pending.pop())
        at = end
    assert not pending


async def check_books(w: World, specs: Sequence[Spec], work: Sequence[Work]) -> None:
    """The ledger holds exactly the expected work, each done on time at its instant; every
    notice in the outbox was sent at the instant it was queued, and the chat got each once."""
    per_channel = Counter(d.channel for d in w.chat.log)
    async with w.store.read() as tx:
        for spec in specs:
            rows = await tx.work.records(spec.place, limit=100_000)
            got = sorted((r.local_date, r.kind, _utc(r.due_at), r.status, r.note) for r in rows)
            want = sorted(
                (x.day, x.kind, x.at, "done", "on_time") for x in work if x.channel == spec.name
            )
            assert got == want, f"ledger of {spec.name}"
            notices = await tx.outbox.records(spec.place, limit=100_000)
            assert len(notices) == per_channel[spec.name], f"outbox of {spec.name}"
            for n in notices:
                assert n.status == "sent" and n.attempts == 1, n
                assert n.settled_at is not None
                assert _utc(n.settled_at) == _utc(n.created_at), n


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def coverage(work: Sequence[Work], joins: Sequence[Join]) -> set[tuple[str, str]]:
    """Which (kind, "skipped" / "repeated") the simulation met: nudges on any day, the other
    kinds on days members joined (so with notices). A nudge, round or reminder counts by its
    wall time; an outcome by the clock change between its pairing and itself."""
    joined = {(j.channel, j.day) for j in joins}
    seen = set()
    for w in work:
        spec = BY_NAME[w.channel]
        if (w.channel, w.day) not in joined and w.kind != "nudge":
            continue
        if day_length(w.day, spec.zone) == timedelta(days=1):
            continue  # no clock change that day
        wall = {"nudge": spec.nudge, "round": spec.pairing, "reminder": spec.reminder}
        if w.kind in wall:
            seen.add((w.kind, wall_kind(w.day, wall[w.kind], spec.zone)))
            continue
        zone = ZoneInfo(spec.zone)
        paired = w.at - OUTCOME_AFTER
        shift = _wall(w.at, zone) - _wall(paired, zone) - OUTCOME_AFTER
        if shift > timedelta(0):
            seen.add(("outcome", "skipped"))
        elif shift < timedelta(0):
            seen.add(("outcome", "repeated"))
            if (datetime.combine(w.day, spec.pairing) + OUTCOME_AFTER).date() != w.day:
                seen.add(("outcome", "only because the clock went back"))
    return seen


# ---------------------------------------------------------------------- the tests


async def simulate(
    tick_store: Store,
    jump_store: Store,
    specs: Sequence[Spec],
    first: datetime,
    last: datetime,
) -> tuple[list[Work], list[Join], list[Delivery]]:
    """Run the days with ticks on one store and with clock jumps on the other; check both."""
    work = expected_work(specs, first, last)
    joins = planned_joins(work, first)

    ticked = await world(tick_store, specs, first)
    await drive_with_ticks(ticked, work, joins, first, last)
    await check_books(ticked, specs, work)
    assert sorted(ticked.chat.log) == expected_deliveries(work, joins)
    assert not any("ballback was not running" in body for body in ticked.chat.bodies)

    jumped = await world(jump_store, specs, first)
    await drive_with_jumps(jumped, joins, first, last, SEED)
    await check_books(jumped, specs, work)
    assert sorted(jumped.chat.log) == sorted(ticked.chat.log)
    assert sorted(jumped.done) == sorted(ticked.done)
    return work, joins, sorted(ticked.chat.log)


async def test_400_days_across_dst_changes(tmp_path: Path) -> None:
    tick_store = await open_store(sqlite_url(tmp_path / "ticks.db"))
    jump_store = await open_store(sqlite_url(tmp_path / "jumps.db"))
    try:
        work, joins, log = await simulate(tick_store, jump_store, SPECS, SIM_START, SIM_END)
    finally:
        await tick_store.close()
        await jump_store.close()

    # The simulation met every kind of work in a skipped and in a repeated hour.
    met = coverage(work, joins)
    for kind in ("nudge", "round", "reminder", "outcome"):
        assert {(kind, "skipped"), (kind, "repeated")} <= met, kind
    assert ("outcome", "only because the clock went back") in met

    # Each practice day: one nudge, one round; nothing on any other day.
    first_day, last_day = date(2027, 1, 4), date(2028, 2, 6)
    for spec in SPECS:
        days = {first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)}
        practice_days = {d for d in days if spec.practises(d)}
        for kind in ("nudge", "round"):
            mine = Counter(x.day for x in work if x.channel == spec.name and x.kind == kind)
            assert {d for d in days if mine[d]} == practice_days, (spec.name, kind)
            assert set(mine.values()) == {1}, (spec.name, kind)
        nudged = Counter(d.day for d in log if d.channel == spec.name and d.kind == "nudge")
        assert {d for d in days if nudged[d]} == practice_days and set(nudged.values()) == {1}
        assert all(spec.practises(d.day) for d in log if d.channel == spec.name)
    ldn = BY_NAME["ldn"]
    assert not any(d.channel == "ldn" and d.day.weekday() >= SAT for d in log)
    assert not any(d.channel == "ldn" and any(r.covers(d.day) for r in ldn.offdays) for d in log)
    # Santiago's only outcome reminder, on the Saturday the clock goes back at midnight:
    # 20:30 -03 + 4 h = 23:30 -04 that same day.
    [scl_outcome] = [d for d in log if d.channel == "scl" and d.kind == "outcome"]
    assert (scl_outcome.day, scl_outcome.at) == (
        date(2027, 4, 3),
        datetime(2027, 4, 4, 3, 30, tzinfo=UTC),
    )
    # The Sydney member without a zone of her own is never reminded at 02:45 (quiet hours);
    # the Amsterdam members are at 08:00 (the end of quiet hours is not quiet).
    assert not any(d.to == "syd-hana" and d.kind == "reminder" for d in log)
    assert any(d.to == "ams-anna" and d.kind == "reminder" for d in log)
    assert all(d.to != "channel" for d in log if d.kind != "nudge")


# The days around Amsterdam's spring forward (28 Mar), Santiago's and Sydney's fall back
# (3 and 4 Apr), with London's off-days ending in between.
SHORT_START = datetime(2027, 3, 27, 22, 7, tzinfo=UTC)
SHORT_END = datetime(2027, 4, 4, 4, 7, tzinfo=UTC)


async def test_dst_changes_on_postgres(
    store: Store, store_url: str, postgres_stores: PostgresStores
) -> None:
    if store_url.startswith("sqlite"):
        pytest.skip("the 400-day simulation covers SQLite")
    url = await postgres_stores.acquire()  # a second migrated database, not migrated here
    try:
        jump_store = await open_store(url)
        try:
            work, joins, log = await simulate(store, jump_store, SPECS, SHORT_START, SHORT_END)
        finally:
            await jump_store.close()
    finally:
        await postgres_stores.release(url)
    met = coverage(work, joins)
    assert {("nudge", "skipped"), ("round", "skipped"), ("reminder", "repeated")} <= met
    assert ("outcome", "only because the clock went back") in met
    assert {d.kind for d in log} == {"nudge", "role", "brief", "space", "outcome", "reminder"}


def test_the_oracle() -> None:
    def utc(*parts: int) -> datetime:
        return datetime(*parts, tzinfo=UTC)

    # Amsterdam: 02:30 does not exist on 28 March 2027 (03:00 CEST = 01:00 UTC) and happens
    # twice on 31 October (first at 02:30 CEST = 00:30 UTC).
    ams = "Europe/Amsterdam"
    assert wall_instant(date(2027, 3, 28), time(2, 30), ams) == utc(2027, 3, 28, 1, 0)
    assert wall_instant(date(2027, 10, 31), time(2, 30), ams) == utc(2027, 10, 31, 0, 30)
    assert wall_kind(date(2027, 3, 28), time(2, 30), ams) == "skipped"
    assert wall_kind(date(2027, 10, 31), time(2, 30), ams) == "repeated"
    assert wall_kind(date(2027, 10, 30), time(2, 30), ams) == "plain"
    assert day_length(date(2027, 3, 28), ams) == timedelta(hours=23)
    # Santiago has no midnight on 5 September 2027: the day starts at 01:00 -03.
    scl = "America/Santiago"
    assert wall_instant(date(2027, 9, 5), time(0, 0), scl) == utc(2027, 9, 5, 4, 0)
    assert wall_kind(date(2027, 4, 3), time(23, 30), scl) == "repeated"
    assert day_length(date(2027, 4, 3), scl) == timedelta(hours=25)
