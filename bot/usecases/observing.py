"""The automatic observer in a round (``bot.observer``): a pasted role-play, or the practice
space read live once every member of the group agreed.

- ``/practice observe``: a form to paste a written role-play; the tally card goes to the
  member, and, when they are in a group today, to the group's practice space as an extra
  feedback item (and into the helper's feedback view).
- ``/practice observe live``: asks the group, in its space, whether ballback may read it;
  each member answers once per round (the asker agrees by asking). ``/practice observe off``
  (or the "No" button) stops it for the whole group. Until everyone agreed nothing is read.
- What is heard in the space while reading is on (the adapters pass it on): the helper's
  turns are labelled and counted, the other's last message is kept as context only; at
  ``/practice done`` the card is posted and the context dropped.

Only counts are stored (``bot.model.Observation``); a pasted transcript is kept only when
the member ticks "keep it with our feedback".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from bot.messages import Action, Card, Choice, Field, Form, FormField, Notice, Reply, Tone
from bot.model import HELPER, Actor, Group, Observation, Place
from bot.ports import Tx
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.round_base import RoundsBase

if TYPE_CHECKING:  # the rules are compiled on first use (bot.observer), not at import
    from bot.observer.tally import Tally

OBSERVE_FORM = "observe"
TRANSCRIPT, HELPER_NAME, KEEP = "T", "H", "K"
LIVE_WORDS = ("live", "on", "aan")
OFF_WORDS = ("off", "uit", "stop")
CONTEXT_KEPT = 2000  # characters of the other's last message kept as context while live
#: The figures a ``Tally`` is rebuilt from, next to the label counts.
FIGURES = ("helper_turns", "quiet_turns", "helper_words", "all_words")


def tally_of_counts(counts: Mapping[str, int]) -> Tally:
    """The ``Tally`` the stored counts stand for."""
    from bot.observer.labels import LABELS
    from bot.observer.tally import Tally

    return Tally(
        counts={label: int(counts.get(label, 0)) for label in LABELS},
        **{name: int(counts.get(name, 0)) for name in FIGURES},
    )


def counts_of_tally(tally: Tally) -> dict[str, int]:
    """What is stored of a ``Tally``: its label counts and figures, nothing written."""
    from bot.observer.labels import LABELS

    stored = {label: int(tally.counts[label]) for label in LABELS}
    stored.update({name: int(getattr(tally, name)) for name in FIGURES})
    return stored


def observer_card(counts: Mapping[str, int], skill_id: str | None, t: Texts) -> Card:
    """The tally card in ``t``'s language: the moves seen and one line of feed-forward for
    the day's skill. It holds counts and ballback's own words only."""
    from bot.observer.card import tally_lines
    from bot.observer.feedforward import feed_forward

    tally = tally_of_counts(counts)
    title, *lines = tally_lines(tally, feed_forward(tally, skill_id), t)
    return Card(title=title, body="\n".join(lines))


def guess_language(text: str, default: str) -> str:
    """ "nl" or "en" by the commonest function words of each; ``default`` on a tie."""
    words = text.casefold().split()
    dutch = sum(w in _DUTCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if dutch > english:
        return "nl"
    if english > dutch:
        return "en"
    return default


_DUTCH_WORDS = (
    "de het een en ik je jij u wat hoe is niet dat van op voor met zijn ook maar als er nog"
    " wel toen heb hebt heeft kun kan wil waarom"
)
_ENGLISH_WORDS = (
    "the a an and i you what how is not that of on for with are also but if there still then"
    " have has can could would why do did"
)
_DUTCH = frozenset(_DUTCH_WORDS.split())
_ENGLISH = frozenset(_ENGLISH_WORDS.split())


class ObserveWork(RoundsBase):
    """``/practice observe``: the pasted role-play, and live reading with consent."""

    # ------------------------------------------------------------------ pasted role-play

    async def observe(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """``observe``: the paste form; ``observe live``: ask the group to let ballback read
        its space; ``observe off``: stop that for the group."""
        word = text.strip().casefold()
        if word in LIVE_WORDS:
            return await self.consent(actor, place, agreed=True, ask=True)
        if word in OFF_WORDS:
            return await self.consent(actor, place, agreed=False)
        if word:
            return self.ctx.refusal("error.observe_usage")
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

    # ------------------------------------------------------------------ live reading

    async def consent(
        self,
        actor: Actor,
        place: Place,
        *,
        agreed: bool,
        group_id: int | None = None,
        ask: bool = False,
    ) -> Reply:
        """The member's answer to live reading of their group's space (once per round; a
        "no" stops it for the group). With ``ask`` the others are asked in the space."""
        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, for_update=True
                )
                if group.id is None or group.role_of(member.ref) is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if not self.ctx.live_reading(group.place.platform):
                    raise Refused({"": t("observe.live_off")})
                earlier = await tx.observations.answers(group.id)
                if member.ref in earlier and earlier[member.ref] == agreed and not ask:
                    raise Refused({"": t("observe.answered")})
                await tx.observations.answer(group.id, member.ref, agreed)
                answers = {**earlier, member.ref: agreed}
                gt = self.ctx.texts_for(None, channel)
                everyone = all(answers.get(s.member) for s in group.seats)
                if not agreed:
                    posted = Card(title=gt("observe.stopped", name=member.display_name))
                elif everyone:
                    posted = Card(title=gt("observe.reading"), body=gt("observe.explain"))
                elif ask:
                    posted = Card(
                        title=gt("observe.ask", name=member.display_name),
                        body=gt("observe.explain"),
                        actions=(
                            Action(f"observe:yes:{group.id}", gt("action.observe_yes")),
                            Action(f"observe:no:{group.id}", gt("action.observe_no")),
                        ),
                    )
                else:
                    posted = Card(title=gt("observe.agreed", name=member.display_name))
                notice = self._in_space(group, posted, gt)
                ids = await tx.outbox.add(
                    [notice], kind="observer", now=now, local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        mine = Card(
            title=t("observe.you_agreed" if agreed else "observe.you_declined"),
            body=t("observe.explain"),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(mine,), notices=(notice,), outbox=ids)

    async def heard(
        self, actor: Actor, place: Place, text: str, *, space: str | None = None
    ) -> bool:
        """A message typed in a practice space (``space``: its ref on the platform; None:
        the member's group today in ``place``, as the console's ``/say``). Read only while
        every member of the group agreed and the round's card is not out yet: the helper's
        turn is labelled and counted, the other's kept as context. True when it was read."""
        from bot.observer.classify import label_turn
        from bot.observer.labels import QUESTION_LABELS
        from bot.observer.segment import words

        now = self.clock.now()
        async with self.store.transaction() as tx:
            group = await self._space_group(tx, actor, place, space)
            if group is None or group.id is None or group.outcome is not None:
                return False
            answers = await tx.observations.answers(group.id)
            if not all(answers.get(s.member) for s in group.seats):
                return False  # without everyone's consent nothing is read
            role = group.role_of(actor.ref)
            if role is None:
                return False
            channel = await self.ctx.channel_in(tx, group.place)
            observed = await tx.observations.get(group.id, group.turn) or Observation(
                group.id, group.turn, "live", channel.language, {}
            )
            if observed.finished or observed.source != "live":
                return False
            counts = dict(observed.counts)
            n = len(words(text.casefold()))
            counts["all_words"] = counts.get("all_words", 0) + n
            context = observed.context
            if role == HELPER:
                lang = guess_language(text, observed.lang)
                labels = label_turn(text, lang, context)  # it reads at most 4,000 characters
                for label in labels:
                    counts[label] = counts.get(label, 0) + 1
                counts["helper_turns"] = counts.get("helper_turns", 0) + 1
                counts["quiet_turns"] = counts.get("quiet_turns", 0) + (
                    not labels & QUESTION_LABELS
                )
                counts["helper_words"] = counts.get("helper_words", 0) + n
            else:
                context = text[-CONTEXT_KEPT:]
            await tx.observations.save(replace(observed, counts=counts, context=context), now)
        return True

    async def say(self, actor: Actor, place: Place, text: str) -> int | None:
        """The console's ``/say``: the member speaks in their group's practice space today.
        The number of that group (None: no group today); what is said is read as ``heard``
        (only with everyone's consent)."""
        async with self.store.transaction() as tx:
            group = await self._space_group(tx, actor, place, None)
        if group is None:
            return None
        await self.heard(actor, place, text)
        return group.number

    async def _space_group(
        self, tx: Tx, actor: Actor, place: Place, space: str | None
    ) -> Group | None:
        if space is not None:
            return await tx.groups.with_space(place.platform, place.workspace, space)
        channel = await self.ctx.channel_in(tx, place)
        return await tx.groups.group_of(place, self.ctx.local_date(channel), actor.ref)

    def _in_space(self, group: Group, card: Card, t: Texts) -> Notice:
        return Notice(
            group.place,
            card,
            group_id=group.id,
            space_members=tuple(s.member for s in group.seats),
            space_title=self._space_title(group, t),
        )


async def finish_live(tx: Tx, group: Group, t: Texts, now: datetime) -> Sequence[Card]:
    """At ``done``: the card of each live observation of the group still open, marked
    finished (its context dropped). Called inside the outcome's transaction."""
    if group.id is None:
        return []
    finished = []
    for observed in await tx.observations.of_group(group.id):
        if observed.finished or observed.source != "live":
            continue
        done = replace(observed, finished=True, context="")
        await tx.observations.save(done, now)
        finished.append(observer_card(done.counts, group.skill_id, t))
    return finished
