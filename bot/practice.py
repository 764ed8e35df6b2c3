"""The use cases the adapters call: today's pick, the scenario, reflections, streaks, settings.

Every use case takes the ``Actor`` and ``Place`` an adapter translated from a platform event
and answers with a neutral ``Reply``. Each runs in one store transaction, so a refused request
(bad input, not allowed) leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.forms import clean_answers, daily_reflection_form
from bot.messages import Action, Card, Field, Form, Notice, Reply, Tone
from bot.model import (
    BRINGER,
    DEFAULT_QUIET,
    HELPER,
    OBSERVER,
    WEEKDAYS_MON_FRI,
    Actor,
    Channel,
    DailyPick,
    Member,
    MemberRef,
    Pause,
    Place,
    Reflection,
    Rotation,
    StreakState,
)
from bot.parsing import (
    InputError,
    clean_name,
    number_in,
    parse_date,
    parse_days,
    parse_language,
    parse_quiet_hours,
    parse_reminders,
    parse_switch,
    parse_time,
    parse_timezone,
)
from bot.ports import Store, Tx
from bot.registry import COMMANDS, Registry
from bot.rules.rotation import choose_scenario, habit_for_cycle, next_skill
from bot.rules.schedule import is_practice_day
from bot.rules.streak import (
    Mark,
    StreakCalendar,
    advance,
    credited_day,
    current_at,
    marks,
    recompute,
)
from bot.texts import Texts, language_for
from bot.usecases.rescheduling import rescheduled
from content import Catalog

HISTORY_FOR_SCENARIOS = 100  # picks looked back on for least-recently-used scenarios
PICK_CACHE_SIZE = 10_000
PROFESSIONS = ("teamleider", "coach", "arts", "verpleegkundige", "mentor", "stagebegeleider")

REPORT_WEEKS = 4  # what a trainer's report covers unless they ask for more
STREAK_LOOKBACK = 28  # days whose forgiven and excused days /streak lists


@dataclass(frozen=True, slots=True)
class ChannelDefaults:
    """What a channel starts with before anyone changes its settings."""

    timezone: str = "UTC"
    language: str = "en"
    nudge_time: time = time(9, 0)
    weekdays: frozenset[int] = WEEKDAYS_MON_FRI


class Refused(Exception):
    """Raised inside a transaction to roll it back and answer with errors instead."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("refused")
        self.errors = dict(errors)


def channel_key(place: Place) -> str:
    """The stable text key of a channel, used to seed its shuffles."""
    return f"{place.platform}:{place.workspace}:{place.channel}"


def decide_pick(
    catalog: Catalog, channel: Channel, local_date: date, history: Sequence[DailyPick]
) -> tuple[DailyPick, Rotation]:
    """A channel's new pick for ``local_date`` and its rotation afterwards: the next skill
    from its bag, the least recently used scenario for it (``history``: the channel's recent
    picks, oldest first), the habit of the bag's cycle."""
    place = channel.place
    key = channel_key(place)
    skill_id, rotation = next_skill(channel.rotation, key, [s.id for s in catalog.skills])
    scenario_id = choose_scenario(
        skill_id,
        catalog.scenarios,
        [p.scenario_id for p in history],
        key,
        professions=channel.professions,
        difficulty=channel.difficulty,
    )
    pick = DailyPick(
        place=place,
        local_date=local_date,
        skill_id=skill_id,
        scenario_id=scenario_id,
        habit_id=habit_for_cycle(rotation.cycle, [h.id for h in catalog.habits]),
        seq=(history[-1].seq + 1) if history else 0,
    )
    return pick, rotation


