"""Load and check content packs: the shipped pack, optionally overlaid with a custom pack.

A custom pack (the directory a deployment names in ``BALLBACK_CONTENT_DIR``) holds any subset
of the shipped pack's files:

- ``scenarios/<id>.yaml``: a scenario with a new id is added; one with a shipped id replaces
  the shipped scenario. The file name must be the scenario's id.
- ``ui/nl.yaml``, ``ui/en.yaml``: texts that replace shipped UI texts. Keys must exist in the
  shipped pack and keep the shipped text's placeholders; a plural (``{n|dag|dagen}``) only for
  a parameter that a shipped text of the key writes a plural for, so it is surely a number.
- ``skills.yaml``, ``habits.yaml``, ``features.yaml``, ``feedback_forms.yaml``,
  ``reflection_prompts.yaml``: entries matched by ``id`` and deep-merged onto the shipped
  entry (mappings merge key by key; lists and plain values replace). So
  ``skills: [{id: handen, meaning: {nl: ..., en: ...}}]`` changes one text. An entry with a
  new id is added, except in ``skills.yaml``: the nine skills are fixed. Other top-level keys
  (``chapter``, ``sequence``) are deep-merged the same way.

The merged result is validated with the schema; every problem is reported against the file
that caused it, relative to its pack directory, with the path of the offending value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from content import ui
from content.catalog import Catalog
from content.languages import LANGUAGES
from content.schema import (
    SKILL_IDS,
    FeaturesFile,
    FormsFile,
    HabitsFile,
    HelperRole,
    IssueBringerRole,
    ReflectionFile,
    Scenario,
    SkillsFile,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
SCENARIO_DIR = "scenarios"
UI_DIR = "ui"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a content pack.

    ``file`` is relative to the pack directory, ``path`` the dotted location of the value in
    that file ("" for the file as a whole); ``str()`` gives ``file: path: message``.
    """

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        if not self.path:
            return f"{self.file}: {self.message}"
        return f"{self.file}: {self.path}: {self.message}"


