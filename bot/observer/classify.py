"""Label one helper turn with the moves it makes (``label_turn``).

A turn is read clause by clause (``segment``); each clause gets its own labels, the turn gets
their union, and then the conventions of the labelling guide apply:

- a proposal wrapped as a question is ``advice_as_question`` and not also open or closed;
- a turn that is only a short invitation to go on is ``minimal_encourager`` and nothing else;
  repeating a few of the other's own words ("froze", "de hele dag?") is one too;
- two or more question clauses make ``stacked_questions`` (each keeps its own label); a short
  echo or clarifier beside a question ("saai? …", "… een collega?") is no question of its own,
  an "or …?" tail counts towards stacking without a label of its own;
- ``earlier_success`` is only given to an open or closed question;
- a rhetorical tag ("…, toch?", "…, haven't you?") after a judgement or counter-evidence makes
  ``correction``, not a question (after anything else it checks a reading or asks), and so
  does echoing the other's word and then contradicting it ("boring? your clients …");
- counter-evidence from the other's own past against their self-doubt is a correction, and so
  is saying back as a fact what they denied of themselves ("you're allowed to complain");
- the check after a snapshot ("klopt dat?") belongs to the snapshot, it is not a question;
- disputing the other's view (``dispute_*``) is a correction: a flat "no" to a claim of
  theirs (to a worry it comforts), a reframe ("that's not nagging, it's advocating"), new
  evidence after a sweeping claim or self-doubt, also held up with a tag or a negative
  question ("didn't you get the highest score?"), or their word asked back and answered with
  evidence ("smarter? you're three weeks in");
- beside a correction, the other's facts said back are its argument, not a snapshot, unless a
  clause says it is a summary ("so …", "klopt dat?").

The other's previous turn is read once (``other.read_other``); questions are labelled in
``asking``.
"""

from __future__ import annotations

from bot.observer.asking import question_labels
from bot.observer.cues import (
    affirms,
    asks_view,
    counters,
    denies,
    opens_summary,
    restates,
    says_summary,
)
from bot.observer.labels import (
    ADVICE,
    ADVICE_AS_QUESTION,
    CLOSED_QUESTION,
    CORRECTION,
    EARLIER_SUCCESS,
    MINIMAL_ENCOURAGER,
    OPEN_QUESTION,
    OWN_STORY,
    REASSURANCE,
    SNAPSHOT,
    STACKED_QUESTIONS,
    TIME_FRAME,
)
from bot.observer.mirror import (
    MIRROR_WORDS,
    contradicts,
    echo,
    fact_list,
    mirrors,
    news,
    said_here,
)
from bot.observer.other import Other, read_other
from bot.observer.roles import (
    EDGES,
    ENCOURAGER_WORDS,
    QUESTION_KINDS,
    Reading,
    clause_role,
    encourager,
    make_closed,
)
from bot.observer.rules import Rules, rules_for
from bot.observer.segment import Clause, clauses, is_question, normalise, strip_fillers, words