class Practice:
    """The core's use cases. Built once by the composition root and shared by every adapter."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        clock: Clock,
        defaults: ChannelDefaults | None = None,
        *,
        grace: timedelta = timedelta(hours=2),
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.defaults = defaults or ChannelDefaults()
        self.grace = grace
        # A stored pick never changes, and a form only depends on (skill, language): both are
        # kept in memory so the hot paths (reflect, today) skip a query and a rebuild.
        self._picks: dict[tuple[Place, date], DailyPick] = {}
        self._forms: dict[tuple[str, str], Form] = {}

    # ------------------------------------------------------------------ reading the world

    async def channel_in(self, tx: Tx, place: Place, *, for_update: bool = False) -> Channel:
        """The channel inside ``tx``, created with the defaults on first use."""
        channel = await tx.channels.get(place, for_update=for_update)
        if channel is None:
            channel = await tx.channels.add(self._default_channel(place))
            # Its scheduled work counts from now on (not from whenever a tick first sees it).
            await tx.work.set_cursor(place, self.clock.now(), earlier_only=True)
            if for_update:
                channel = await tx.channels.get(place, for_update=True) or channel
        return channel

    async def member_in(self, tx: Tx, actor: Actor, *, for_update: bool = False) -> Member:
        """The acting member inside ``tx``, created on first use; keeps their name current."""
        member = await tx.members.get(actor.ref, for_update=for_update)
        name = clean_name(actor.display_name)
        if member is None:
            timezone = actor.timezone if actor.timezone and _zone_ok(actor.timezone) else None
            member = await tx.members.add(
                Member(ref=actor.ref, display_name=name, timezone=timezone)
            )
            if for_update:
                member = await tx.members.get(actor.ref, for_update=True) or member
        elif member.display_name != name and name:
            member = replace(member, display_name=name)
            await tx.members.save(member)
        return member

    def texts_for(self, member: Member | None, channel: Channel | None) -> Texts:
        """UI texts in the member's language, else the channel's."""
        return Texts(self.catalog, language_for(member, channel, self.defaults.language))

    @staticmethod
    def zone_of(member: Member | None, channel: Channel) -> ZoneInfo:
        """The zone a member's days are counted in: their own, else the channel's."""
        return ZoneInfo((member.timezone if member else None) or channel.timezone)

    def local_date(self, channel: Channel, at: datetime | None = None) -> date:
        """The channel's local date at ``at`` (default: now)."""
        return (at or self.clock.now()).astimezone(ZoneInfo(channel.timezone)).date()

    # ------------------------------------------------------------------ daily pick

    async def pick_in(self, tx: Tx, place: Place, local_date: date) -> DailyPick:
        """The channel's pick for ``local_date`` inside ``tx``, created once."""
        if (known := self._picks.get((place, local_date))) is not None:
            return known
        existing = await tx.picks.get(place, local_date)
        if existing is None:
            # Not cached: the transaction that makes it may still roll back.
            return await self._new_pick(tx, place, local_date)
        self._remember(existing)
        return existing

    def _remember(self, pick: DailyPick) -> None:
        # Only picks read back from the store: one made in a transaction may still roll back.
        if len(self._picks) >= PICK_CACHE_SIZE:
            self._picks.clear()
        self._picks[(pick.place, pick.local_date)] = pick

    async def _new_pick(self, tx: Tx, place: Place, local_date: date) -> DailyPick:
        channel = await self.channel_in(tx, place, for_update=True)
        existing = await tx.picks.get(place, local_date)  # another writer may have won the lock
        if existing is not None:
            return existing
        history = await tx.picks.recent(place, HISTORY_FOR_SCENARIOS)
        pick, rotation = decide_pick(self.catalog, channel, local_date, history)
        if not await tx.picks.add(pick):
            stored = await tx.picks.get(place, local_date)
            assert stored is not None  # picks.add only refuses when a pick exists
            return stored
        await tx.channels.save(replace(channel, rotation=rotation))
        return pick

    async def picks_in(
        self, tx: Tx, wanted: Sequence[tuple[Place, date]], channels: Mapping[Place, Channel]
    ) -> dict[tuple[Place, date], DailyPick]:
        """``pick_in`` for many (channel, local date) keys at once, in a handful of statements
        (a batch of nudges). ``channels`` are the channels, read in ``tx`` with their rows
        locked (``Tx.channels.get_many(..., for_update=True)``): their rotation moves on here."""
        found = {key: known for key in wanted if (known := self._picks.get(key)) is not None}
        missing = [key for key in dict.fromkeys(wanted) if key not in found]
        stored = await tx.picks.get_many(missing)
        found.update(stored)
        for pick in stored.values():
            self._remember(pick)
        missing = sorted((k for k in missing if k not in stored), key=lambda k: k[1])
        if not missing:
            return found
        histories = await tx.picks.recent_many(
            {place for place, _ in missing}, HISTORY_FOR_SCENARIOS
        )
        current = {place: channels[place] for place, _ in missing}
        made: list[DailyPick] = []
        rotations: dict[Place, Rotation] = {}
        for place, local_date in missing:  # in date order: a channel's bag moves on in turn
            history = histories[place]
            pick, rotation = decide_pick(self.catalog, current[place], local_date, history)
            current[place] = replace(current[place], rotation=rotation)
            history.append(pick)
            made.append(pick)
            rotations[place] = rotation
        inserted = await tx.picks.add_many(made)
        lost = [(p.place, p.local_date) for p in made if (p.place, p.local_date) not in inserted]
        if lost:  # another writer made these meanwhile: theirs stand, and so does the bag
            found.update(await tx.picks.get_many(lost))
            for place, _ in lost:
                rotations.pop(place, None)
        await tx.picks.save_rotations(rotations)
        found.update(
            {(p.place, p.local_date): p for p in made if (p.place, p.local_date) in inserted}
        )
        return found

    async def pick_for(self, place: Place, local_date: date | None = None) -> DailyPick:
        """The channel's pick for ``local_date`` (default: its local today); created once.

        Creating a pick advances the channel's bag of skills; asking again returns the same pick.
        """
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            return await self.pick_in(tx, place, local_date or self.local_date(channel))

    async def preview_pick(
        self, place: Place, local_date: date | None = None
    ) -> tuple[DailyPick, Channel]:
        """The pick the channel will have on ``local_date`` (default: its local today) and the
        channel, worked out without writing anything: a stored pick as it is; else the picks
        still to come are decided in memory, one per practice day from today on (each day's
        nudge makes one), up to that day. A preview moves no channel's bag of skills."""
        async with self.store.read() as tx:
            stored_channel = await tx.channels.get(place)
            channel = stored_channel or self._default_channel(place)
            day = local_date or self.local_date(channel)
            stored = await tx.picks.get(place, day)
            if stored is not None:
                return stored, channel
            history = list(await tx.picks.recent(place, HISTORY_FOR_SCENARIOS))
            offdays = tuple(await tx.offdays.list(place)) if stored_channel else ()
        today = self.local_date(channel)
        current = channel
        step = max(today, history[-1].local_date + timedelta(days=1)) if history else today
        while step < day:  # the nudges before that day make their picks first
            if is_practice_day(current, step, offdays):
                pick, rotation = decide_pick(self.catalog, current, step, history)
                history.append(pick)
                current = replace(current, rotation=rotation)
            step += timedelta(days=1)
        pick, _ = decide_pick(self.catalog, current, day, history)
        return pick, channel

    def _default_channel(self, place: Place) -> Channel:
        d = self.defaults
        return Channel(
            place=place,
            timezone=d.timezone,
            language=d.language,
            nudge_time=d.nudge_time,
            weekdays=d.weekdays,
        )

    def nudge_card(self, pick: DailyPick, lang: str) -> Card:
        """The daily nudge: skill, its meaning, the solo exercise, today's scenario."""
        t = Texts(self.catalog, lang)
        skill = self.catalog.skill(pick.skill_id)
        scenario = self.catalog.scenario(pick.scenario_id)
        return Card(
            title=t("nudge.title", skill=skill.name.get(lang)),
            body=skill.meaning.get(lang),
            fields=(
                Field(t("nudge.solo"), skill.solo_micro.get(lang)),
                Field(
                    t("nudge.scenario"),
                    t(
                        "nudge.scenario_value",
                        title=scenario.title.get(lang),
                        profession=scenario.profession_label.get(lang),
                    ),
                ),
            ),
            actions=(
                Action("join", t("action.join"), "primary"),
                Action("reflect", t("action.reflect")),
                Action("scenario", t("action.scenario")),
            ),
        )

    async def channel_nudge(self, place: Place, local_date: date) -> Card:
        """The nudge the scheduler posts for a channel's local date, in the channel's language."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            pick = await self.pick_in(tx, place, local_date)
        return self.nudge_card(pick, channel.language)

    async def today(self, actor: Actor, place: Place) -> Reply:
        """Today's pick for the channel, shown in the member's language."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
            pick = await self.pick_in(tx, place, self.local_date(channel))
        t = self.texts_for(member, channel)
        return Reply(cards=(self.nudge_card(pick, t.lang),))

    async def scenario(self, actor: Actor, place: Place) -> Reply:
        """Today's scenario with every role's brief (the solo view of a scenario)."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
            pick = await self.pick_in(tx, place, self.local_date(channel))
        t = self.texts_for(member, channel)
        return Reply(cards=self.scenario_cards(pick, t.lang, channel.difficulty))

    def scenario_cards(self, pick: DailyPick, lang: str, difficulty: int) -> tuple[Card, ...]:
        """The scenario's setting and the briefs of helper, issue-bringer and observer."""
        t = Texts(self.catalog, lang)
        scenario = self.catalog.scenario(pick.scenario_id)
        setting = Card(
            title=t(
                "scenario.title",
                title=scenario.title.get(lang),
                profession=scenario.profession_label.get(lang),
            ),
            body=scenario.setting.get(lang),
            fields=(Field(t("scenario.minutes"), str(scenario.duration_min)),),
        )
        briefs = tuple(
            self.role_brief(pick, role, lang, difficulty) for role in (HELPER, BRINGER, OBSERVER)
        )
        return (setting, *briefs)

    def role_brief(self, pick: DailyPick, role: str, lang: str, difficulty: int) -> Card:
        """One role's brief. The issue-bringer's never names the skill: they react, not test."""
        t = Texts(self.catalog, lang)
        scenario = self.catalog.scenario(pick.scenario_id)
        skill = self.catalog.skill(pick.skill_id)
        if role == HELPER:
            helper = scenario.roles.helper
            return Card(
                title=t("scenario.helper"),
                body=f"{helper.core.get(lang)} {scenario.helper_focus_for(skill).get(lang)}",
                fields=(Field(t("scenario.expert"), helper.expert_allowance.get(lang)),),
                private=True,
            )
        if role == BRINGER:
            bringer = scenario.roles.issue_bringer
            voices = [v.get(lang) for v in bringer.voices_up_to(difficulty)]
            return Card(
                title=t("scenario.bringer", name=bringer.name.get(lang)),
                body=f"{scenario.setting.get(lang)}\n\n{bringer.brief.get(lang)}",
                fields=(
                    Field(t("scenario.dragon"), "\n".join(f"“{v}”" for v in voices)),
                    Field(t("scenario.release"), bringer.release_cue.get(lang)),
                ),
                private=True,
            )
        watched = [self.catalog.skill(s).name.get(lang) for s in scenario.observer_focus]
        if pick.skill_id not in scenario.observer_focus:
            watched.insert(0, skill.name.get(lang))
        return Card(
            title=t("scenario.observer"),
            body=skill.observable.live.get(lang),
            fields=(Field(t("scenario.observer_focus"), ", ".join(watched)),),
            private=True,
        )

    # ------------------------------------------------------------------ reflections & streak

    async def reflection_form(self, actor: Actor, place: Place) -> Reply:
        """The daily reflection form for today's skill, in the member's language."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
            pick = await self.pick_in(tx, place, self.local_date(channel))
        t = self.texts_for(member, channel)
        return Reply(form=self._reflection_form(pick.skill_id, t.lang))

    def _reflection_form(self, skill_id: str, lang: str) -> Form:
        form = self._forms.get((skill_id, lang))
        if form is None:
            form = self._forms[(skill_id, lang)] = daily_reflection_form(
                self.catalog, skill_id, lang
            )
        return form

    async def _calendar(
        self,
        tx: Tx,
        member: Member,
        place: Place,
        *,
        channel: Channel | None = None,
        until: date | None = None,
    ) -> StreakCalendar:
        """The member's streak calendar in this channel: their practice days and pauses, the
        channel's weekly forgiveness, off-days and excused days (ballback's own misses).

        With ``until``, off-days and excused days are only looked up when a required day lies
        between the last counted day and ``until``, the only case in which they can change
        anything (a daily reflector's reflection reads neither).
        """
        if channel is None:
            channel = await tx.channels.get(place)
        calendar = StreakCalendar(
            practice_days=member.practice_days,
            pauses=tuple(await tx.pauses.list(member.ref)),
            forgive_per_week=channel.forgive_per_week if channel is not None else 0,
        )
        last = member.streak.last_day
        if until is not None and (last is None or calendar.required_between(last, until) == 0):
            return calendar
        return replace(
            calendar,
            excused=await tx.work.excused_dates(place),
            offdays=tuple(await tx.offdays.list(place)),
        )

    async def reflect(self, actor: Actor, place: Place, answers: Mapping[str, str]) -> Reply:
        """Store a daily reflection privately and update the streak.

        Empty required answers, over-long answers and unknown fields are refused with one
        message per field; then nothing is stored.
        """
        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place)
                member = await self.member_in(tx, actor, for_update=True)
                t = self.texts_for(member, channel)
                pick = await self.pick_in(tx, place, self.local_date(channel, now))
                form = self._reflection_form(pick.skill_id, t.lang)
                cleaned, problems = clean_answers(form, answers, t)
                if problems:
                    raise Refused({p.field_id: p.message for p in problems})
                zone = self.zone_of(member, channel)
                day = credited_day(now, zone, self.grace)
                reflection_id = await tx.reflections.add(
                    Reflection(
                        member=member.ref,
                        place=place,
                        day=day,
                        created_at=now,
                        answers=cleaned,
                        skill_id=pick.skill_id,
                    )
                )
                last = member.streak.last_day
                calendar = await self._calendar(
                    tx,
                    member,
                    place,
                    channel=channel,
                    until=day if last is None or day >= last else None,
                )
                if last is None or day >= last:
                    streak = advance(member.streak, day, calendar)
                else:  # written for an earlier day than the last counted one: start over
                    streak = await self._recompute(tx, member, calendar)
                await tx.members.save(replace(member, streak=streak))
        except Refused as refused:
            return Reply(errors=refused.errors)
        current = current_at(streak, credited_day(now, zone, self.grace), calendar)
        body = (
            t("reflect.saved.same_day", day=day.isoformat())
            if streak == member.streak
            else t("reflect.saved.body", day=day.isoformat(), current=current)
        )
        saved = Card(
            title=t("reflect.saved.title"),
            body=body,
            actions=(Action(f"share:{reflection_id}", t("action.share")),),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(saved,))

    async def share(self, actor: Actor, place: Place, reflection_id: int | None = None) -> Reply:
        """Share one of the member's own reflections in the channel it was written in: the one
        with ``reflection_id``, else their latest in ``place``. Only its author may share it,
        once; the answers are shown as the member wrote them (untrusted, escaped)."""
        try:
            async with self.store.transaction() as tx:
                member = await self.member_in(tx, actor)
                here = await tx.channels.get(place)
                t = self.texts_for(member, here)
                if reflection_id is None:
                    written = [r for r in await tx.reflections.list(member.ref) if r.place == place]
                    reflection = written[-1] if written else None
                else:
                    reflection = await tx.reflections.get(reflection_id)
                if reflection is None or reflection.id is None:
                    raise Refused({"": t("share.none")})
                if reflection.member != member.ref:
                    raise Refused({"": t("share.not_yours")})
                if not await tx.reflections.mark_shared(reflection.id):
                    raise Refused({"": t("share.already")})
                channel = await tx.channels.get(reflection.place)
                public = self._shared_card(member, reflection, channel)
                notice = Notice(reflection.place, public)
                ids = await tx.outbox.add(
                    [notice], kind="share", now=self.clock.now(), local_date=reflection.day
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        done = Card(title=t("share.done"), private=True, tone=Tone.SUCCESS)
        return Reply(cards=(done,), notices=(notice,), outbox=ids)

    def _shared_card(self, member: Member, reflection: Reflection, channel: Channel | None) -> Card:
        """A shared reflection as the channel sees it: in the channel's language, the answers
        as written (untrusted)."""
        ct = self.texts_for(None, channel)
        labels: dict[str, str] = {}
        if reflection.skill_id is not None and reflection.skill_id in self.catalog.skill_ids:
            form = self._reflection_form(reflection.skill_id, ct.lang)
            labels = {f.id: f.label for f in form.fields}
        return Card(
            title=ct("share.title", name=member.display_name, day=reflection.day.isoformat()),
            fields=tuple(
                Field(labels.get(k, k), v, untrusted=True) for k, v in reflection.answers.items()
            ),
        )

    async def _recompute(self, tx: Tx, member: Member, calendar: StreakCalendar) -> StreakState:
        return recompute((r.day for r in await tx.reflections.list(member.ref)), calendar)

    async def streak(self, actor: Actor, place: Place) -> Reply:
        """The member's current, longest and total streak (never shaming), and the days of
        the last four weeks that were forgiven or excused, shown as such."""
        now = self.clock.now()
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
            calendar = await self._calendar(tx, member, place, channel=channel)
            days = [r.day for r in await tx.reflections.list(member.ref)]
        t = self.texts_for(member, channel)
        today = credited_day(now, self.zone_of(member, channel), self.grace)
        state = member.streak
        current = current_at(state, today, calendar)
        if state.total == 0:
            body = t("streak.none")
        elif current == 0:
            body = t("streak.restart")
        elif state.last_day == today:
            body = t("streak.done_today")
        else:
            body = t("streak.keep_going")
        fields = [
            Field(t("streak.current"), t("streak.days", n=current)),
            Field(t("streak.longest"), t("streak.days", n=state.longest)),
            Field(t("streak.total"), t("streak.days", n=state.total)),
        ]
        seen = marks(days, calendar, today - timedelta(days=STREAK_LOOKBACK - 1), today, today)
        for mark, key in ((Mark.FORGIVEN, "streak.forgiven"), (Mark.EXCUSED, "streak.excused")):
            shown = [d.isoformat() for d, m in seen.items() if m is mark]
            if shown:
                fields.append(Field(t(key, n=calendar.forgive_per_week), ", ".join(shown)))
        return Reply(
            cards=(Card(title=t("streak.title"), body=body, fields=tuple(fields), private=True),)
        )

    # ------------------------------------------------------------------ settings & pauses

    async def settings(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Show or change settings: ``tz ZONE``, ``lang nl|en``, ``days mon-fri``, and for
        channel admins ``channel time|tz|days|lang|professions|difficulty VALUE``.
        """
        words = text.split()
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place)
                member = await self.member_in(tx, actor, for_update=True)
                t = self.texts_for(member, channel)
                if not words:
                    pauses = await tx.pauses.list(member.ref)
                    return Reply(cards=(self._settings_card(t, member, channel, pauses),))
                try:
                    if words[0].lower() == "channel":
                        if not await self.may_configure(tx, actor, place):
                            raise Refused({"": t("error.not_admin")})
                        before = channel
                        channel = _check_channel(_change_channel(channel, words[1:]))
                        await self._save_channel(tx, before, channel)
                    else:
                        member = _change_member(member, words, place)
                        member = replace(
                            member,
                            streak=await self._recompute(
                                tx, member, await self._calendar(tx, member, place)
                            ),
                        )
                        await tx.members.save(member)
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                t = self.texts_for(member, channel)
                pauses = await tx.pauses.list(member.ref)
        except Refused as refused:
            return Reply(errors=refused.errors)
        card = self._settings_card(t, member, channel, pauses)
        return Reply(cards=(replace(card, title=t("settings.updated"), tone=Tone.SUCCESS),))

    async def _save_channel(self, tx: Tx, before: Channel, after: Channel) -> None:
        """Store changed channel settings and what follows from them: its scheduled work is
        planned anew, and a new weekly forgiveness is applied to the whole history of every
        member who reflected here (it counts retroactively, so their stored streaks are
        recomputed)."""
        await tx.channels.save(after)
        await rescheduled(tx, after, await tx.offdays.list(after.place), self.clock.now())
        if before.forgive_per_week != after.forgive_per_week:
            for ref in await tx.members.reflecting_in(after.place):
                member = await tx.members.get(ref, for_update=True)
                if member is not None:
                    await self._store_recomputed(tx, member, after.place)

    def _settings_card(
        self, t: Texts, member: Member, channel: Channel, pauses: Sequence[Pause]
    ) -> Card:
        today = self.clock.now().astimezone(self.zone_of(member, channel)).date()
        paused = next((p for p in pauses if p.end >= today), None)
        none = t("settings.channel_default")
        fields = [
            Field(t("settings.timezone"), member.timezone or f"{channel.timezone} ({none})"),
            Field(t("settings.language"), member.language or f"{channel.language} ({none})"),
            Field(t("settings.days"), t.days(member.practice_days)),
            Field(t("settings.dms"), t("settings.dms_on" if member.dms else "settings.dms_off")),
            Field(t("settings.reminders"), self._reminders_text(t, member, channel)),
            Field(t("settings.quiet"), _quiet_text(t, member)),
            Field(
                t("settings.paused"),
                t("settings.paused_until", date=paused.end.isoformat()) if paused else "-",
            ),
            Field(
                t("settings.channel"),
                t(
                    "settings.channel_value",
                    time=channel.nudge_time.strftime("%H:%M"),
                    pairing=channel.pairing_time.strftime("%H:%M"),
                    timezone=channel.timezone,
                    days=t.days(channel.weekdays),
                    language=channel.language,
                    professions=", ".join(channel.professions) or "-",
                    reminder=channel.reminder_time.strftime("%H:%M"),
                    forgive=channel.forgive_per_week,
                    difficulty=channel.difficulty,
                    window=channel.repeat_window,
                    latest=(channel.late_until or channel.pairing_time).strftime("%H:%M"),
                ),
            ),
        ]
        return Card(
            title=t("settings.title"), body=t("settings.usage"), fields=tuple(fields), private=True
        )

    @staticmethod
    def _reminders_text(t: Texts, member: Member, channel: Channel) -> str:
        if member.reminders is None:
            return t("settings.reminders_auto")
        if not member.reminders:
            return t("settings.reminders_off")
        if member.reminder_channel == channel.place.channel:
            return t("settings.reminders_on")
        return t("settings.reminders_elsewhere")

    async def pause(self, actor: Actor, place: Place, text: str) -> Reply:
        """Pause until a date (``until YYYY-MM-DD``): paused days neither count nor break."""
        now = self.clock.now()
        words = text.split()
        if words and words[0].lower() in ("until", "tot"):
            words = words[1:]
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place)
                member = await self.member_in(tx, actor, for_update=True)
                t = self.texts_for(member, channel)
                try:
                    if len(words) != 1:
                        raise InputError("error.pause_usage")
                    until = parse_date(words[0])
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                today = now.astimezone(self.zone_of(member, channel)).date()
                if until < today:
                    raise Refused({"": t("error.pause_past", date=until.isoformat())})
                pauses = [p for p in await tx.pauses.list(member.ref) if p.end < today]
                pauses.append(Pause(today, until))
                await tx.pauses.replace(member.ref, pauses)
                await self._store_recomputed(tx, member, place)
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(
            cards=(
                Card(
                    title=t("pause.title"),
                    body=t("pause.done", date=until.isoformat()),
                    private=True,
                    tone=Tone.SUCCESS,
                ),
            )
        )

    async def resume(self, actor: Actor, place: Place) -> Reply:
        """End a pause from today on."""
        now = self.clock.now()
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor, for_update=True)
            t = self.texts_for(member, channel)
            today = now.astimezone(self.zone_of(member, channel)).date()
            pauses = list(await tx.pauses.list(member.ref))
            active = [p for p in pauses if p.end >= today]
            if not active:
                return Reply(cards=(Card(title=t("resume.not_paused"), private=True),))
            kept = [p for p in pauses if p.end < today]
            kept += [Pause(p.start, today - timedelta(days=1)) for p in active if p.start < today]
            await tx.pauses.replace(member.ref, kept)
            await self._store_recomputed(tx, member, place)
        return Reply(cards=(Card(title=t("resume.done"), private=True, tone=Tone.SUCCESS),))

    async def _store_recomputed(self, tx: Tx, member: Member, place: Place) -> None:
        calendar = await self._calendar(tx, member, place)
        await tx.members.save(replace(member, streak=await self._recompute(tx, member, calendar)))

    async def zone_for(self, actor: Actor, place: Place) -> ZoneInfo:
        """The time zone the member's days are counted in (their own, else the channel's)."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
        return self.zone_of(member, channel)

    async def language_for(self, actor: Actor, place: Place) -> str:
        """The language the member is answered in."""
        async with self.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await tx.members.get(actor.ref)
        return self.texts_for(member, channel).lang

    @staticmethod
    async def may_configure(tx: Tx, actor: Actor, place: Place) -> bool:
        """Whether the actor may change the channel: the platform's admins, and members one
        of them allowed for this channel."""
        return actor.is_platform_admin or await tx.admins.is_admin(place, actor.ref)

    async def report(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """For channel admins (trainers): counts of the channel's practice over the last
        ``text`` weeks (default 4, at most 52). Counts only: what anyone wrote stays private."""
        words = text.split()
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place)
                member = await self.member_in(tx, actor)
                t = self.texts_for(member, channel)
                if not await self.may_configure(tx, actor, place):
                    raise Refused({"": t("error.not_admin")})
                if len(words) > 1 or (words and not _weeks_ok(words[0])):
                    raise Refused({"": t("error.bad_weeks", value=" ".join(words))})
                weeks = number_in(words[0], 1, 52) or REPORT_WEEKS if words else REPORT_WEEKS
                last = self.local_date(channel)
                first = last - timedelta(days=7 * weeks - 1)
                seen = await tx.reports.channel_activity(place, first, last)
        except Refused as refused:
            return Reply(errors=refused.errors)
        unanswered = seen.groups - seen.practised - seen.not_happened
        fields = (
            Field(t("report.nudges"), str(seen.nudges)),
            Field(
                t("report.joined"), t("report.joined_value", joins=seen.joins, members=seen.joiners)
            ),
            Field(
                t("report.groups"),
                t(
                    "report.groups_value",
                    groups=seen.groups,
                    practised=seen.practised,
                    not_happened=seen.not_happened,
                    unanswered=unanswered,
                ),
            ),
            Field(t("report.feedback"), str(seen.feedback)),
            Field(
                t("report.reflections"),
                t(
                    "report.reflections_value",
                    count=seen.reflections,
                    members=seen.reflectors,
                    shared=seen.shared,
                ),
            ),
        )
        card = Card(
            title=t("report.title", first=first.isoformat(), last=last.isoformat()),
            body=t("report.body"),
            fields=fields,
            private=True,
        )
        return Reply(cards=(card,))

    async def grant(
        self, actor: Actor, place: Place, user: str, name: str, *, allowed: bool = True
    ) -> Reply:
        """A workspace admin allows (or stops allowing) a member to set up this channel."""
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place)
                member = await self.member_in(tx, actor)
                t = self.texts_for(member, channel)
                if not actor.is_platform_admin:
                    raise Refused({"": t("error.not_workspace_admin")})
                target = MemberRef(place.platform, place.workspace, user)
                if await tx.members.get(target) is None:
                    await tx.members.add(Member(ref=target, display_name=name or user))
                await tx.admins.set(place, target, allowed, self.clock.now())
        except Refused as refused:
            return Reply(errors=refused.errors)
        key = "setup.granted" if allowed else "setup.revoked"
        return Reply(
            cards=(Card(title=t(key, name=name or user), private=True, tone=Tone.SUCCESS),)
        )

    async def first_time(self, key: str) -> bool:
        """True the first time a platform request key is seen (retries, double deliveries)."""
        async with self.store.transaction() as tx:
            return await tx.requests.claim(key, self.clock.now())

    async def handling_failed(self, key: str) -> None:
        """Release a key claimed by ``first_time`` whose handling failed: the platform's retry
        of the request is then handled instead of ignored as a duplicate."""
        async with self.store.transaction() as tx:
            await tx.requests.release(key)

    async def setup(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Channel admins set several channel settings at once, e.g.
        ``time 09:00 pairing 10:00 tz Europe/Amsterdam days mon-fri lang nl professions arts``.
        Without text: the current settings and how to change them.
        """
        words = text.split()
        if not words:
            return await self.settings(actor, place, "")
        try:
            async with self.store.transaction() as tx:
                channel = await self.channel_in(tx, place, for_update=True)
                member = await self.member_in(tx, actor)
                t = self.texts_for(member, channel)
                if not await self.may_configure(tx, actor, place):
                    raise Refused({"": t("error.not_admin")})
                if len(words) % 2:
                    raise Refused({"": t("error.channel_setting_usage")})
                before = channel
                try:
                    for key, value in zip(words[::2], words[1::2], strict=True):
                        channel = _change_channel(channel, [key, value])
                    _check_channel(channel)
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                await self._save_channel(tx, before, channel)
                pauses = await tx.pauses.list(member.ref)
        except Refused as refused:
            return Reply(errors=refused.errors)
        card = self._settings_card(t, member, channel, pauses)
        return Reply(cards=(replace(card, title=t("settings.updated"), tone=Tone.SUCCESS),))

    async def home(self, actor: Actor) -> Reply:
        """A member's overview across channels: their streak, today's skill where they
        practise, and their settings (the App Home on Slack)."""
        now = self.clock.now()
        async with self.store.transaction() as tx:
            member = await self.member_in(tx, actor)
            reflections = await tx.reflections.list(member.ref)
            places = list(dict.fromkeys(r.place for r in reversed(reflections)))
            channels = [c for p in places[:5] if (c := await tx.channels.get(p)) is not None]
            picks = [await self.pick_in(tx, c.place, self.local_date(c, now)) for c in channels]
            home = channels[0] if channels else None
            calendar = await self._calendar(tx, member, home.place) if home else None
        t = self.texts_for(member, home)
        current = 0
        if home is not None and calendar is not None:
            today = credited_day(now, self.zone_of(member, home), self.grace)
            current = current_at(member.streak, today, calendar)
        cards = [
            Card(
                title=t("streak.title"),
                body=t("streak.none") if member.streak.total == 0 else "",
                fields=(
                    Field(t("streak.current"), t("streak.days", n=current)),
                    Field(t("streak.longest"), t("streak.days", n=member.streak.longest)),
                    Field(t("streak.total"), t("streak.days", n=member.streak.total)),
                ),
            )
        ]
        cards += [self.nudge_card(pick, t.lang) for pick in picks]
        cards.append(
            Card(
                title=t("settings.title"),
                fields=(
                    Field(t("settings.timezone"), member.timezone or "-"),
                    Field(t("settings.language"), member.language or "-"),
                    Field(t("settings.days"), t.days(member.practice_days)),
                ),
            )
        )
        return Reply(cards=tuple(cards))

    # ------------------------------------------------------------------ help

    async def help(
        self,
        actor: Actor,
        place: Place,
        *,
        prefix: str = "/",
        also: Sequence[Registry] = (),
        aliases: bool = True,
    ) -> Reply:
        """The commands of ``bot.registry`` with one line each, spelled with the platform's
        ``prefix``; adapters add their own (``also``)."""
        async with self.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await tx.members.get(actor.ref)
        t = self.texts_for(member, channel)
        fields = tuple(
            line
            for registry in (COMMANDS, *also)
            for line in registry.help_fields(t, prefix, aliases=aliases)
        )
        return Reply(
            cards=(
                Card(
                    title=t("help.title"),
                    body=f"{t('help.body')}\n\n{t('help.safety')}",
                    fields=fields,
                    private=True,
                ),
            )
        )

    def refusal(self, key: str) -> Reply:
        """A refusal in the default language, for a request too odd to look anyone up."""
        return Reply(errors={"": self.text(key, self.defaults.language)})

    def text(self, key: str, lang: str, **params: object) -> str:
        """A UI text, for adapters that need one outside a use case."""
        return self.catalog.text(key, lang, **params)


