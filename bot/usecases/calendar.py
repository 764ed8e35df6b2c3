"""``/practice calendar`` and ``ballback calendar``: the coming practice days of a channel as
their nudges will post them (skill, scenario, what the scenario was written for, level), read
only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.access import Action
from bot.messages import Card, Reply
from bot.model import Actor, DailyPick, Place
from bot.parsing import number_in
from bot.rules.rotation import scenario_fit
from bot.texts import Texts
from bot.usecases.context import Refused
from content import Catalog

if TYPE_CHECKING:
    from bot.practice import Practice

DEFAULT_DAYS = 14
MAX_DAYS = 366


@dataclass(frozen=True)
class CalendarDay:
    """One practice day: its pick, the scenario's primary and secondary skills, the level."""

    local_date: date
    skill: str
    scenario: str
    title: str
    primary: str
    secondary: tuple[str, ...]
    fit: str  # bot.rules.rotation.PRIMARY | SECONDARY | OTHER
    level: int

    def as_json(self) -> dict[str, object]:
        """The day as plain JSON values."""
        return {
            "date": self.local_date.isoformat(),
            "skill": self.skill,
            "scenario": self.scenario,
            "title": self.title,
            "primary_skill": self.primary,
            "secondary_skills": list(self.secondary),
            "fit": self.fit,
            "level": self.level,
        }


def calendar_days(
    catalog: Catalog, picks: tuple[DailyPick, ...], level: int, lang: str
) -> list[CalendarDay]:
    """The calendar's days from the picks, titles in ``lang``."""
    days = []
    for pick in picks:
        scenario = catalog.scenario(pick.scenario_id)
        days.append(
            CalendarDay(
                local_date=pick.local_date,
                skill=pick.skill_id,
                scenario=scenario.id,
                title=scenario.title.get(lang),
                primary=scenario.primary_skill,
                secondary=tuple(scenario.secondary_skills),
                fit=scenario_fit(pick.skill_id, scenario),
                level=level,
            )
        )
    return days


def calendar_lines(catalog: Catalog, days: list[CalendarDay], t: Texts) -> list[str]:
    """One line per day, in ``t``'s language."""

    def name(skill_id: str) -> str:
        return catalog.skill(skill_id).name.get(t.lang)

    return [
        t(
            "calendar.line",
            day=t.day(d.local_date),
            skill=name(d.skill),
            title=d.title,
            primary=name(d.primary),
            secondary=", ".join(name(s) for s in d.secondary) or "—",
            level=d.level,
        )
        for d in days
    ]


class CalendarUseCase:
    """The channel's coming practice days, for its admins."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def calendar(self, actor: Actor, place: Place, rest: str) -> Reply:
        """``/practice calendar [days]``: the next days (default 14) as their nudges will post
        them; admins only, and nothing is written."""
        ctx = self.practice.context
        try:
            async with ctx.store.read() as tx:
                channel = await tx.channels.get(place) or ctx.default_channel(place)
                member = await tx.members.get(actor.ref)
                t = ctx.texts_for(member, channel)
                if not await ctx.allows(tx, actor, place, Action.SEE_CALENDAR):
                    raise Refused({"": t("error.not_trainer_or_admin")})
            days = DEFAULT_DAYS if not rest.strip() else number_in(rest, 1, MAX_DAYS)
            if days is None:
                raise Refused({"": t("error.bad_days_count", value=rest.strip(), max=MAX_DAYS)})
        except Refused as refused:
            return Reply(errors=refused.errors)
        first = ctx.local_date(channel)
        picks, channel = await self.practice.daily.calendar(place, first, days)
        lines = calendar_lines(
            ctx.catalog, calendar_days(ctx.catalog, picks, channel.difficulty, t.lang), t
        )
        body = "\n".join(lines) or t("calendar.empty")
        return Reply(cards=(Card(title=t("calendar.title", days=days), body=body, private=True),))
