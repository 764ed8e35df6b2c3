"""A member's own data: export it as a file, or delete all of it.

Everything ballback keeps about a member is theirs to take and to erase: their settings and
streak, pauses, reflections (in every channel), their seats in practice rounds, the feedback
they gave, the feedback they received as helper, and per round the automatic observer's counts
(with a text the group chose to keep) and their own answer to live reading. The export is one
JSON file; deleting asks once for confirmation and then removes the member with everything that
hangs off them (the store's cascades) and the request-ledger keys that name them, in one
transaction.
An operator does the same from the command line (``ballback member export`` / ``forget``:
``export_member``, ``forget_member``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.forms import DAILY_REFLECTION, answer_label, feedback_form, reflection_form_of
from bot.messages import Action, Attachment, Card, Reply, Tone
from bot.model import (
    HELPER,
    Actor,
    Feedback,
    Group,
    Member,
    MemberRef,
    Observation,
    Pause,
    Place,
    Reflection,
)
from bot.ports import Tx
from bot.practice import Practice
from bot.rounds import FORM_FOR_ROLE
from bot.texts import Texts
from bot.usecases.zone_notice import notice_key

CONFIRM = "confirm"  # ``forget confirm`` / the button ``forget:confirm``


def _where(place: Place) -> str:
    return f"{place.platform}/{place.workspace}/{place.channel}"


#: (form id, skill id, coded answers) → [{"question": …, "answer": …}] in the member's language.
Explain = Callable[[str, str | None, Mapping[str, str]], list[dict[str, str]]]


def export_document(
    member: Member,
    pauses: Sequence[Pause],
    reflections: Sequence[Reflection],
    groups: Sequence[Group],
    feedback: Sequence[Feedback],
    exported_at: datetime,
    explain: Explain | None = None,
    *,
    observations: Sequence[Observation] = (),
    live_answers: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Everything about ``member`` as plain JSON-ready data (a pure function of what is
    stored): feedback the member gave, and the partners' feedback in turns they helped in.
    ``explain`` turns a form's coded answers into question → answer text for a person.
    Per practice group: the automatic observer's counts with any text its members chose to
    keep (``observations``), and the member's own answer to live reading (``live_answers``,
    by group id)."""
    readable = explain or (lambda _form, _skill, _answers: [])
    answered = live_answers or {}
    ref = member.ref
    by_id = {g.id: g for g in groups}
    given = [f for f in feedback if f.giver == ref]
    received = [
        f
        for f in feedback
        if f.giver != ref
        and f.form_id != FORM_FOR_ROLE[HELPER]
        and (group := by_id.get(f.group_id)) is not None
        and group.role_of(ref, f.turn) == HELPER
    ]

    def names(group: Group) -> dict[str, str]:
        return {s.member.user: s.display_name for s in group.seats}

    def about(item: Feedback) -> dict[str, Any]:
        group = by_id[item.group_id]
        return {
            "channel": _where(group.place),
            "date": group.local_date.isoformat(),
            "practice": group.number,
            "turn": item.turn,
            "form": item.form_id,
            "from": names(group).get(item.giver.user, item.giver.user),
            "written_at": item.created_at.isoformat(),
            "shared_with_trainers": item.for_trainers,
            "answers": dict(item.answers),
            "readable": readable(item.form_id, group.skill_id, item.answers),
        }

    return {
        "exported_at": exported_at.isoformat(),
        "member": {
            "platform": ref.platform,
            "workspace": ref.workspace,
            "user": ref.user,
            "display_name": member.display_name,
            "timezone": member.timezone,
            "language": member.language,
            "practice_days": sorted(member.practice_days),
            "direct_messages": member.dms,
            "streak": {
                "current": member.streak.current,
                "longest": member.streak.longest,
                "total": member.streak.total,
                "last_day": member.streak.last_day and member.streak.last_day.isoformat(),
            },
        },
        "pauses": [{"start": p.start.isoformat(), "end": p.end.isoformat()} for p in pauses],
        "reflections": [
            {
                "channel": _where(r.place),
                "day": r.day.isoformat(),
                "written_at": r.created_at.isoformat(),
                "skill": r.skill_id,
                "shared": r.shared,
                "shared_with_trainers": r.for_trainers,
                "answers": dict(r.answers),
                "readable": readable(DAILY_REFLECTION, r.skill_id, r.answers),
            }
            for r in reflections
        ],
        "practice": [
            {
                "channel": _where(g.place),
                "date": g.local_date.isoformat(),
                "practice": g.number,
                "scenario": g.scenario_id,
                "skill": g.skill_id,
                "role": g.role_of(ref, 1),
                "with": [s.display_name for s in g.seats if s.member != ref and s.display_name],
                "outcome": g.outcome,
                "live_reading": answered.get(g.id) if g.id is not None else None,
                "observer": [
                    {
                        "turn": o.turn,
                        "source": o.source,
                        "finished": o.finished,
                        "counts": dict(o.counts),
                        "kept_text": o.transcript,
                    }
                    for o in observations
                    if o.group_id == g.id
                ],
            }
            for g in groups
        ],
        "feedback_given": [about(f) for f in given],
        "feedback_received": [about(f) for f in received],
    }