class ContentError(Exception):
    """The content could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''}:\n{lines}")


def load_catalog(extra_dir: Path | None = None) -> Catalog:
    """Load the shipped content pack, overlaid with the custom pack in ``extra_dir`` if given.

    Raises ContentError listing every problem found (never a raw YAML or pydantic error).
    """
    catalog, problems = _build(extra_dir)
    if problems or catalog is None:
        raise ContentError(problems)
    return catalog


def check_pack(directory: Path | None = None) -> list[Problem]:
    """Every problem of the shipped pack, overlaid with the custom pack in ``directory``.

    Returns an empty list when the content is valid.
    """
    return _build(directory)[1]


# --- reading YAML ----------------------------------------------------------------------------

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """A safe YAML loader that refuses duplicate keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_MISSING = object()


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    """The parsed document, or ``_MISSING`` after recording why it could not be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(rel, "", "not UTF-8 text"))
        return _MISSING
    except OSError as exc:
        problems.append(Problem(rel, "", f"cannot read the file: {exc.strerror or exc}"))
        return _MISSING
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(Problem(rel, "", f"YAML error{where}: {what}"))
        return _MISSING
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, "", f"YAML error: {exc}"))
        return _MISSING
    if data is None:
        problems.append(Problem(rel, "", "the file is empty"))
        return _MISSING
    return data


# --- the files of a pack ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Collection:
    """A file holding a list of entries with ids."""

    file: str
    key: str
    model: type[BaseModel]
    extensible: bool  # whether a pack may add entries with new ids


_COLLECTIONS = (
    _Collection("skills.yaml", "skills", SkillsFile, extensible=False),
    _Collection("habits.yaml", "habits", HabitsFile, extensible=True),
    _Collection("features.yaml", "features", FeaturesFile, extensible=True),
    _Collection("feedback_forms.yaml", "forms", FormsFile, extensible=True),
    _Collection("reflection_prompts.yaml", "sets", ReflectionFile, extensible=True),
)
_UI_FILES = {f"{UI_DIR}/{lang}.yaml": lang for lang in LANGUAGES}
_EXPECTED = (
    ", ".join(c.file for c in _COLLECTIONS) + f", {SCENARIO_DIR}/<id>.yaml, " + ", ".join(_UI_FILES)
)


@dataclass
class _RawPack:
    """The parsed files of one pack directory, before validation."""

    collections: dict[str, Any] = field(default_factory=dict)  # file name -> document
    scenarios: list[tuple[str, Any]] = field(default_factory=list)  # (relative path, document)
    ui: dict[str, tuple[str, Any]] = field(default_factory=dict)  # lang -> (path, document)


def _pack_files(directory: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(directory.rglob("*")):
        rel_parts = path.relative_to(directory).parts
        if any(part.startswith(".") for part in rel_parts) or not path.is_file():
            continue
        if path.suffix in (".yaml", ".yml"):
            yield "/".join(rel_parts), path


def _read_pack(directory: Path, *, shipped: bool, problems: list[Problem]) -> _RawPack:
    pack = _RawPack()
    collection_files = {c.file for c in _COLLECTIONS}
    for rel, path in _pack_files(directory):
        parts = rel.split("/")
        if path.suffix == ".yml":
            problems.append(Problem(rel, "", "use the .yaml extension"))
            continue
        if rel in collection_files:
            data = _read_yaml(path, rel, problems)
            if data is not _MISSING:
                pack.collections[rel] = data
        elif len(parts) == 2 and parts[0] == SCENARIO_DIR:
            data = _read_yaml(path, rel, problems)
            if data is not _MISSING:
                pack.scenarios.append((rel, data))
        elif rel in _UI_FILES:
            data = _read_yaml(path, rel, problems)
            if data is not _MISSING:
                pack.ui[_UI_FILES[rel]] = (rel, data)
        else:
            problems.append(Problem(rel, "", f"unknown file (a content pack holds {_EXPECTED})"))
    if shipped:
        problems += [
            Problem(name, "", "file not found")
            for name in (*collection_files, *_UI_FILES)
            if not (directory / name).is_file()
        ]
        if not (directory / SCENARIO_DIR).is_dir():
            problems.append(Problem(SCENARIO_DIR, "", "directory not found"))
    return pack


# --- overlay and validation ------------------------------------------------------------------


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


def _message(error: Mapping[str, Any]) -> str:
    """A pydantic error message, reworded where YAML makes the cause non-obvious."""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return "unknown field (not in the schema: check the spelling)"
    if kind == "string_type" and isinstance(value, bool):
        return "Input should be a valid string (YAML reads yes/no/on/off as true/false: quote it)"
    if kind == "string_type" and isinstance(value, int | float):
        return "Input should be a valid string (put the number in quotes)"
    if kind in ("model_type", "dict_type"):
        return f"expected a mapping (got {_yaml_kind(value)})"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (got {_yaml_kind(value)})"
    return str(error["msg"])


def _yaml_kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the value {value!r}"


def _join(parts: Sequence[object]) -> str:
    return ".".join(str(p) for p in parts)


def _validate(
    model: type[BaseModel],
    data: Any,
    context: Mapping[str, Any],
    locate: Callable[[tuple[str | int, ...]], tuple[str, str]],
    problems: list[Problem],
) -> Any:
    """Validate ``data``; on failure record a Problem per error at ``locate(loc)``."""
    try:
        return model.model_validate(data, context=dict(context))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            file, path = locate(tuple(error["loc"]))
            problems.append(Problem(file, path, _message(error)))
        return None


def _locator(merged: _Merged) -> Callable[[tuple[str | int, ...]], tuple[str, str]]:
    key, origins = merged.collection.key, merged.origins

    def locate(loc: tuple[str | int, ...]) -> tuple[str, str]:
        if len(loc) >= 2 and loc[0] == key and isinstance(loc[1], int) and loc[1] < len(origins):
            origin = origins[loc[1]]
            return origin.file, _join((key, origin.index, *loc[2:]))
        top = str(loc[0]) if loc else ""
        return merged.top_files.get(top, merged.collection.file), _join(loc)

    return locate


def _ids(merged: _Merged | None) -> frozenset[str]:
    if merged is None or not isinstance(merged.data.get(merged.collection.key), list):
        return frozenset()
    return frozenset(i for i in map(_entry_id, merged.data[merged.collection.key]) if i is not None)


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


def _cross_checks(
    results: Mapping[str, Any],
    merged: Mapping[str, _Merged],
    scenarios: list[tuple[str, Scenario]],
    problems: list[Problem],
) -> None:
    """Checks that span files, run on the validated models."""
    codes: dict[str, str] = {}
    for rel, scenario in scenarios:
        if scenario.code in codes:
            problems.append(
                Problem(
                    rel,
                    "code",
                    f"duplicate scenario code {scenario.code!r} (see {codes[scenario.code]})",
                )
            )
        codes.setdefault(scenario.code, rel)

    habits, features = results.get("habits.yaml"), results.get("features.yaml")
    forms, sets = results.get("feedback_forms.yaml"), results.get("reflection_prompts.yaml")
    if habits is not None and sets is not None:
        set_ids = {s.id for s in sets.sets}
        locate = _locator(merged["habits.yaml"])
        for i, habit in enumerate(habits.habits):
            if habit.reflection_set is not None and habit.reflection_set not in set_ids:
                file, path = locate(("habits", i, "reflection_set"))
                problems.append(
                    Problem(file, path, f"unknown reflection set id {habit.reflection_set!r}")
                )
    if features is not None and forms is not None and sets is not None:
        targets = {f"{f.id}.{item.id}" for f in forms.forms for item in (*f.fields, *f.reserve)} | {
            f"{s.id}.{item.id}" for s in sets.sets for item in s.fields
        }
        scenario_fields = (
            set(Scenario.model_fields)
            | set(IssueBringerRole.model_fields)
            | set(HelperRole.model_fields)
        )
        targets |= {f"scenario.{name}" for name in scenario_fields}
        locate = _locator(merged["features.yaml"])
        for i, feature in enumerate(features.features):
            for j, target in enumerate(feature.used_in):
                if target not in targets:
                    file, path = locate(("features", i, "used_in", j))
                    problems.append(
                        Problem(
                            file,
                            path,
                            f"{target!r} names no form or reflection field"
                            " ('<form id>.<field id>') nor scenario field ('scenario.<field>')",
                        )
                    )


def _build(extra_dir: Path | None) -> tuple[Catalog | None, list[Problem]]:
    """Read, overlay and validate; the catalog only when there is no problem at all."""
    problems: list[Problem] = []
    shipped = _read_pack(SHIPPED_DIR, shipped=True, problems=problems)
    custom: _RawPack | None = None
    if extra_dir is not None:
        if not extra_dir.exists():
            problems.append(Problem(str(extra_dir), "", "content pack directory not found"))
        elif not extra_dir.is_dir():
            problems.append(Problem(str(extra_dir), "", "content pack path is not a directory"))
        else:
            custom = _read_pack(extra_dir, shipped=False, problems=problems)

    merged: dict[str, _Merged] = {}
    for coll in _COLLECTIONS:
        if coll.file not in shipped.collections:
            continue  # already reported as missing or unreadable
        pack_doc = custom.collections.get(coll.file) if custom else None
        result = _merge_collection(coll, shipped.collections[coll.file], pack_doc, problems)
        if result is not None:
            merged[coll.file] = result

    context = {
        "habit_ids": _ids(merged.get("habits.yaml")),
        "feature_ids": _ids(merged.get("features.yaml")),
    }
    results: dict[str, Any] = {}
    for name, item in merged.items():
        model = _validate(item.collection.model, item.data, context, _locator(item), problems)
        if model is not None:
            results[name] = model

    scenarios: list[tuple[str, Scenario]] = []
    for rel, data in _collect_scenarios(shipped, custom, problems).values():
        scenario = _validate(
            Scenario, data, context, lambda loc, rel=rel: (rel, _join(loc)), problems
        )
        if scenario is not None:
            scenarios.append((rel, scenario))

    tables = _read_ui(shipped, custom, problems)
    _cross_checks(results, merged, scenarios, problems)

    # A shipped error may surface twice after a merge; grouping by file reads best.
    problems = sorted(dict.fromkeys(problems), key=lambda p: p.file)
    if problems or len(results) != len(_COLLECTIONS):
        return None, problems
    skills_file, habits_file, features_file = (
        results["skills.yaml"],
        results["habits.yaml"],
        results["features.yaml"],
    )
    catalog = Catalog(
        skills=skills_file.skills,
        habits=habits_file.habits,
        features=features_file.features,
        scenarios=[s for _rel, s in scenarios],
        forms=results["feedback_forms.yaml"].forms,
        form_sequence=results["feedback_forms.yaml"].sequence,
        reflection_sets=results["reflection_prompts.yaml"].sets,
        ui=tables,
        chapters=(features_file.chapter, skills_file.chapter, habits_file.chapter),
    )
    return catalog, problems
