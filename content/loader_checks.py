"""Validating the merged content: pydantic errors turned into ``Problem``s at the file and
path that caused them, and the checks that span files, run on the validated models.

Part of ``content.loader``, which loads and checks whole packs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from content.loader_merge import _entry_id, _Merged
from content.problems import Problem
from content.schema import HelperRole, IssueBringerRole, Scenario


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
