"""UI strings: flat ``key: text`` tables per language with ``str.format`` placeholders.

Keys are dotted lower-case names (``help.title``). Placeholders are named (``{name}``); a
literal brace is written twice (``{{``). Every language has exactly the same keys, and each
key has the same placeholders in every language, so a text can never fail to format in one
language only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from string import Formatter

KEY_PATTERN = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class PlaceholderError(ValueError):
    """A UI text that is not a valid ``str.format`` template with named placeholders."""


def placeholders(text: str) -> frozenset[str]:
    """The placeholder names in ``text``; PlaceholderError when the template is invalid."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as exc:
        raise PlaceholderError(f"{exc} (write {{{{ and }}}} for a literal brace)") from None
    names: set[str] = set()
    for _literal, field_name, spec, _conversion in parsed:
        if field_name is None:
            continue
        if not _NAME.match(field_name):
            raise PlaceholderError(
                f"placeholder {{{field_name}}} must be a plain name such as {{name}}"
            )
        if spec and "{" in spec:
            raise PlaceholderError(f"placeholder {{{field_name}}} has a nested placeholder")
        names.add(field_name)
    return frozenset(names)


def format_names(names: frozenset[str]) -> str:
    """Placeholder names for a message: ``{a}, {b}`` or ``none``."""
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"


def check_table(table: object) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Check one language table as read from YAML.

    Returns the valid entries and ``(key, message)`` for each problem ("" as key for the
    table as a whole).
    """
    if not isinstance(table, Mapping):
        return {}, [("", "expected a mapping of UI keys to texts")]
    entries: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for key, text in table.items():
        name = str(key)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.append((name, "a UI key is dotted lower-case, e.g. help.title"))
            continue
        if not isinstance(text, str):
            problems.append((name, "expected a text (put it in quotes)"))
            continue
        if not text.strip():
            problems.append((name, "must not be empty"))
            continue
        try:
            placeholders(text)
        except PlaceholderError as exc:
            problems.append((name, str(exc)))
            continue
        entries[key] = text
    return entries, problems


def compare_tables(
    tables: Mapping[str, Mapping[str, str]],
) -> list[tuple[str, str, str]]:
    """Problems between language tables (name -> key -> text) as ``(name, key, message)``.

    A key missing in one table is reported for that table; a key whose placeholders differ
    from the first table's is reported for the other table.
    """
    problems: list[tuple[str, str, str]] = []
    langs = list(tables)
    for lang in langs:
        for other in langs:
            if other == lang:
                continue
            problems += [
                (lang, key, f"missing (present in {other})")
                for key in tables[other]
                if key not in tables[lang]
            ]
    first, *rest = langs
    for lang in rest:
        for key, text in tables[lang].items():
            if key not in tables[first]:
                continue
            ours, theirs = placeholders(text), placeholders(tables[first][key])
            if ours != theirs:
                problems.append(
                    (
                        lang,
                        key,
                        f"placeholders {format_names(ours)} differ from those in {first}"
                        f" ({format_names(theirs)})",
                    )
                )
    return problems
