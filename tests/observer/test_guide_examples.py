"""The labelling guide's examples as tests (issue 13): every ``- ex:`` line of
``eval/observer/GUIDE.en.md`` and ``GUIDE.nl.md``, with its context line, gets exactly the
labels the guide gives it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.observer.classify import label_turn

GUIDES = Path(__file__).resolve().parents[2] / "eval" / "observer"
EXAMPLE = re.compile(r"- ex: «(?P<text>.*)» → (?P<labels>.+)$")
CONTEXT = re.compile(r"\s+context: «(?P<context>.*)»\s*$")


def examples(name: str, lang: str) -> list[tuple[str, str, str, frozenset[str]]]:
    """(language, context, text, labels) of each example outside code fences."""
    found: list[tuple[str, str, str, frozenset[str]]] = []
    fenced = False
    for line in (GUIDES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if (example := EXAMPLE.match(line)) is not None:
            raw = example["labels"].strip()
            labels = frozenset() if raw == "none" else frozenset(x.strip() for x in raw.split(","))
            found.append((lang, "", example["text"], labels))
        elif (context := CONTEXT.match(line)) is not None and found:
            lang_, _, text, labels = found[-1]
            found[-1] = (lang_, context["context"], text, labels)
    return found


CASES = examples("GUIDE.en.md", "en") + examples("GUIDE.nl.md", "nl")


def test_the_guides_have_their_examples() -> None:
    assert sum(lang == "en" for lang, *_ in CASES) >= 40
    assert sum(lang == "nl" for lang, *_ in CASES) >= 40


@pytest.mark.parametrize(
    ("lang", "context", "text", "labels"), CASES, ids=[f"{c[0]}-{c[2][:40]}" for c in CASES]
)
def test_a_guide_example(lang: str, context: str, text: str, labels: frozenset[str]) -> None:
    assert label_turn(text, lang, context) == labels
