"""The trainer report of a cohort channel: per member and per skill over a period, in chat
for the cohort's trainers (and the channel's admins) and from ``ballback report`` as text,
CSV or JSON. Counts and coded answers only (``bot.rules.report``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from bot.messages import Card, Field
from bot.model import MemberRef, Place, SharedItem
from bot.ports import Tx
from bot.rules import ball
from bot.rules.levels import clamp as clamp_level
from bot.rules.report import MemberRow, SkillRow, member_rows, skill_rows, totals
from bot.texts import Texts
from bot.usecases.context import Context
from bot.usecases.sharing import item_title
from content.limits import MAX_FIELDS

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
    # The counts of members who asked to be forgotten: in the totals only, never a row.
    hidden: tuple[MemberRow, ...] = ()
    # What members chose to share with the trainers (for readers allowed to see it).
    shared: tuple[SharedItem, ...] = ()

    def total(self) -> MemberRow:
        """The total line: every member's counts, the forgotten ones' included."""
        return totals((*self.members, *self.hidden))


async def trainer_report(
    ctx: Context, tx: Tx, place: Place, first: date, last: date, *, with_shared: bool = False
) -> TrainerReport:
    """The report of the channel for local days ``first..last`` inside ``tx``; with
    ``with_shared`` (the reader may see it, ``Action.READ_SHARED``) also what members chose
    to share with the trainers."""
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
    every = member_rows(activity, names, streaks, levels)
    rows = tuple(r for r in every if r.member not in activity.forgotten)
    hidden = tuple(r for r in every if r.member in activity.forgotten)
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
    skills = tuple(skill_rows(activity, good))
    shared = tuple(await tx.shares.in_channel(place, first, last)) if with_shared else ()
    return TrainerReport(place, first, last, rows, skills, tuple(weeks), hidden, shared)


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
    for row in (*report.members, report.total()):
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
    if report.shared:
        writer.writerow(["section", "name", "day", "kind", "form", "field", "text"])
        for item in report.shared:
            for key, text in item.answers.items():
                writer.writerow(
                    ["shared", item.name, item.day.isoformat(), item.kind, item.form_id, key, text]
                )
    return out.getvalue()


def _shared_json(item: SharedItem) -> dict[str, object]:
    return {
        "name": item.name,
        "day": item.day.isoformat(),
        "kind": item.kind,
        "form": item.form_id,
        "skill": item.skill_id,
        "answers": dict(item.answers),
    }


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
            "totals": {c: asdict(report.total())[c] for c in MEMBER_COLUMNS[1:]},
            "forgotten_members": len(report.hidden),
            "skills": [asdict(s) for s in report.skills],
            "shared_with_trainers": [_shared_json(item) for item in report.shared],
        },
        ensure_ascii=False,
        indent=2,
    )


def _member_line(row: MemberRow, t: Texts) -> str:
    return t(
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
    )


def _cards(title: str, body: str, fields: Sequence[Field]) -> tuple[Card, ...]:
    """``fields`` over as many private cards as they need (the first one carries ``body``)."""
    parts = [fields[i : i + MAX_FIELDS] for i in range(0, len(fields), MAX_FIELDS)]
    return tuple(
        Card(title=title, body=body if i == 0 else "", fields=tuple(part), private=True)
        for i, part in enumerate(parts or [()])
    )


def report_cards(
    report: TrainerReport,
    t: Texts,
    skill_name: Callable[[str], str],
    describe: Callable[[SharedItem], Sequence[Field]] | None = None,
) -> tuple[Card, ...]:
    """The report as private cards: the members (and the total line, which counts members
    who asked to be forgotten too), the skills with the partners' view of who carried the
    ball, and what members shared with the trainers (each item's answers by ``describe``)."""
    members = [Field(row.name, _member_line(row, t), untrusted=True) for row in report.members]
    members.append(Field(t("trainer.total"), _member_line(report.total(), t)))
    forgotten = t("trainer.forgotten", n=len(report.hidden)) if report.hidden else ""
    skills = [
        Field(
            skill_name(row.skill_id),
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
    ]
    span = {"first": report.first.isoformat(), "last": report.last.isoformat()}
    cards = (
        *_cards(t("trainer.members_title", **span), forgotten, members),
        *_cards(t("trainer.skills_title", **span), "", skills),
    )
    if report.shared and describe is not None:
        shared = [
            Field(
                item_title(item, t),
                "\n".join(f"{f.label}: {f.value}" for f in describe(item)),
                untrusted=True,
            )
            for item in report.shared
        ]
        cards += _cards(t("trainer.shared_title", **span), t("trainer.shared_body"), shared)
    return cards
