"""The one form engine: per-field checks, label ↔ id, and what a prompt says up front."""

from __future__ import annotations

import pytest

from bot.forms import accepts, check_answer, choice_id, clean_answers
from bot.messages import Choice, Form, FormField
from bot.texts import Texts
from content import load_catalog

CATALOG = load_catalog()
STEPPED = FormField(id="load", label="Load", kind="scale", minimum=10, maximum=100, step=10)
PICK = FormField(
    id="who", label="Who", kind="choice", choices=(Choice("me", "Me"), Choice("you", "You"))
)
NOTE = FormField(id="note", label="Note", kind="text", max_length=300, required=False)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_step_is_said_in_the_prompt_and_in_the_refusal(lang: str) -> None:
    t = Texts(CATALOG, lang)
    assert "10" in accepts(STEPPED, t) and "100" in accepts(STEPPED, t)
    assert ("steps of 10" if lang == "en" else "stappen van 10") in accepts(STEPPED, t)
    value, problem = check_answer(STEPPED, "15", t)
    assert value == "" and problem is not None and problem.field_id == "load"
    assert ("steps of 10" if lang == "en" else "stappen van 10") in problem.message
    assert check_answer(STEPPED, " 20 ", t) == ("20", None)


def test_a_choice_is_given_by_id_label_or_number() -> None:
    t = Texts(CATALOG, "en")
    for typed in ("you", "YOU", " You ", "2"):
        assert choice_id(PICK, typed) == "you"
        assert check_answer(PICK, typed, t) == ("you", None)
    for typed in ("3", "0", "²", "them"):
        assert choice_id(PICK, typed) is None
        assert check_answer(PICK, typed, t)[1] is not None


def test_an_optional_field_left_empty_is_no_problem_and_is_dropped() -> None:
    t = Texts(CATALOG, "en")
    assert check_answer(NOTE, "   ", t) == ("", None)
    assert "300" in accepts(NOTE, t)
    form = Form(id="f", title="F", fields=(PICK, NOTE))
    cleaned, problems = clean_answers(form, {"who": "Me", "note": ""}, t)
    assert cleaned == {"who": "me"} and problems == []


def test_a_text_answer_is_capped_at_what_every_platform_accepts() -> None:
    # Slack's plain_text_input takes at most 3,000 characters (Discord 4,000): a limit above
    # Slack's would let Discord and console members write what a Slack member cannot.
    from adapters.slack.render import form_view
    from bot.forms import daily_reflection_form
    from content.limits import MAX_TEXT_INPUT

    assert MAX_TEXT_INPUT == 3000
    t = Texts(CATALOG, "en")
    form = daily_reflection_form(CATALOG, CATALOG.skill_ids[0], "en")
    first = form.fields[0]
    assert check_answer(first, "x" * 3000, t) == ("x" * 3000, None)
    assert check_answer(first, "x" * 3001, t)[1] is not None
    inputs = [b["element"] for b in form_view(form, {})["blocks"] if b["type"] == "input"]
    assert [e.get("max_length") for e in inputs if e["type"] == "plain_text_input"] == [
        f.max_length for f in form.fields if f.kind == "text"
    ]


def test_the_daily_reflection_ends_with_the_habit_of_the_week() -> None:
    from bot.forms import daily_reflection_form

    for habit in CATALOG.habits:
        form = daily_reflection_form(CATALOG, CATALOG.skill_ids[0], "nl", habit.id)
        last = form.fields[-1]
        assert (last.id, last.required) == ("R5", False)
        assert last.hint == habit.reflection_prompt.nl
    # A habit a pack no longer has keeps the default question rather than failing.
    form = daily_reflection_form(CATALOG, CATALOG.skill_ids[0], "en", "h-gone")
    assert form.fields[-1].id == "R5"
