"""The overlay of a custom pack onto the shipped one: collection entries deep-merged by id
(remembering where each entry was last written), scenarios replaced by id, UI texts replaced
by key after checking their placeholders and plurals.

Part of ``content.loader``, which loads and checks whole packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content import ui
from content.languages import LANGUAGES
from content.loader_read import UI_DIR, _Collection, _RawPack
from content.problems import Problem
from content.schema import SKILL_IDS


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where a merged entry was last written: its file and its index in that file's list."""

    file: str
    index: int


@dataclass
class _Merged:
    """One collection file after the overlay, with the origin of every part."""

    collection: _Collection
    data: dict[str, Any]
    origins: list[_Origin]  # per entry of data[collection.key]
    top_files: dict[str, str]  # top-level key -> file that last wrote it


def _deep_merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _deep_merge(base[key], value) if key in base else value
        return merged
    return override


def _entry_id(entry: Any) -> str | None:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return None


def _merge_collection(
    coll: _Collection, shipped: Any, custom: Any, problems: list[Problem]
) -> _Merged | None:
    """Overlay the custom pack's document (if any) onto the shipped one, entry by entry."""
    custom_file = coll.file  # the same relative name, in the custom pack directory
    if not isinstance(shipped, dict):
        problems.append(Problem(coll.file, "", f"expected a mapping with a '{coll.key}' list"))
        return None
    data = dict(shipped)
    top_files = dict.fromkeys(shipped, coll.file)
    entries = shipped.get(coll.key)
    origins = (
        [_Origin(coll.file, i) for i in range(len(entries))] if isinstance(entries, list) else []
    )
    if custom is None:
        return _Merged(coll, data, origins, top_files)
    if not isinstance(custom, dict):
        problems.append(Problem(custom_file, "", f"expected a mapping with a '{coll.key}' list"))
        return _Merged(coll, data, origins, top_files)
    for key, value in custom.items():
        top_files[key] = custom_file
        if key != coll.key:
            data[key] = _deep_merge(data[key], value) if key in data else value
    if coll.key not in custom:
        return _Merged(coll, data, origins, top_files)
    pack_entries = custom[coll.key]
    if not isinstance(pack_entries, list) or not isinstance(entries, list):
        if not isinstance(pack_entries, list):
            problems.append(Problem(custom_file, coll.key, "expected a list of entries"))
        return _Merged(coll, data, origins, top_files)
    merged = list(entries)
    index: dict[str, int] = {}
    for i, entry in enumerate(merged):
        entry_id = _entry_id(entry)
        if entry_id is not None:
            index.setdefault(entry_id, i)
    seen: set[str] = set()
    for i, entry in enumerate(pack_entries):
        path = f"{coll.key}.{i}"
        if not isinstance(entry, dict):
            problems.append(Problem(custom_file, path, "expected a mapping with an id"))
            continue
        entry_id = _entry_id(entry)
        if entry_id is None:
            problems.append(Problem(custom_file, f"{path}.id", "Field required"))
            continue
        if entry_id in seen:
            problems.append(Problem(custom_file, f"{path}.id", f"duplicate id {entry_id!r}"))
            continue
        seen.add(entry_id)
        if entry_id in index:
            j = index[entry_id]
            merged[j] = _deep_merge(merged[j], entry)
            origins[j] = _Origin(custom_file, i)
        elif coll.extensible:
            merged.append(entry)
            origins.append(_Origin(custom_file, i))
        else:
            problems.append(
                Problem(
                    custom_file,
                    f"{path}.id",
                    f"unknown skill id {entry_id!r} (a pack can change the nine skills, not add"
                    f" one: {', '.join(SKILL_IDS)})",
                )
            )
    data[coll.key] = merged
    return _Merged(coll, data, origins, top_files)


def _collect_scenarios(
    shipped: _RawPack, custom: _RawPack | None, problems: list[Problem]
) -> dict[str, tuple[str, Any]]:
    """Scenario documents by id (pack files replace shipped ones); files without id by path."""
    found: dict[str, tuple[str, Any]] = {}
    for pack in (shipped, custom):
        if pack is None:
            continue
        own: dict[str, str] = {}
        for rel, data in pack.scenarios:
            scenario_id = _entry_id(data)
            if scenario_id is None:
                found[rel] = (rel, data)  # validation reports the missing or invalid id
                continue
            stem = Path(rel).stem
            if scenario_id != stem:
                problems.append(
                    Problem(rel, "id", f"{scenario_id!r} does not match the file name {stem!r}")
                )
            if scenario_id in own:
                problems.append(
                    Problem(
                        rel, "id", f"duplicate scenario id {scenario_id!r} (see {own[scenario_id]})"
                    )
                )
                continue
            own[scenario_id] = rel
            found[scenario_id] = (rel, data)
    return found


def _read_ui(
    shipped: _RawPack, custom: _RawPack | None, problems: list[Problem]
) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        rel, data = shipped.ui.get(lang, (f"{UI_DIR}/{lang}.yaml", {}))
        entries, table_problems = ui.check_table(data)
        problems += [Problem(rel, key, message) for key, message in table_problems]
        tables[lang] = entries
    named = {f"{UI_DIR}/{lang}.yaml": tables[lang] for lang in LANGUAGES}
    problems += [Problem(name, key, message) for name, key, message in ui.compare_tables(named)]
    if custom is None:
        return tables
    shipped_tables = dict(tables)
    for lang, (rel, data) in custom.ui.items():
        entries, table_problems = ui.check_table(data)
        problems += [Problem(rel, key, message) for key, message in table_problems]
        for key, text in entries.items():
            shipped_text = tables[lang].get(key)
            if shipped_text is None:
                problems.append(
                    Problem(rel, key, "unknown UI key (a pack can only change existing texts)")
                )
                continue
            ours, theirs = ui.placeholders(text), ui.placeholders(shipped_text)
            if ours != theirs:
                problems.append(
                    Problem(
                        rel,
                        key,
                        f"placeholders {ui.format_names(ours)} differ from the shipped text's"
                        f" ({ui.format_names(theirs)})",
                    )
                )
                continue
            counted = frozenset[str]().union(
                *(ui.plural_names(t[key]) for t in shipped_tables.values() if key in t)
            )
            uncounted = ui.plural_names(text) - counted
            if uncounted:
                problems.append(
                    Problem(
                        rel,
                        key,
                        f"a plural needs a number, and {ui.format_names(uncounted)} is not one"
                        f" the shipped texts count (they count {ui.format_names(counted)})",
                    )
                )
                continue
            tables[lang] = {**tables[lang], key: text}
    return tables