class MyData:
    """The use cases of a member's own data."""

    def _readable(
        self, form_id: str, skill_id: str | None, answers: Mapping[str, str], lang: str
    ) -> list[dict[str, str]]:
        """Coded answers as the member saw the questions: each field's label with the answer
        (a choice's label, not its id). A form the catalog no longer has keeps only codes."""
        catalog = self.practice.catalog
        try:
            if form_id == DAILY_REFLECTION:
                form = reflection_form_of(catalog, answers, skill_id, lang)
            else:
                form = feedback_form(catalog, form_id, skill_id or "", lang, form_id)
        except (LookupError, ValueError):
            return [{"question": key, "answer": value} for key, value in answers.items()]
        labels = {f.id: f.label for f in form.fields}
        return [
            {"question": labels.get(key, key), "answer": answer_label(form, key, value)}
            for key, value in answers.items()
        ]

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.ctx = practice.context  # channel and member lookup, texts, zones, refusals
        self.store = practice.store

    async def export(self, actor: Actor, place: Place) -> Reply:
        """Everything ballback keeps about the member, as a JSON file only they receive."""
        async with self.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await self.ctx.member_in(tx, actor)
            stored = await _stored(tx, member)
        t = self.ctx.texts_for(member, channel)
        card = Card(
            title=t("export.title"),
            body=t("export.body", count=len(stored.reflections)),
            private=True,
            attachment=self._file(member, stored, t),
        )
        return Reply(cards=(card,))

    async def export_member(self, ref: MemberRef) -> Attachment | None:
        """The file ``export`` gives the member, for an operator (``ballback member export``):
        in the member's language, else the deployment's. None, with nothing written, when
        ballback keeps no such member."""
        async with self.store.read() as tx:
            member = await tx.members.get(ref)
            if member is None:
                return None
            stored = await _stored(tx, member)
        return self._file(member, stored, self.ctx.texts_for(member, None))

    def _file(self, member: Member, stored: _Stored, t: Texts) -> Attachment:
        document = export_document(
            member,
            stored.pauses,
            stored.reflections,
            stored.groups,
            stored.feedback,
            self.practice.clock.now(),
            lambda form_id, skill_id, answers: self._readable(form_id, skill_id, answers, t.lang),
            observations=stored.observations,
            live_answers=stored.live_answers,
        )
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        return Attachment(f"ballback-{ref_slug(member)}.json", data)

    async def forget(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Delete everything about the member, after one confirmation (``confirm``)."""
        async with self.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await tx.members.get(actor.ref)
            t = self.ctx.texts_for(member, channel)
            if member is None:
                await _erase(tx, actor.ref)  # a one-time notice's key may still name them
                nothing = Card(title=t("forget.nothing"), private=True)
                return Reply(cards=(nothing,), forgotten=True)
            if text.strip().lower() != CONFIRM:
                return Reply(cards=(self._ask(t),))
            await _erase(tx, member.ref)
        # The member's language is gone with them: the channel's answers from here on.
        done = Card(
            title=t("forget.done"), body=t("forget.done_body"), private=True, tone=Tone.SUCCESS
        )
        return Reply(cards=(done,), forgotten=True)

    async def forget_member(self, ref: MemberRef) -> bool:
        """Delete the member and everything of theirs as ``forget confirm`` does, for an
        operator (``ballback member forget``). False, with nothing changed, when ballback
        keeps no such member."""
        async with self.store.transaction() as tx:
            if await tx.members.get(ref, for_update=True) is None:
                return False
            return await _erase(tx, ref)

    @staticmethod
    def _ask(t: Texts) -> Card:
        return Card(
            title=t("forget.ask_title"),
            body=t("forget.ask_body"),
            actions=(Action(f"forget:{CONFIRM}", t("action.forget"), style="danger"),),
            private=True,
            tone=Tone.ERROR,
        )


@dataclass(frozen=True, slots=True)
class _Stored:
    """What the export reads about a member, in one transaction."""

    pauses: Sequence[Pause]
    reflections: Sequence[Reflection]
    groups: Sequence[Group]
    feedback: Sequence[Feedback]
    observations: Sequence[Observation]
    live_answers: Mapping[int, str]


async def _stored(tx: Tx, member: Member) -> _Stored:
    groups = await tx.groups.of_member(member.ref)
    ids = [g.id for g in groups if g.id is not None]
    return _Stored(
        pauses=await tx.pauses.list(member.ref),
        reflections=await tx.reflections.list(member.ref),
        groups=groups,
        feedback=await tx.feedback.in_groups(ids),
        observations=await tx.observations.in_groups(ids),
        live_answers=await tx.observations.answers_of(member.ref),
    )


def ledger_keys(ref: MemberRef) -> tuple[str, ...]:
    """The request-ledger keys that name a member (the rest name platform requests)."""
    return (notice_key(ref),)


async def _erase(tx: Tx, ref: MemberRef) -> bool:
    """Delete the member with everything of theirs and the ledger keys that name them, in
    the caller's transaction. (The answer to a forget claims no such key again:
    ``Reply.forgotten``.)"""
    deleted = await tx.members.delete(ref)
    for key in ledger_keys(ref):
        await tx.requests.release(key)
    return deleted


def ref_slug(member: Member) -> str:
    """A file-name-safe name for the member's export (their platform and user id)."""
    raw = f"{member.ref.platform}-{member.ref.user}"
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in raw)
