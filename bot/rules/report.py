"""A trainer's report over a period: per member and per skill, from the channel's raw
activity (``bot.model.CohortActivity``). Counts and coded answers only: what anyone wrote
never enters a report.

Per member: practice days (days with a seat in a group), rounds joined, first-turn roles,
feedback forms given and received (as helper), reflections written (count), current streak
and level. Per skill: groups practised, and the partners' answers (issue-bringer and observer)
to "who did most of the thinking" and "who came up with the next step" as counts, with the
share of partner forms that gave the day's skill item its good answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.model import BRINGER, HELPER, OBSERVER, CohortActivity, MemberRef
from bot.rules import ball

__all__ = ["MemberRow", "SkillRow", "member_rows", "skill_rows"]

PARTNER_FORMS = ("partner", "observer")


@dataclass(frozen=True)
class MemberRow:
    """One member's line of the report."""

    member: MemberRef
    name: str
    practice_days: int = 0
    joined: int = 0
    helper: int = 0
    bringer: int = 0
    observer: int = 0
    feedback_given: int = 0
    feedback_received: int = 0
    reflections: int = 0
    streak: int = 0
    level: int | None = None


@dataclass(frozen=True)
class SkillRow:
    """One skill's line of the report."""

    skill_id: str
    groups: int = 0
    thinking: Mapping[str, int] = field(default_factory=dict)  # ball.SCALE → partner answers
    next_step: Mapping[str, int] = field(default_factory=dict)
    item_answers: int = 0  # partner forms that answered the skill item (P1)
    item_good: int = 0  # … with its good answer


@dataclass
class _Tally:
    """One member's counts while a report is made."""

    days: set[date] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    given: int = 0
    received: int = 0


def member_rows(
    activity: CohortActivity,
    names: Mapping[MemberRef, str],
    streaks: Mapping[MemberRef, int],
    levels: Mapping[MemberRef, int],
) -> list[MemberRow]:
    """One row per member who joined, sat, gave feedback or reflected, by name."""
    seen: dict[MemberRef, _Tally] = {}

    def row(ref: MemberRef) -> _Tally:
        found = seen.get(ref)
        if found is None:
            found = seen[ref] = _Tally()
        return found

    helper_of: dict[tuple[int, int], MemberRef] = {}
    seats_of: dict[int, list[tuple[MemberRef, str]]] = {}
    for seat in activity.seats:
        data = row(seat.member)
        data.days.add(seat.day)
        data.roles[seat.role] += 1
        seats_of.setdefault(seat.group_id, []).append((seat.member, seat.role))
    for group_id, seats in seats_of.items():
        order = [m for m, _ in seats]
        first_helper = next((m for m, r in seats if r == HELPER), None)
        if first_helper is None:
            continue
        start = order.index(first_helper)
        for turn in range(1, len(order) + 1):
            # Each later turn rotates the roles by one seat (bot.model.Group.role_of).
            helper_of[(group_id, turn)] = order[(start - (turn - 1)) % len(order)]
    for item in activity.feedback:
        row(item.giver).given += 1
        if item.form_id in PARTNER_FORMS:
            helper = helper_of.get((item.group_id, item.turn))
            if helper is not None:
                row(helper).received += 1
    for ref in (*activity.joins, *activity.reflections):
        row(ref)
    rows = []
    for ref, data in seen.items():
        rows.append(
            MemberRow(
                member=ref,
                name=names.get(ref, ref.user),
                practice_days=len(data.days),
                joined=activity.joins.get(ref, 0),
                helper=data.roles.get(HELPER, 0),
                bringer=data.roles.get(BRINGER, 0),
                observer=data.roles.get(OBSERVER, 0),
                feedback_given=data.given,
                feedback_received=data.received,
                reflections=len(activity.reflections.get(ref, ())),
                streak=streaks.get(ref, 0),
                level=levels.get(ref),
            )
        )
    return sorted(rows, key=lambda r: (r.name.lower(), r.member.user))


def skill_rows(activity: CohortActivity, good_answers: Mapping[str, str]) -> list[SkillRow]:
    """One row per skill practised in a group; ``good_answers`` maps a skill to its skill
    item's good answer."""
    skill_of = {seat.group_id: seat.skill_id for seat in activity.seats}
    groups: Counter[str] = Counter(skill_of.values())
    thinking: dict[str, Counter[str]] = {}
    next_step: dict[str, Counter[str]] = {}
    answered: Counter[str] = Counter()
    good: Counter[str] = Counter()
    for item in activity.feedback:
        skill = skill_of.get(item.group_id)
        if skill is None or item.form_id not in PARTNER_FORMS:
            continue
        think, step = ball.view(item.form_id, item.answers)
        if think:
            thinking.setdefault(skill, Counter())[think] += 1
        if step:
            next_step.setdefault(skill, Counter())[step] += 1
        if item.form_id == "partner" and "P1" in item.answers:
            answered[skill] += 1
            good[skill] += item.answers["P1"] == good_answers.get(skill)
    return [
        SkillRow(
            skill,
            groups[skill],
            dict(thinking.get(skill, {})),
            dict(next_step.get(skill, {})),
            answered[skill],
            good[skill],
        )
        for skill in sorted(groups)
    ]


def totals(rows: Sequence[MemberRow]) -> MemberRow:
    """The report's total line (practice days and streak: their sum and their largest)."""
    return MemberRow(
        member=MemberRef("", "", ""),
        name="",
        practice_days=max((r.practice_days for r in rows), default=0),
        joined=sum(r.joined for r in rows),
        helper=sum(r.helper for r in rows),
        bringer=sum(r.bringer for r in rows),
        observer=sum(r.observer for r in rows),
        feedback_given=sum(r.feedback_given for r in rows),
        feedback_received=sum(r.feedback_received for r in rows),
        reflections=sum(r.reflections for r in rows),
        streak=max((r.streak for r in rows), default=0),
    )
