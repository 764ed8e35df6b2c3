"""Plurals in UI texts: ``{n|dag|dagen}`` is the word for the number in ``n``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from content import Catalog, ContentError, check_pack, load_catalog
from content.ui import (
    PlaceholderError,
    check_table,
    compare_tables,
    placeholders,
    plural_names,
    render,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    ("n", "nl", "en"), [(1, "1 dag", "1 day"), (0, "0 dagen", "0 days"), (2, "2 dagen", "2 days")]
)
def test_the_form_follows_the_number_in_both_languages(
    catalog: Catalog, n: int, nl: str, en: str
) -> None:
    assert catalog.text("streak.days", "nl", n=n) == nl
    assert catalog.text("streak.days", "en", n=n) == en


def test_shipped_texts_read_as_sentences(catalog: Catalog) -> None:
    assert (
        catalog.text("streak.forgiven", "en", n=1)
        == "Forgiven (up to 1 missed practice day a week)"
    )
    assert (
        catalog.text("streak.forgiven", "nl", n=2) == "Vergeven (tot 2 gemiste oefendagen per week)"
    )
    assert catalog.text("report.joined_value", "en", joins=1, members=1) == "1 time, by 1 member"
    assert (
        catalog.text("report.joined_value", "nl", joins=3, members=2) == "3 keer, door 2 deelnemers"
    )
    assert "pauzes, 1 reflectie, je" in catalog.text("export.body", "nl", count=1)
    assert "pauses, 0 reflections, your" in catalog.text("export.body", "en", count=0)


def test_render() -> None:
    assert render("{n|day|days}", {"n": 1}) == "day"  # the word only: the number is {n}
    assert render("{n} {n|day|days}", {"n": -1}) == "-1 days"
    assert render("{a} {a|x|xs}, {b} {b|y|ys}", {"a": 1, "b": 5}) == "1 x, 5 ys"
    assert render("{n|1:1|n!}", {"n": 2}) == "n!"  # ':' and '!' are plain text in a form
    assert render("plain {x}", {"x": "y"}) == "plain y"
    assert render("a|b {x}", {"x": "y"}) == "a|b y"
    assert render("{x:|^5}", {"x": "a"}) == "||a||"  # '|' as a fill character stays one
    assert placeholders("{x:|^5} {x!s:|<2}") == {"x"}


def test_doubled_braces_stay_literal() -> None:
    assert render("{{n|a|b}}", {}) == "{n|a|b}"
    assert render("{{{n|a|b}}}", {"n": 2}) == "{b}"
    assert placeholders("{{n|a|b}}") == frozenset()
    assert placeholders("{{{n|a|b}}}") == {"n"}


def test_a_plural_counts_as_a_use_of_its_parameter() -> None:
    assert placeholders("{n|dag|dagen}") == {"n"}
    assert placeholders("{count} by {members} {members|member|members}") == {"count", "members"}
    assert plural_names("{count} by {members} {members|member|members}") == {"members"}
    assert compare_tables({"nl": {"a.b": "{n} keer"}, "en": {"a.b": "{n|time|times}"}}) == []
    assert compare_tables({"nl": {"a.b": "{m|dag|dagen}"}, "en": {"a.b": "{n} days"}}) == [
        ("en", "a.b", "placeholders {n} differ from those in nl ({m})")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{n|dag}",
            "plural {n|dag} must be {name|one|other}, e.g. {n|day|days}: a parameter"
            " name and two forms (got 1 form)",
        ),
        (
            "{n|a|b|c}",
            "plural {n|a|b|c} must be {name|one|other}, e.g. {n|day|days}: a parameter"
            " name and two forms (got 3 forms)",
        ),
        ("{|dag|dagen}", "plural {|dag|dagen} has no parameter name"),
        ("{1|dag|dagen}", "plural {1|dag|dagen}: '1' is not a parameter name"),
        ("{n.x|a|b}", "plural {n.x|a|b}: 'n.x' is not a parameter name"),
        ("{ n|a|b}", "plural { n|a|b}: ' n' is not a parameter name"),
        ("{n|dag| }", "plural {n|dag| } has an empty form"),
        ("{n||s}", "plural {n||s} has an empty form"),
        ("{n|dag|{n} dagen}", "unexpected '{' in field name: a plural {name|one|other}"),
        ("{n:>{w}|a|b}", "placeholder {n} has a nested placeholder"),
    ],
)
def test_a_malformed_plural_is_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(PlaceholderError) as caught:
        placeholders(text)
    assert str(caught.value).startswith(message)
    entries, problems = check_table({"streak.days": text})
    assert entries == {}
    assert problems == [("streak.days", str(caught.value))]


@pytest.mark.parametrize("value", ["3", 1.0, 1.5, True, None])
def test_a_plural_of_something_else_than_a_whole_number_is_a_caller_bug(value: object) -> None:
    with pytest.raises(TypeError, match=r"plural \{n\|dag\|dagen\} needs a whole number for 'n'"):
        render("{n|dag|dagen}", {"n": value})


def test_a_plural_without_its_parameter_is_a_caller_bug(catalog: Catalog) -> None:
    with pytest.raises(KeyError, match=re.escape("plural {n|dag|dagen} needs the parameter 'n'")):
        render("{n|dag|dagen}", {})
    with pytest.raises(KeyError):
        catalog.text("streak.days", "nl")


# --- content check of a custom pack -------------------------------------------------------------


def _pack(tmp_path: Path, lang: str, texts: dict[str, str]) -> Path:
    path = tmp_path / "ui" / f"{lang}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    return tmp_path


def _problems(pack: Path) -> list[str]:
    found = [str(p) for p in check_pack(pack)]
    with pytest.raises(ContentError):
        load_catalog(pack)
    return found


def test_pack_with_a_malformed_plural(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "nl", {"streak.days": "{n} {n|dag}"})
    assert _problems(pack) == [
        "ui/nl.yaml: streak.days: plural {n|dag} must be {name|one|other}, e.g. {n|day|days}:"
        " a parameter name and two forms (got 1 form)"
    ]


def test_pack_plural_of_a_missing_parameter(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "nl", {"streak.days": "{n} {m|dag|dagen}"})
    assert _problems(pack) == [
        "ui/nl.yaml: streak.days: placeholders {m}, {n} differ from the shipped text's ({n})"
    ]


def test_pack_plural_of_a_parameter_that_is_no_number(tmp_path: Path) -> None:
    # {value} is a list of words: a plural for it would fail at run time, so it fails here
    text = "Onbekend {value|beroep|beroepen}: {value}. Kies uit: {known} (of all)."
    pack = _pack(tmp_path, "nl", {"error.bad_profession": text})
    assert _problems(pack) == [
        "ui/nl.yaml: error.bad_profession: a plural needs a number, and {value} is not one the"
        " shipped texts count (they count none)"
    ]


def test_pack_may_write_plurals_for_counted_parameters(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        "en",
        {
            "streak.days": "{n|one day|several days}",
            "report.joined_value": "{joins|once|more than once}, {members} {members|person|people}",
        },
    )
    assert check_pack(pack) == []
    custom = load_catalog(pack)
    assert custom.text("streak.days", "en", n=1) == "one day"
    assert custom.text("streak.days", "en", n=4) == "several days"
    assert custom.text("report.joined_value", "en", joins=1, members=2) == "once, 2 people"
    assert (
        custom.text("report.joined_value", "nl", joins=1, members=1) == "1 keer, door 1 deelnemer"
    )
