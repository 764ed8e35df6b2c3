"""The automatic observer in a round (``bot.observer``): a pasted role-play, or the practice
space read live once every member of the group agreed (``bot.usecases.live_reading``).

- ``/practice observe``: a form to paste a written role-play; the tally card goes to the
  member, and, when they are in a group today, to the group's practice space as an extra
  feedback item (and into the helper's feedback view).
- ``/practice observe live`` / ``off``: live reading (``LiveReading``).

Only counts are stored (``bot.model.Observation``); a pasted transcript is kept only when
the member ticks "keep it with our feedback".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.messages import Choice, Field, Form, FormField, Notice, Reply
from bot.model import Actor, Observation, Place
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.live_reading import LiveReading, live_answer
from bot.usecases.observer_counts import counts_of_tally, guess_language, observer_card

OBSERVE_FORM = "observe"
TRANSCRIPT, HELPER_NAME, KEEP = "T", "H", "K"


class ObserveWork(LiveReading):
    """``/practice observe``: the pasted role-play, and live reading with consent."""

    async def observe(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """``observe``: the paste form; ``observe live`` (``live keep``): ask the group to let
        ballback read its space (and keep the text); ``observe off``: stop that for the group;
        ``observe yes|keep|no``: answer as the buttons do (``live_answer``)."""
        if text.strip():
            answered = live_answer(text)
            if answered is None:
                return self.ctx.refusal("error.observe_usage")
            answer, ask = answered
            return await self.consent(actor, place, answer=answer, ask=ask)
        async with self.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            member = await self.ctx.member_in(tx, actor)
        return Reply(form=self.paste_form(self.ctx.texts_for(member, channel)))

    def paste_form(self, t: Texts) -> Form:
        """The form a member pastes a written role-play into."""
        keep = (Choice("no", t("observe.keep.no")), Choice("yes", t("observe.keep.yes")))
        return Form(
            id=OBSERVE_FORM,
            title=t("observe.form.title"),
            intro=t("observe.form.intro"),
            fields=(
                FormField(
                    TRANSCRIPT,
                    "text",
                    t("observe.form.transcript"),
                    hint=t("observe.form.transcript_hint"),
                    multiline=True,
                ),
                FormField(
                    HELPER_NAME,
                    "text",
                    t("observe.form.helper"),
                    hint=t("observe.form.helper_hint"),
                    required=False,
                    max_length=80,
                ),
                FormField(KEEP, "choice", t("observe.form.keep"), required=False, choices=keep),
            ),
            submit_label=t("observe.form.submit"),
        )

    async def submit_observation(
        self, actor: Actor, place: Place, answers: Mapping[str, str]
    ) -> Reply:
        """Read a pasted role-play: the card to the member, and to their group today (its
        space, and the helper's feedback view) with the counts stored."""
        from bot.forms import clean_answers
        from bot.observer.analysis import analyse
        from bot.observer.transcript import TranscriptError

        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                # Pasted in a practice space: about that group, in its channel.
                spaced = await tx.groups.with_space(place.platform, place.workspace, place.channel)
                place = spaced.place if spaced is not None else place
                channel, member, today = await self._today(tx, actor, place)
                t = self.ctx.texts_for(member, channel)
                cleaned, problems = clean_answers(self.paste_form(t), answers, t)
                if problems:
                    raise Refused({p.field_id: p.message for p in problems})
                group = await tx.groups.group_of(place, today, member.ref)
                skill = (
                    group.skill_id
                    if group
                    else (await self.ctx.picks.pick_in(tx, place, today)).skill_id
                )
                text = cleaned.get(TRANSCRIPT, "")
                lang = guess_language(text, t.lang)
                try:
                    seen = analyse(text, lang, cleaned.get(HELPER_NAME) or None, skill)
                except TranscriptError:
                    raise Refused({TRANSCRIPT: t("observe.not_a_roleplay")}) from None
                counts = counts_of_tally(seen.tally)
                card = observer_card(counts, skill, t)
                card = replace(
                    card,
                    fields=(Field(t("observe.helper"), seen.helper, untrusted=True),),
                )
                notices: tuple[Notice, ...] = ()
                ids: tuple[str, ...] = ()
                if group is not None and group.id is not None:
                    keep = cleaned.get(KEEP) == "yes"
                    stored = Observation(
                        group.id,
                        group.turn,
                        "pasted",
                        lang,
                        counts,
                        finished=True,
                        transcript=text if keep else None,
                    )
                    await tx.observations.save(stored, now)
                    gt = self.ctx.texts_for(None, channel)
                    shared = replace(
                        observer_card(counts, skill, gt),
                        fields=(Field(gt("observe.helper"), seen.helper, untrusted=True),),
                    )
                    notices = (self._in_space(group, shared, gt),)
                    ids = tuple(
                        await tx.outbox.add(
                            notices, kind="observer", now=now, local_date=group.local_date
                        )
                    )
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(cards=(replace(card, private=True),), notices=notices, outbox=ids)
