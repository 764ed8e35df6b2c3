"""Reading content packs: YAML files (refusing duplicate keys) and the files of a pack
directory, sorted into collections, scenarios and UI tables, before any overlay or validation.

Part of ``content.loader``, which loads and checks whole packs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from content.languages import LANGUAGES
from content.problems import Problem
from content.schema import FeaturesFile, FormsFile, HabitsFile, ReflectionFile, SkillsFile

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
SCENARIO_DIR = "scenarios"
UI_DIR = "ui"


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