def label_turn(text: str, lang: str, context: str = "") -> frozenset[str]:
    """The labels of the helper's turn ``text`` in ``lang`` ("nl" or "en"); ``context`` is the
    other's previous turn (it helps to see snapshots and echoes). Never raises on any ``str``;
    ValueError for a language other than "nl" or "en"."""
    rules = rules_for(lang)
    if not isinstance(text, str):
        return frozenset()
    found = clauses(normalise(text, rules), rules)
    if not found:
        return frozenset()
    context = context if isinstance(context, str) else ""
    other = read_other(context, rules)
    seen, doubt = other.seen, other.doubt
    readings = [Reading(c, is_question(c, rules), echo(c, rules, seen)) for c in found]
    if encourager(readings, rules) and not affirms(said_turn(found), rules, doubt.denied):
        return frozenset({MINIMAL_ENCOURAGER})
    per_clause: list[set[str]] = []
    questions = 0
    previous: set[str] | None = None
    for index, reading in enumerate(readings):
        after = readings[index + 1] if index + 1 < len(readings) else None
        before = readings[index - 1] if index > 0 else None
        role = clause_role(reading, before, after, rules)
        if role == "skip":
            own: set[str] = set()
        elif role == "option":
            own = set()
            make_closed(per_clause)  # "how did that feel? embarrassing? or relief?"
        elif role in ("tail", "lead"):
            own = set()
            questions += 1
        else:
            backed = any(counters(r.clause.text, rules) for r in readings[:index])
            own = _clause_labels(reading, rules, other, index, previous, backed)
            if (
                before is not None
                and before.echo
                and before.asks
                and not reading.asks
                # "de hele nacht? dat klinkt uitputtend": the echo leads into a summary
                and not (
                    (REASSURANCE in own or says_summary(reading.clause.text))
                    and not counters(reading.clause.text, rules)
                )
            ):
                own.discard(SNAPSHOT)
                own.add(CORRECTION)  # "boring? your clients keep coming back for years"
            elif (
                before is not None
                and before.asks
                and not reading.asks
                and index == 1
                and doubt.doubts
                and len(words(before.clause.text)) <= _CHALLENGE_WORDS
                and mirrors(before.clause.text, rules, seen, least=1)
                and (CORRECTION in own or news(reading.clause.text, rules, seen))
            ):
                # "smarter, or just been there longer? you're three weeks in": their word asked
                # back, then the evidence against it: one correction, no question
                own = {CORRECTION}
                if per_clause[-1] & QUESTION_KINDS:
                    questions -= 1
                per_clause[-1] = set()
            elif (
                not reading.asks
                and previous is not None
                and CORRECTION in previous
                and own == {SNAPSHOT}
            ):
                own = set()  # "you're not a bad teacher, your class loves you": its argument
            elif (
                reading.asks
                and previous is not None
                and SNAPSHOT in previous
                and own == {CLOSED_QUESTION}
                and not rules.closed_start.match(reading.clause.core)
            ):
                own = {SNAPSHOT}  # "… and you're stuck in the middle?": the summary goes on
        if (
            per_clause
            and per_clause[-1] == {SNAPSHOT}
            and before is not None
            and before.asks
            and rules.alternative.match(reading.clause.text)
        ):
            # "you always feel awful afterwards? or only sometimes": options make it a question
            per_clause[-1] = {CLOSED_QUESTION}
            questions += 1
        if own & QUESTION_KINDS:
            questions += 1
        per_clause.append(own)
        previous = own
    labels = set().union(*per_clause)
    if (
        CORRECTION in labels
        and SNAPSHOT in labels
        and not any(
            SNAPSHOT in own and _explicit_summary(r.clause, rules)
            for own, r in zip(per_clause, readings, strict=True)
        )
    ):
        # "zacht is geen zwakte. patiënten vragen juist naar jou": the other's facts said back
        # beside a correction are its argument; only a summary that says so stays one
        labels.discard(SNAPSHOT)
    if ADVICE_AS_QUESTION in labels:
        # The proposal takes over: the turn's other questions only count towards stacking.
        labels -= {OPEN_QUESTION, CLOSED_QUESTION, EARLIER_SUCCESS}
    if questions >= 2 and labels & QUESTION_KINDS:
        labels.add(STACKED_QUESTIONS)
    return frozenset(labels)


def said_turn(found: list[Clause]) -> str:
    """The turn's clauses as one text ("you're allowed to say no")."""
    return " ".join(c.text for c in found)


def _clause_labels(
    reading: Reading,
    rules: Rules,
    other: Other,
    index: int,
    previous: set[str] | None,
    backed: bool = False,
) -> set[str]:
    """The labels of one clause; a stretch of time inside a correction is the other's past
    held up against them ("you calmed her in five minutes, remember?"), no time frame."""
    labels = _clause_labels_of(reading, rules, other, index, previous, backed)
    if (
        other.worried
        and not reading.asks
        and labels <= {CORRECTION}
        and said_here(rules.comfort.search(reading.clause.text), other.seen)
    ):
        labels.add(REASSURANCE)  # "whatever it shows, we'll go through it together"
    if (
        CORRECTION in labels
        and TIME_FRAME in labels
        and not rules.time_frame.search(reading.clause.text)
    ):
        labels.discard(TIME_FRAME)
    return labels


