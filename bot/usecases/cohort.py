"""``/practice cohort`` and ``ballback cohort``: a channel run as a training group, with a
curriculum the daily pick follows (``bot.rules.curriculum``).

``cohort`` shows it. Channel admins ``cohort start YYYY-MM-DD`` (they become its first trainer)
and ``cohort end``. Its trainers and channel admins change the curriculum from a date on:
``cohort weekly [from DATE] SKILL SKILL …`` (a skill per week), ``cohort daily [from DATE]
SKILL …`` (a skill per practice day), ``cohort set DATE|YYYY-Www SKILL [SCENARIO]`` and
``cohort clear [from DATE]``. A skill is named by its id or its name in either language. Picks
already made never change; days outside the curriculum follow the channel's rotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.access import Action, allows
from bot.messages import Card, Field, Reply, Tone
from bot.model import Actor, Channel, Cohort, Lesson, MemberRef, Place
from bot.parsing import InputError, is_plain_id, parse_date
from bot.ports import Tx
from bot.rules import curriculum
from bot.texts import Texts
from bot.usecases.context import Refused

if TYPE_CHECKING:
    from bot.practice import Practice

WEEK = re.compile(r"(\d{4})-W(\d{2})")
MAX_SHOWN = 40  # characters of a refused word shown back


class CohortUseCase:
    """A cohort's start, end and curriculum, for its trainers and the channel's admins."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def load(self, actor: Actor, place: Place, lessons: Sequence[Lesson]) -> Reply:
        """Replace the curriculum from the first of ``lessons`` on (a curriculum file)."""
        ctx = self.practice.context
        try:
            async with ctx.store.transaction() as tx:
                channel = await ctx.channel_in(tx, place)
                member = await ctx.member_in(tx, actor)
                t = ctx.texts_for(member, channel)
                cohort = await tx.cohorts.get(place)
                if cohort is None:
                    raise Refused({"": t("error.cohort_none")})
                if not lessons:
                    raise Refused({"": t("error.cohort_usage")})
                if not await ctx.allows(tx, actor, place, Action.CHANGE_CURRICULUM):
                    raise Refused({"": t("error.cohort_trainers_only")})
                first = min(lesson.first for lesson in lessons)
                merged = curriculum.replace_from(cohort.lessons, lessons, first)
                try:
                    checked = curriculum.check(
                        merged,
                        cohort.start,
                        ctx.catalog.skill_ids,
                        {s.id for s in ctx.catalog.scenarios},
                    )
                except curriculum.CurriculumError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                cohort = replace(cohort, lessons=checked)
                await tx.cohorts.save(cohort)
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(cards=(replace(self.card(t, cohort), title=t("cohort.updated")),))

    async def cohort(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Show or change the channel's cohort (see the module docstring)."""
        ctx = self.practice.context
        words = text.split()
        verb = words[0].lower() if words else ""
        try:
            async with ctx.store.transaction() as tx:
                channel = await ctx.channel_in(tx, place)
                member = await ctx.member_in(tx, actor)
                t = ctx.texts_for(member, channel)
                cohort = await tx.cohorts.get(place)
                if verb:
                    cohort = await self._change(tx, actor, channel, cohort, verb, words[1:], t)
        except Refused as refused:
            return Reply(errors=refused.errors)
        card = self.card(t, cohort)
        if verb:
            card = replace(card, title=t("cohort.updated"), tone=Tone.SUCCESS)
        return Reply(cards=(card,))

    async def _change(
        self,
        tx: Tx,
        actor: Actor,
        channel: Channel,
        cohort: Cohort | None,
        verb: str,
        args: Sequence[str],
        t: Texts,
    ) -> Cohort | None:
        ctx = self.practice.context
        roles = await ctx.roles_of(tx, actor, channel.place)
        try:
            if verb in ("start", "begin"):
                if not allows(roles, Action.START_COHORT):
                    raise Refused({"": t("error.not_admin")})
                if cohort is not None:
                    raise Refused({"": t("error.cohort_exists", start=cohort.start.isoformat())})
                if len(args) != 1:
                    raise InputError("error.cohort_usage")
                started = Cohort(channel.place, parse_date(args[0]), (actor.ref,))
                await tx.cohorts.save(started)
                return started
            if cohort is None:
                raise Refused({"": t("error.cohort_none")})
            if verb in ("trainer", "trainers"):
                if not allows(roles, Action.START_COHORT):
                    raise Refused({"": t("error.cohort_trainers_admins")})
                changed = await self._trainers(tx, channel, cohort, args, t)
                await tx.cohorts.save(changed)
                return changed
            ending = verb in ("end", "stop")
            if not allows(roles, Action.START_COHORT if ending else Action.CHANGE_CURRICULUM):
                raise Refused({"": t("error.cohort_trainers_only")})
            if ending:
                await tx.cohorts.delete(channel.place)
                return None
            today = ctx.local_date(channel)
            lessons = self.lessons_of(verb, args, cohort, channel, today)
            if lessons is None:
                raise InputError("error.cohort_usage")
            catalog = ctx.catalog
            checked = curriculum.check(
                lessons, cohort.start, catalog.skill_ids, {s.id for s in catalog.scenarios}
            )
            changed = replace(cohort, lessons=checked)
            await tx.cohorts.save(changed)
            return changed
        except InputError as error:
            raise Refused({"": t(error.key, **error.params)}) from None
        except curriculum.CurriculumError as error:
            raise Refused({"": t(error.key, **error.params)}) from None

    @staticmethod
    async def _trainers(
        tx: Tx, channel: Channel, cohort: Cohort, args: Sequence[str], t: Texts
    ) -> Cohort:
        """``trainer add|remove USER``: a member of the channel (one who used ballback here;
        the adapters turn a mention into the user id) joins or leaves the trainers."""
        if len(args) != 2 or args[0].lower() not in ("add", "remove", "toevoegen", "verwijderen"):
            raise InputError("error.cohort_trainer_usage")
        if not is_plain_id(args[1]):
            raise InputError("error.cohort_trainer_usage")
        place = channel.place
        ref = MemberRef(place.platform, place.workspace, args[1])
        if await tx.members.get(ref) is None:
            raise Refused({"": t("error.cohort_trainer_unknown", user=args[1][:MAX_SHOWN])})
        if args[0].lower() in ("add", "toevoegen"):
            trainers = tuple(dict.fromkeys((*cohort.trainers, ref)))
        else:
            trainers = tuple(r for r in cohort.trainers if r != ref)
        return replace(cohort, trainers=trainers)

    def lessons_of(
        self,
        verb: str,
        args: Sequence[str],
        cohort: Cohort,
        channel: Channel,
        today: date,
    ) -> tuple[Lesson, ...] | None:
        """The whole curriculum after ``verb args`` (None: not a curriculum command)."""
        words = list(args)
        start = max(today, cohort.start)
        if words[:1] and words[0].lower() in ("from", "vanaf"):
            if len(words) < 2:
                raise InputError("error.cohort_usage")
            start = parse_date(words[1])
            words = words[2:]
        if verb in ("weekly", "wekelijks"):
            new = curriculum.weekly(start, [self.skill_id(w) for w in words])
        elif verb in ("daily", "dagelijks"):
            skills = [self.skill_id(w) for w in words]
            new = curriculum.daily(start, skills, channel.weekdays)
        elif verb in ("set", "zet"):
            if len(words) not in (2, 3):
                raise InputError("error.cohort_usage")
            first, last = self.days_of(words[0])
            scenario = words[2] if len(words) == 3 else None
            new = (Lesson(first, last, self.skill_id(words[1]), scenario),)
            start = first
            kept = [x for x in cohort.lessons if x.last < first or x.first > last]
            return (*kept, *new)
        elif verb in ("clear", "wis"):
            new = ()
        else:
            return None
        if not words and verb not in ("clear", "wis"):
            raise InputError("error.cohort_usage")
        return curriculum.replace_from(cohort.lessons, new, start)

    def skill_id(self, word: str) -> str:
        """A skill named by its id or by its name in either language (any case; the name's
        spaces may be written as dashes)."""
        wanted = word.strip().lower().replace("-", " ")
        for skill in self.practice.context.catalog.skills:
            names = {skill.id.replace("-", " "), skill.name.nl.lower(), skill.name.en.lower()}
            if wanted in names:
                return skill.id
        raise InputError("error.cohort_unknown_skill", value=word[:MAX_SHOWN])

    @staticmethod
    def days_of(word: str) -> tuple[date, date]:
        """A day (``YYYY-MM-DD``) or a week (``YYYY-Www``, Monday to Sunday)."""
        week = WEEK.fullmatch(word.strip())
        if week is None:
            day = parse_date(word)
            return day, day
        try:
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:
            raise InputError("error.bad_date", value=word[:MAX_SHOWN]) from None
        return monday, monday + timedelta(days=6)

    def card(self, t: Texts, cohort: Cohort | None) -> Card:
        """The cohort as its members see it: start, how many trainers, the curriculum."""
        if cohort is None:
            return Card(title=t("cohort.none_title"), body=t("cohort.none_body"), private=True)
        catalog = self.practice.context.catalog

        def name(skill_id: str) -> str:
            return catalog.skill(skill_id).name.get(t.lang)

        lines = [
            t(
                "cohort.lesson",
                first=lesson.first.isoformat(),
                last=lesson.last.isoformat(),
                skill=name(lesson.skill_id),
            )
            + (
                f" · {catalog.scenario(lesson.scenario_id).title.get(t.lang)}"
                if lesson.scenario_id
                else ""
            )
            for lesson in cohort.lessons
        ]
        return Card(
            title=t("cohort.title", start=cohort.start.isoformat()),
            body="\n".join(lines) or t("cohort.no_lessons"),
            fields=(Field(t("cohort.trainers"), str(len(cohort.trainers))),),
            private=True,
        )


def lessons_from_file(name: str, text: str) -> tuple[Lesson, ...]:
    """A curriculum file's lessons: YAML (``lessons:`` a list of ``{date|week, skill,
    scenario?}``) or CSV (columns ``when,skill,scenario``; ``when`` a date or ``YYYY-Www``),
    told apart by the file name. Skills are ids here; ``InputError`` says what is wrong."""
    rows: list[dict[str, str]] = []
    if name.lower().endswith((".yaml", ".yml")):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise InputError("error.cohort_file", value=name[-MAX_SHOWN:]) from None
        items = data.get("lessons") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise InputError("error.cohort_file", value=name[-MAX_SHOWN:])
        for item in items:
            if not isinstance(item, dict):
                raise InputError("error.cohort_file", value=name[-MAX_SHOWN:])
            when = item.get("week") or item.get("date")
            rows.append(
                {
                    "when": str(when or ""),
                    "skill": str(item.get("skill") or ""),
                    "scenario": str(item.get("scenario") or ""),
                }
            )
    elif name.lower().endswith(".csv"):
        import csv
        import io

        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or not {"when", "skill"} <= set(reader.fieldnames):
            raise InputError("error.cohort_file", value=name[-MAX_SHOWN:])
        rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    else:
        raise InputError("error.cohort_file", value=name[-MAX_SHOWN:])
    lessons = []
    for row in rows:
        first, last = CohortUseCase.days_of(row.get("when", ""))
        lessons.append(Lesson(first, last, row.get("skill", ""), row.get("scenario") or None))
    return tuple(lessons)