def _quiet_text(t: Texts, member: Member) -> str:
    start, end = member.quiet or DEFAULT_QUIET
    if start == end:
        return t("settings.quiet_off")
    shown = t("settings.quiet_value", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
    return shown if member.quiet else f"{shown} ({t('settings.default')})"


def _weeks_ok(text: str) -> bool:
    return number_in(text, 1, 52) is not None


def _zone_ok(name: str) -> bool:
    try:
        parse_timezone(name)
    except InputError:
        return False
    return True


def _change_member(member: Member, words: Sequence[str], here: Place) -> Member:
    key, value = words[0].lower(), " ".join(words[1:])
    if not value:
        raise InputError("error.setting_usage")
    if key in ("tz", "timezone", "tijdzone"):
        return replace(member, timezone=parse_timezone(value))
    if key in ("lang", "language", "taal"):
        return replace(member, language=parse_language(value))
    if key in ("days", "dagen"):
        return replace(member, practice_days=parse_days(value))
    if key in ("dms", "dm"):
        return replace(member, dms=parse_switch(value))
    if key in ("reminders", "reminder", "herinneringen"):
        wanted = parse_reminders(value)
        # "on" means this channel's practice days: where the member asked.
        return replace(member, reminders=wanted, reminder_channel=here.channel if wanted else None)
    if key in ("quiet", "stil"):
        return replace(member, quiet=parse_quiet_hours(value))
    raise InputError("error.unknown_setting", value=key)


def _change_channel(channel: Channel, words: Sequence[str]) -> Channel:
    """One channel setting changed (unchecked: see ``_check_channel``)."""
    return _changed_channel(channel, words)


def _check_channel(channel: Channel) -> Channel:
    """The channel's settings as a whole, once every change is applied."""
    # The Join button comes with the nudge and joining closes at pairing: pairing first would
    # make every day's Join button useless.
    if channel.pairing_time <= channel.nudge_time:
        raise InputError(
            "error.pairing_before_nudge",
            nudge=channel.nudge_time.strftime("%H:%M"),
            pairing=channel.pairing_time.strftime("%H:%M"),
        )
    return channel


def _changed_channel(channel: Channel, words: Sequence[str]) -> Channel:
    if len(words) < 2:
        raise InputError("error.channel_setting_usage")
    key, value = words[0].lower(), " ".join(words[1:])
    if key in ("time", "nudge", "tijd"):
        return replace(channel, nudge_time=parse_time(value))
    if key in ("pairing", "pair", "indelen"):
        return replace(channel, pairing_time=parse_time(value))
    if key in ("window", "venster"):
        window = number_in(value, 0, 52)
        if window is None:
            raise InputError("error.bad_window", value=value)
        return replace(channel, repeat_window=window)
    if key in ("tz", "timezone", "tijdzone"):
        return replace(channel, timezone=parse_timezone(value))
    if key in ("days", "dagen"):
        return replace(channel, weekdays=parse_days(value))
    if key in ("lang", "language", "taal"):
        return replace(channel, language=parse_language(value))
    if key in ("professions", "beroepen"):
        chosen = tuple(p.strip().lower() for p in value.replace(",", " ").split() if p.strip())
        if chosen == ("all",) or chosen == ("alle",):
            return replace(channel, professions=())
        unknown = [p for p in chosen if p not in PROFESSIONS]
        if unknown:
            raise InputError(
                "error.bad_profession", value=", ".join(unknown), known=", ".join(PROFESSIONS)
            )
        return replace(channel, professions=chosen)
    if key in ("reminder", "herinnering"):
        return replace(channel, reminder_time=parse_time(value))
    if key in ("latest", "uiterlijk"):
        if value.strip().lower() in ("none", "off", "geen", "uit"):
            return replace(channel, late_until=None)
        return replace(channel, late_until=parse_time(value))
    if key in ("forgive", "vergeef"):
        if value.strip() not in ("0", "1", "2"):
            raise InputError("error.bad_forgive", value=value)
        return replace(channel, forgive_per_week=int(value))
    if key in ("difficulty", "niveau"):
        if value.strip() not in ("1", "2", "3"):
            raise InputError("error.bad_difficulty", value=value)
        return replace(channel, difficulty=int(value))
    raise InputError("error.unknown_setting", value=key)