def _clause_labels_of(
    reading: Reading,
    rules: Rules,
    other: Other,
    index: int,
    previous: set[str] | None,
    backed: bool = False,
) -> set[str]:
    """The labels of one clause; ``previous`` holds the labels of the clause before it,
    ``backed`` whether a clause before it held up counter-evidence."""
    seen, timed, denied, doubt = other.seen, other.timed, other.denied, other.doubt
    clause = reading.clause
    text, core = clause.text, clause.core
    labels: set[str] = set()
    if rules.own_story.search(text):
        labels.add(OWN_STORY)
    if said_here(rules.reassurance.search(text), seen):
        labels.add(REASSURANCE)
    if (
        rules.correction.search(text)
        or (denied is not None and not reading.asks and denies(text, rules, seen, denied))
        # "nope", "lol no" after a claim of the other's (after a question it answers)
        or (other.claimed and _flat_denial(text, rules))
        # "that's not nagging, it's advocating": a statement that reframes their view
        or (not reading.asks and rules.reframe.search(text))
    ):
        labels.add(CORRECTION)
    elif not reading.asks and OWN_STORY not in labels and contradicts(text, rules, doubt, seen):
        labels.add(CORRECTION)  # "you already supervised two interns" after "i'm not ready"
    heard = frozenset() if timed else seen
    # A stretch of time in the helper's own story, or in the other's past held up against
    # them, is the story's ("i talked for 50 minutes", "you calmed her in five minutes").
    if said_here(rules.time_frame.search(text), heard) or (
        said_here(rules.duration.search(text), heard)
        and (timed or rules.time_cue.search(text))
        and not labels & {OWN_STORY, CORRECTION}
    ):
        labels.add(TIME_FRAME)
    opener = (
        opens_summary(text, rules)
        or opens_summary(core, rules)
        or bool(rules.snapshot_tail.search(text))
    )
    if rules.snapshot_check.match(core.strip(EDGES)) and previous is not None and index > 0:
        # "Klopt dat?", "right?": the check of a summary. After a plain statement that
        # statement was the summary; after anything else it asks nothing of its own.
        if not previous & _NOT_SUMMARY:
            labels.add(SNAPSHOT)
        return labels
    tag = rules.rhetorical_tag.search(text.rstrip(EDGES))
    # Without a question mark only a tag after a comma counts ("…, toch"): "… is right" is none.
    tagged = tag is not None and (clause.question_mark or tag.group(0).startswith(","))
    if reading.asks and rules.rhetorical_question.search(core) and not asks_view(core):
        labels.add(CORRECTION)  # "says who?", "hoe had je dat moeten weten?": no question
        return labels
    # A tag only judges after a judgement or counter-evidence ("you've had worse days, haven't
    # you?"); "that's annoying, right" or "you don't have to decide today, right?" judge nothing.
    # New facts after a claim of the other's ("you ran the ward for six weeks, remember?").
    evidence = doubt.doubts and news(text, rules, seen)
    countered = tagged and (
        CORRECTION in labels
        or backed
        or counters(text, rules)
        or rules.verdict.search(text)
        or evidence
        or rules.reframe.search(text)
    )
    if reading.asks and evidence and rules.negative_question.match(core):
        labels.add(CORRECTION)  # "didn't you get the highest score on the sim day?"
        return labels
    if reading.asks:
        labels |= question_labels(clause, rules, seen, opener, tagged, countered)
        return labels
    verdict = rules.verdict.search(text) is not None
    # "you say that every time and then you pass, right?": the other's success outweighs it
    succeeds = rules.success.search(text) is not None
    if (
        tagged
        and opener
        and says_summary(text)
        and not (verdict or succeeds)
        and not labels & _NOT_MIRROR
    ):
        labels.add(SNAPSHOT)  # "dus je bent moe, toch?" checks a summary
        return labels
    if countered:
        labels.add(CORRECTION)  # "je hebt wel zwaardere dagen gehad, toch?"
        return labels
    if reading.echo and len(words(text)) <= ENCOURAGER_WORDS - 2:
        # "since the party. what happened there?": a lead-in, no summary; "je klapte dicht.
        # wat gebeurde er daarna?": the other's own act, said back to them, is one
        if index > 0 or len(words(text)) < 3 or not restates(text) or labels:
            return labels
        labels.add(SNAPSHOT)
        return labels
    if mirrors(text, rules, seen, strong=True) and not labels & _NOT_MIRROR:
        labels.add(SNAPSHOT)  # "you have to call her tomorrow": her own words, not advice
    elif opener and rules.verdict.search(text) and not labels & _NOT_MIRROR:
        # "so basically you just let her walk all over you": a verdict, not advice or summary
        labels.add(CORRECTION)
    elif (
        rules.advice.search(text)
        or rules.imperative.match(core)
        or rules.imperative.match(text)  # a verb read as a filler: "zeg morgen gewoon dat …"
    ):
        # "let's keep 5 minutes for wrapping up": the time; "wees niet zo hard voor jezelf":
        # telling the other their view of themselves is wrong is a correction, not advice
        if not labels & {TIME_FRAME, CORRECTION}:
            labels.add(ADVICE)
    elif (
        opener
        or mirrors(text, rules, seen)
        or mirrors(text, rules, seen, least=MIRROR_WORDS + 1)
        or (restates(text) and mirrors(text, rules, seen, least=1))
        or fact_list(text, rules, seen)
    ) and not labels & _NOT_MIRROR:
        # "so basically you just let her walk all over you": a verdict, not a summary
        labels.add(CORRECTION if rules.verdict.search(text) else SNAPSHOT)
    return labels


def _explicit_summary(clause: Clause, rules: Rules) -> bool:
    """Whether a clause says it is a summary ("so …", "dus …", "als ik je goed hoor") or is
    the check after one ("klopt dat?")."""
    text = strip_fillers(clause.text, rules)
    return says_summary(text) or bool(rules.snapshot_check.match(clause.core.strip(EDGES)))


def _flat_denial(text: str, rules: Rules) -> bool:
    """Whether a clause is, or opens with, a flat denial ("nope", "echt niet, niemand let …")."""
    return rules.flat_denial.match(text.split(",", 1)[0].strip(EDGES)) is not None


#: A question of at most this many words can ask the other's word back as a challenge.
_CHALLENGE_WORDS = 7

# A statement with these labels is no neutral summary, whatever words it repeats.
_NOT_MIRROR = frozenset({CORRECTION, REASSURANCE, OWN_STORY, TIME_FRAME})

# A clause with these labels is no summary, so a check after it ("right?") is not a snapshot's.
_NOT_SUMMARY = frozenset(
    {ADVICE, ADVICE_AS_QUESTION, OPEN_QUESTION, CLOSED_QUESTION, REASSURANCE, CORRECTION}
)
