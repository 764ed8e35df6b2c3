"""UI strings: flat ``key: text`` tables per language with ``str.format`` placeholders.

Keys are dotted lower-case names (``help.title``). Placeholders are named (``{name}``); a
literal brace is written twice (``{{``). Every language has exactly the same keys, and each
key has the same placeholders in every language, so a text can never fail to format in one
language only.

A plural is written ``{n|day|days}``: the parameter's name, the form for exactly one and the
form for any other number, separated by ``|``. It stands for the word only; the number is
written with its own ``{n}`` where wanted: ``"{n} {n|dag|dagen}"`` gives "1 dag", "3 dagen".
A plural counts as a use of its parameter. ``|`` never occurs in a ``str.format`` field name
(only after its ``:`` or ``!``, which a plural's name cannot hold), and inside ``{{ }}`` it is
literal text, so the syntax cannot clash with either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from string import Formatter

KEY_PATTERN = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# A doubled brace (literal, skipped so that ``{{n|a|b}}`` stays text) or a plural field: braces
# around text holding a ``|`` and no other brace, with no ``:`` or ``!`` before the first ``|``
# (so ``{x:|^9}``, ``|`` as a fill character, stays a str.format field). Scanning from the
# left, as str.format does.
_PLURAL_OR_BRACES = re.compile(r"\{\{|\}\}|\{([^{}:!|]*\|[^{}]*)\}")
_PLURAL_SHAPE = "{name|one|other}, e.g. {n|day|days}"
_BROKEN_PLURAL = re.compile(r"\{[^{}:!|]*\|")


class PlaceholderError(ValueError):
    """A UI text that is not a valid ``str.format`` template with named placeholders."""


def _plural_parts(inner: str) -> tuple[str, str, str]:
    """``name, one, other`` of the plural ``{inner}``; PlaceholderError when malformed."""
    parts = inner.split("|")
    if len(parts) != 3:
        raise PlaceholderError(
            f"plural {{{inner}}} must be {_PLURAL_SHAPE}: a parameter name and two forms"
            f" (got {len(parts) - 1} form{'' if len(parts) == 2 else 's'})"
        )
    name, one, other = parts
    if not name:
        raise PlaceholderError(f"plural {{{inner}}} has no parameter name; write {_PLURAL_SHAPE}")
    if not _NAME.match(name):
        raise PlaceholderError(
            f"plural {{{inner}}}: {name!r} is not a parameter name; write {_PLURAL_SHAPE}"
        )
    if not one.strip() or not other.strip():
        raise PlaceholderError(f"plural {{{inner}}} has an empty form; write {_PLURAL_SHAPE}")
    return name, one, other


def plurals(text: str) -> tuple[tuple[str, str, str], ...]:
    """``(name, one, other)`` of each plural in ``text``; PlaceholderError when malformed."""
    return tuple(
        _plural_parts(match.group(1))
        for match in _PLURAL_OR_BRACES.finditer(text)
        if match.group(1) is not None
    )


def plural_names(text: str) -> frozenset[str]:
    """The parameters ``text`` writes a plural for; PlaceholderError when one is malformed."""
    return frozenset(name for name, _one, _other in plurals(text))


def placeholders(text: str) -> frozenset[str]:
    """The placeholder names in ``text``; PlaceholderError when the template is invalid.

    The parameter of a plural (``{n|dag|dagen}``) counts as a placeholder.
    """

    def as_field(match: re.Match[str]) -> str:
        inner = match.group(1)
        return match.group(0) if inner is None else f"{{{_plural_parts(inner)[0]}}}"

    plain = _PLURAL_OR_BRACES.sub(as_field, text)
    try:
        parsed = list(Formatter().parse(plain))
    except ValueError as exc:
        if _BROKEN_PLURAL.search(plain):
            raise PlaceholderError(
                f"{exc}: a plural {_PLURAL_SHAPE} holds no braces or placeholders"
                " (write {{ and }} for a literal brace)"
            ) from None
        raise PlaceholderError(f"{exc} (write {{{{ and }}}} for a literal brace)") from None
    names: set[str] = set()
    for _literal, field_name, spec, _conversion in parsed:
        if field_name is None:
            continue
        if "|" in field_name:
            raise PlaceholderError(
                f"plural {{{field_name}}} must be {_PLURAL_SHAPE} and hold no braces or"
                " placeholders"
            )
        if not _NAME.match(field_name):
            raise PlaceholderError(
                f"placeholder {{{field_name}}} must be a plain name such as {{name}}"
            )
        if spec and "{" in spec:
            raise PlaceholderError(f"placeholder {{{field_name}}} has a nested placeholder")
        names.add(field_name)
    return frozenset(names)


def render(text: str, params: Mapping[str, object]) -> str:
    """``text`` with its plurals chosen and its placeholders filled from ``params``.

    A plural takes its first form when its parameter is 1 and its second for any other whole
    number. KeyError for a missing parameter, TypeError when a plural's parameter is not a
    whole number: both are bugs in the caller (the content check refused malformed plurals).
    """
    if "|" not in text:
        return text.format(**params)

    def choose(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner is None:
            return match.group(0)
        name, one, other = _plural_parts(inner)
        if name not in params:
            raise KeyError(f"plural {{{inner}}} needs the parameter {name!r}")
        return one if _count(inner, name, params[name]) == 1 else other

    return _PLURAL_OR_BRACES.sub(choose, text).format(**params)


def _count(inner: str, name: str, value: object) -> int:
    """``value`` as the whole number a plural counts; TypeError for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"plural {{{inner}}} needs a whole number for {name!r}, got {value!r}")


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
