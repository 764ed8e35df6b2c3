"""Every text of the shipped pack is shown to a member somewhere, or is marked as an authors'
note (``AUTHORS_NOTES`` on its schema model): nothing is written and then never read
(issue 11, item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pydantic import BaseModel

from bot.cards import WeekAhead, nudge_card, role_brief, scenario_cards
from bot.forms import (
    daily_reflection_form,
    feedback_form,
    monthly_reflection_form,
    weekly_reflection_form,
)
from bot.messages import Card, Form
from bot.model import BRINGER, HELPER, OBSERVER, DailyPick, Place
from content import load_catalog
from content.schema import L10n

CATALOG = load_catalog()
PLACE = Place("console", "local", "team")


def card_text(card: Card) -> str:
    return "\n".join([card.title, card.body, *(f"{f.label}\n{f.value}" for f in card.fields)])


def form_text(form: Form) -> str:
    lines = [form.title, form.intro]
    for f in form.fields:
        lines += [f.label, f.hint, *(c.label for c in f.choices)]
    return "\n".join(lines)


def shown(lang: str) -> str:
    """Everything the cards and forms can show, over every skill, scenario, level, habit and
    day of the week's ideas."""
    texts: list[str] = []
    day = date(2026, 12, 7)
    habits = [h.id for h in CATALOG.habits]
    # Every scenario on its own skill's day, and two with other primary skills on every day
    # (a skill's own helper focus shows when the day's case was written for another skill).
    hosts = {
        CATALOG.scenarios[0].id,
        next(
            s.id for s in CATALOG.scenarios if s.primary_skill != CATALOG.scenarios[0].primary_skill
        ),
    }
    for scenario in CATALOG.scenarios:
        for skill in CATALOG.skill_ids:
            if skill != scenario.primary_skill and scenario.id not in hosts:
                continue
            pick = DailyPick(PLACE, day, skill, scenario.id, habits[0], 0)
            texts.append(card_text(nudge_card(CATALOG, pick, lang)))
            texts += [card_text(c) for c in scenario_cards(CATALOG, pick, lang)]
            for role in (HELPER, BRINGER, OBSERVER):
                for level in (1, 2, 3):
                    texts.append(card_text(role_brief(CATALOG, pick, role, lang, level)))
    first = DailyPick(PLACE, day, CATALOG.skill_ids[0], CATALOG.scenarios[0].id, habits[0], 0)
    for offset in range(len(CATALOG.features)):  # the ideas of chapter 1 take turns by day
        later = replace(first, local_date=day + timedelta(days=offset))
        texts.append(card_text(role_brief(CATALOG, later, HELPER, lang, 2)))
    for habit in habits:
        week = WeekAhead(CATALOG.skill_ids, tuple(habits))
        texts.append(card_text(nudge_card(CATALOG, replace(first, habit_id=habit), lang, week)))
    for skill in CATALOG.skill_ids:
        for form_id in CATALOG.form_sequence:
            texts.append(form_text(feedback_form(CATALOG, form_id, skill, lang, form_id)))
        for habit in (*habits, None):
            texts.append(form_text(daily_reflection_form(CATALOG, skill, lang, habit)))
    texts.append(form_text(weekly_reflection_form(CATALOG, lang)))
    texts.append(form_text(monthly_reflection_form(CATALOG, lang)))
    return "\n".join(texts)


def written(model: object, path: str) -> Iterator[tuple[str, L10n]]:
    """Every text in ``model`` with its path, leaving out the authors' notes."""
    if isinstance(model, L10n):
        yield path, model
        return
    if isinstance(model, tuple):
        for index, item in enumerate(model):
            yield from written(item, f"{path}[{index}]")
        return
    if not isinstance(model, BaseModel):
        return
    notes = getattr(type(model), "AUTHORS_NOTES", frozenset())
    for name in type(model).model_fields:
        if name not in notes:
            yield from written(getattr(model, name), f"{path}.{name}")


def shipped() -> Iterator[tuple[str, L10n]]:
    for skill in CATALOG.skills:
        yield from written(skill, f"skill {skill.id}")
    for habit in CATALOG.habits:
        yield from written(habit, f"habit {habit.id}")
    for feature in CATALOG.features:
        yield from written(feature, f"feature {feature.id}")
    for scenario in CATALOG.scenarios:
        yield from written(scenario, f"scenario {scenario.id}")
    for form in CATALOG.forms.values():
        yield from written(form, f"form {form.id}")
    for reflection_set in CATALOG.reflection_sets.values():
        yield from written(reflection_set, f"reflection set {reflection_set.id}")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_shipped_text_is_shown_or_an_authors_note(lang: str) -> None:
    everything = shown(lang)
    never = [path for path, text in shipped() if text.get(lang)[:60] not in everything]
    assert never == []
