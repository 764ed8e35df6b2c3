"""The trainer report of a cohort channel: per member and per skill over a period, in chat
for the cohort's trainers (and the channel's admins) and from ``ballback report`` as text,
CSV or JSON. Counts and coded answers only (``bot.rules.report``)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from bot.messages import Card, Field
from bot.model import MemberRef, Place
from bot.ports import Tx
from bot.rules import ball
from bot.rules.levels import clamp as clamp_level
from bot.rules.report import MemberRow, SkillRow, member_rows, skill_rows, totals
from bot.texts import Texts
from bot.usecases.context import Context

MAX_REPORT_DAYS = 366


@dataclass(frozen=True)
class TrainerReport:
    """A report's rows for ``first..last``."""

    place: Place
    first: date
    last: date
    members: tuple[MemberRow, ...]
    skills: tuple[SkillRow, ...]
    # Per member (as in ``members``): the days practised (a seat or a reflection) in each week
    # from the week of ``first`` on, for the cohort picture.
    weeks: tuple[tuple[int, ...], ...] = ()


async def trainer_report(
    ctx: Context, tx: Tx, place: Place, first: date, last: date
) -> TrainerReport:
    """The report of the channel for local days ``first..last`` inside ``tx``."""
    activity = await tx.reports.cohort_activity(place, first, last)
    refs = sorted(
        {s.member for s in activity.seats}
        | {f.giver for f in activity.feedback}
        | set(activity.joins)
        | set(activity.reflections),
        key=lambda r: r.user,
    )
    found = await tx.members.get_many(refs)
    channel = await tx.channels.get(place) or ctx.default_channel(place)
    stored = await tx.levels.get_many(place, refs)
    start = clamp_level(channel.difficulty)
    names = {ref: m.display_name for ref, m in found.items()}
    names.update({s.member: s.name for s in activity.seats if s.member not in names})
    streaks = {ref: m.streak.current for ref, m in found.items()}
    levels = {ref: (stored[ref].level if ref in stored else start) for ref in refs}
    good = {s.id: s.feedback_item.good_answer for s in ctx.catalog.skills}
    rows = tuple(member_rows(activity, names, streaks, levels))
    monday = first - timedelta(days=first.weekday())
    count = (last - monday).days // 7 + 1
    practised: dict[MemberRef, set[date]] = {}
    for seat in activity.seats:
        practised.setdefault(seat.member, set()).add(seat.day)
    for ref, days in activity.reflections.items():
        practised.setdefault(ref, set()).update(days)
    weeks = []
    for row in rows:
        counts = [0] * count
        for day in practised.get(row.member, ()):
            week = (day - monday).days // 7
            if 0 <= week < count:
                counts[week] += 1
        weeks.append(tuple(counts))
    return TrainerReport(place, first, last, rows, tuple(skill_rows(activity, good)), weeks)


def cohort_picture(report: TrainerReport, t: Texts) -> bytes:
    """The cohort picture of the report: members × weeks, coloured by days practised."""
    from bot.pictures.cohort import CohortRow, render_cohort

    rows = [
        CohortRow(row.name, days) for row, days in zip(report.members, report.weeks, strict=True)
    ]
    count = max((len(days) for days in report.weeks), default=0)
    return render_cohort(rows, report.first, t, weeks=max(count, 1))


MEMBER_COLUMNS = (
    "name",
    "practice_days",
    "joined",
    "helper",
    "bringer",
    "observer",
    "feedback_given",
    "feedback_received",
    "reflections",
    "streak",
    "level",
)


def _answers(counts: object) -> str:
    found = dict(counts)  # type: ignore[call-overload]
    return " ".join(f"{k}:{found.get(k, 0)}" for k in ball.SCALE)


def as_csv(report: TrainerReport) -> str:
    """Two tables in one CSV: the members (``section`` members), then the skills."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", *MEMBER_COLUMNS])
    for row in (*report.members, totals(report.members)):
        values = asdict(row)
        name = values["name"] or "total"
        writer.writerow(["members", name, *(values[c] for c in MEMBER_COLUMNS[1:])])
    writer.writerow(["section", "skill", "groups", "thinking", "next_step", "item_good", "item"])
    for skill in report.skills:
        writer.writerow(
            [
                "skills",
                skill.skill_id,
                skill.groups,
                _answers(skill.thinking),
                _answers(skill.next_step),
                skill.item_good,
                skill.item_answers,
            ]
        )
    return out.getvalue()


def as_json(report: TrainerReport) -> str:
    """The report as one JSON object."""
    members = [
        {**{c: asdict(r)[c] for c in MEMBER_COLUMNS}, "member": asdict(r)["member"]}
        for r in report.members
    ]
    return json.dumps(
        {
            "channel": asdict(report.place),
            "from": report.first.isoformat(),
            "to": report.last.isoformat(),
            "members": members,
            "totals": {c: asdict(totals(report.members))[c] for c in MEMBER_COLUMNS[1:]},
            "skills": [asdict(s) for s in report.skills],
        },
        ensure_ascii=False,
        indent=2,
    )


def report_cards(report: TrainerReport, t: Texts, skill_name: object) -> tuple[Card, ...]:
    """The report as two private cards: the members, and the skills with the partners' view
    of who carried the ball."""
    members = tuple(
        Field(
            row.name,
            t(
                "trainer.member_line",
                days=row.practice_days,
                joined=row.joined,
                helper=row.helper,
                bringer=row.bringer,
                observer=row.observer,
                given=row.feedback_given,
                received=row.feedback_received,
                reflections=row.reflections,
                streak=row.streak,
                level=row.level or "-",
            ),
            untrusted=True,
        )
        for row in report.members
    )
    skills = tuple(
        Field(
            skill_name(row.skill_id),  # type: ignore[operator]
            t(
                "trainer.skill_line",
                groups=row.groups,
                back=row.thinking.get(ball.BRINGER_SIDE, 0),
                both=row.thinking.get(ball.BOTH, 0),
                kept=row.thinking.get(ball.HELPER_SIDE, 0),
                step=row.next_step.get(ball.BRINGER_SIDE, 0),
                good=row.item_good,
                answers=row.item_answers,
            ),
        )
        for row in report.skills
    )
    span = {"first": report.first.isoformat(), "last": report.last.isoformat()}
    return (
        Card(title=t("trainer.members_title", **span), fields=members[:25], private=True),
        Card(title=t("trainer.skills_title", **span), fields=skills[:25], private=True),
    )
