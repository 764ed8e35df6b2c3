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

The work is split by job: ``content.loader_read`` reads the files of a pack,
``content.loader_merge`` overlays the custom pack onto the shipped one and
``content.loader_checks`` validates the result; ``content.problems`` holds ``Problem`` and
``ContentError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from content.catalog import Catalog
from content.loader_checks import _cross_checks, _ids, _join, _locator, _validate
from content.loader_merge import _collect_scenarios, _merge_collection, _Merged, _read_ui
from content.loader_read import (
    _COLLECTIONS,
    SCENARIO_DIR,
    SHIPPED_DIR,
    UI_DIR,
    _RawPack,
    _read_pack,
)
from content.problems import ContentError, Problem
from content.schema import Scenario

__all__ = [
    "SCENARIO_DIR",
    "SHIPPED_DIR",
    "UI_DIR",
    "ContentError",
    "Problem",
    "check_pack",
    "load_catalog",
]


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
