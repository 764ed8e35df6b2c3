"""Custom content packs: every mistake is a Problem naming the pack's file and the value."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from content import SHIPPED_DIR, ContentError, Problem, check_pack, load_catalog


def _shipped(name: str) -> Any:
    return yaml.safe_load((SHIPPED_DIR / name).read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def _new_scenario(**changes: Any) -> dict[str, Any]:
    """A valid new scenario (s99-x), based on a shipped one."""
    scenario = copy.deepcopy(_shipped("scenarios/s01-rooster.yaml"))
    scenario.update(id="s99-x", code="S99", title={"nl": "Nieuw", "en": "New"})
    scenario.update(changes)
    return scenario


def _form(n_fields: int, title_nl: str = "Extra") -> dict[str, Any]:
    return {
        "id": "extra",
        "title": {"nl": title_nl, "en": "Extra"},
        "filled_by": "helper",
        "when": "trio",
        "fields": [
            {
                "id": f"X{i}",
                "type": "text",
                "max_length": 200,
                "label": {"nl": f"Vraag {i}", "en": f"Question {i}"},
            }
            for i in range(n_fields)
        ],
    }


def assert_problem(pack: Path, expected: str) -> None:
    """``check_pack`` and ``load_catalog`` both report a problem starting with ``expected``."""
    problems = [str(p) for p in check_pack(pack)]
    assert any(p.startswith(expected) for p in problems), problems
    with pytest.raises(ContentError) as caught:
        load_catalog(pack)
    assert any(str(p).startswith(expected) for p in caught.value.problems)
    assert expected in str(caught.value)


def test_problem_str_is_file_path_message() -> None:
    assert str(Problem("skills.yaml", "skills.4.name.nl", "too long")) == (
        "skills.yaml: skills.4.name.nl: too long"
    )
    assert str(Problem("ui/nl.yaml", "", "the file is empty")) == "ui/nl.yaml: the file is empty"


def test_scenario_with_a_missing_field(tmp_path: Path) -> None:
    scenario = _new_scenario()
    del scenario["roles"]["helper"]["core"]["en"]
    _write(tmp_path / "scenarios" / "s99-x.yaml", scenario)
    assert_problem(tmp_path, "scenarios/s99-x.yaml: roles.helper.core.en: Field required")


def test_scenario_with_an_unknown_skill(tmp_path: Path) -> None:
    _write(
        tmp_path / "scenarios" / "s99-x.yaml",
        _new_scenario(secondary_skills=["aardappel", "luisteren"]),
    )
    assert_problem(
        tmp_path, "scenarios/s99-x.yaml: secondary_skills.1: unknown skill id 'luisteren'"
    )


def test_scenario_with_an_unknown_profession_and_a_typo(tmp_path: Path) -> None:
    scenario = _new_scenario(profession="kapper", difficulty=4)
    scenario["roles"]["helper"]["expert_allowence"] = scenario["roles"]["helper"].pop(
        "expert_allowance"
    )
    _write(tmp_path / "scenarios" / "s99-x.yaml", scenario)
    problems = [str(p) for p in check_pack(tmp_path)]
    assert any(p.startswith("scenarios/s99-x.yaml: profession: Input should be") for p in problems)
    assert any(p.startswith("scenarios/s99-x.yaml: difficulty: ") for p in problems)
    assert "scenarios/s99-x.yaml: roles.helper.expert_allowence: unknown field" in "\n".join(
        problems
    )
    assert "scenarios/s99-x.yaml: roles.helper.expert_allowance: Field required" in problems


def test_form_with_six_fields(tmp_path: Path) -> None:
    _write(tmp_path / "feedback_forms.yaml", {"forms": [_form(6)]})
    assert_problem(tmp_path, "feedback_forms.yaml: forms.0.fields: at most 5 fields (got 6)")


def test_shipped_form_overridden_with_six_fields(tmp_path: Path) -> None:
    fields = _shipped("feedback_forms.yaml")["forms"][1]["fields"]
    extra = {"id": "P8", "type": "text", "max_length": 10, "label": {"nl": "a", "en": "a"}}
    _write(
        tmp_path / "feedback_forms.yaml",
        {"forms": [{"id": "x"}, {"id": "partner", "fields": [*fields, extra]}]},
    )
    problems = [str(p) for p in check_pack(tmp_path)]
    assert "feedback_forms.yaml: forms.1.fields: at most 5 fields (got 6)" in problems
    # the new form "x" lacks its required keys
    assert "feedback_forms.yaml: forms.0.title: Field required" in problems


def test_form_with_an_over_long_title(tmp_path: Path) -> None:
    title = "Een titel van 25 tekens!!"
    assert len(title) == 25
    _write(tmp_path / "feedback_forms.yaml", {"forms": [_form(2, title_nl=title)]})
    assert_problem(
        tmp_path, "feedback_forms.yaml: forms.0.title.nl: at most 24 characters (got 25)"
    )


def test_pack_may_shorten_a_shipped_title_but_not_lengthen_it(tmp_path: Path) -> None:
    _write(
        tmp_path / "feedback_forms.yaml",
        {"forms": [{"id": "observer", "title": {"nl": "Voor de observator, graag", "en": "Ok"}}]},
    )
    assert_problem(
        tmp_path, "feedback_forms.yaml: forms.0.title.nl: at most 24 characters (got 25)"
    )


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    _write(
        tmp_path / "scenarios" / "s99-x.yaml",
        "id: s99-x\ncode: S99\ntitle:\n  nl: Nieuw\n en: New\n",
    )
    assert_problem(tmp_path, "scenarios/s99-x.yaml: YAML error at line 5")


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    _write(
        tmp_path / "skills.yaml",
        "skills:\n  - id: handen\n    meaning: {nl: a, en: b}\n    meaning: {nl: c, en: d}\n",
    )
    assert_problem(tmp_path, "skills.yaml: YAML error at line 4, column 5: duplicate key 'meaning'")


def test_unknown_ui_key(tmp_path: Path) -> None:
    _write(tmp_path / "ui" / "en.yaml", {"help.titel": "How it works"})
    assert_problem(tmp_path, "ui/en.yaml: help.titel: unknown UI key")


def test_ui_text_with_other_placeholders(tmp_path: Path) -> None:
    _write(tmp_path / "ui" / "nl.yaml", {"error.required": "{field} is verplicht."})
    assert_problem(
        tmp_path,
        "ui/nl.yaml: error.required: placeholders {field} differ from the shipped text's ({label})",
    )


def test_ui_text_with_a_broken_template(tmp_path: Path) -> None:
    _write(tmp_path / "ui" / "nl.yaml", {"help.title": "Zo werkt {ballback"})
    assert_problem(tmp_path, "ui/nl.yaml: help.title: ")


def test_missing_pack_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    assert check_pack(missing) == [Problem(str(missing), "", "content pack directory not found")]
    assert_problem(missing, f"{missing}: content pack directory not found")


def test_unknown_skill_cannot_be_added(tmp_path: Path) -> None:
    _write(tmp_path / "skills.yaml", {"skills": [{"id": "luisteren", "order": 10}]})
    assert_problem(tmp_path, "skills.yaml: skills.0.id: unknown skill id 'luisteren'")


def test_skill_override_is_checked_against_the_limits(tmp_path: Path) -> None:
    label = "Kreeg je advies waar je niet om vroeg, echt waar?"
    _write(
        tmp_path / "skills.yaml",
        {"skills": [{"id": "handen", "feedback_item": {"label": {"nl": label, "en": "ok"}}}]},
    )
    assert_problem(
        tmp_path,
        f"skills.yaml: skills.0.feedback_item.label.nl: at most 45 characters (got {len(label)})",
    )


def test_unknown_files_are_reported(tmp_path: Path) -> None:
    _write(tmp_path / "skils.yaml", {"skills": []})
    _write(tmp_path / "scenarios" / "s99-x.yml", _new_scenario())
    _write(tmp_path / "README.md", "not content")
    problems = [str(p) for p in check_pack(tmp_path)]
    assert len(problems) == 2
    assert problems[0].startswith("scenarios/s99-x.yml: use the .yaml extension")
    assert problems[1].startswith("skils.yaml: unknown file")


def test_scenario_id_must_match_its_file_name(tmp_path: Path) -> None:
    _write(tmp_path / "scenarios" / "s99-y.yaml", _new_scenario())
    assert_problem(tmp_path, "scenarios/s99-y.yaml: id: 's99-x' does not match the file name")


def test_reflection_set_needs_a_known_habit(tmp_path: Path) -> None:
    _write(tmp_path / "reflection_prompts.yaml", {"sets": [{"id": "daily", "habit": "h-nope"}]})
    assert_problem(tmp_path, "reflection_prompts.yaml: sets.0.habit: unknown habit id 'h-nope'")


def test_all_problems_are_collected_in_one_pass(tmp_path: Path) -> None:
    scenario = _new_scenario(primary_skill="luisteren")
    del scenario["setting"]
    _write(tmp_path / "scenarios" / "s99-x.yaml", scenario)
    _write(tmp_path / "feedback_forms.yaml", {"forms": [_form(6, title_nl="x" * 30)]})
    _write(tmp_path / "ui" / "en.yaml", {"help.titel": "x", "help.title": "{x}"})
    problems = [str(p) for p in check_pack(tmp_path)]
    assert problems == [
        "feedback_forms.yaml: forms.0.title.nl: at most 24 characters (got 30)",
        "feedback_forms.yaml: forms.0.fields: at most 5 fields (got 6)",
        "scenarios/s99-x.yaml: setting: Field required",
        "scenarios/s99-x.yaml: primary_skill: unknown skill id 'luisteren' (known: al-geweest,"
        " kwartje, tijd-heilig, fotos, handen, aardappel, stilte, alles-mag, een-keer)",
        "ui/en.yaml: help.titel: unknown UI key (a pack can only change existing texts)",
        "ui/en.yaml: help.title: placeholders {x} differ from the shipped text's (none)",
    ]


def test_good_pack_adds_and_overrides(tmp_path: Path) -> None:
    _write(
        tmp_path / "scenarios" / "s99-x.yaml",
        _new_scenario(profession="coach", primary_skill="stilte", secondary_skills=[]),
    )
    replaced = _shipped("scenarios/s02-reorganisatie.yaml")
    replaced["duration_min"] = 12
    _write(tmp_path / "scenarios" / "s02-reorganisatie.yaml", replaced)
    _write(tmp_path / "ui" / "nl.yaml", {"help.title": "Zo oefen je met ballback"})
    _write(
        tmp_path / "skills.yaml",
        {"skills": [{"id": "handen", "meaning": {"nl": "Niet repareren.", "en": "Don't fix."}}]},
    )
    _write(
        tmp_path / "habits.yaml",
        {"habits": [{**_shipped("habits.yaml")["habits"][1], "id": "h-extra"}]},
    )
    assert check_pack(tmp_path) == []
    catalog = load_catalog(tmp_path)
    shipped = load_catalog()

    assert len(catalog.scenarios) == len(load_catalog().scenarios) + 1
    added = catalog.scenario("s99-x")
    assert (added.profession, added.primary_skill, added.observer_focus) == (
        "coach",
        "stilte",
        ("handen",),
    )
    assert catalog.scenario("s02-reorganisatie").duration_min == 12
    assert catalog.scenarios[-1].id == "s99-x"

    assert catalog.text("help.title", "nl") == "Zo oefen je met ballback"
    assert catalog.text("help.title", "en") == shipped.text("help.title", "en")

    handen = catalog.skill("handen")
    assert handen.meaning.get("nl") == "Niet repareren."
    assert handen.meaning.get("en") == "Don't fix."
    assert handen.name == shipped.skill("handen").name  # the rest of the entry is kept
    assert handen.feedback_item == shipped.skill("handen").feedback_item
    assert catalog.skill_ids == shipped.skill_ids

    assert catalog.habit("h-extra").name == catalog.habit("h-eenvoud").name


def test_a_pack_scenario_must_be_playable_at_every_level(tmp_path: Path) -> None:
    # Issue 11: the member's level sets how hard the issue-bringer plays, so a pack's scenario
    # needs a dragon's voice at each level and a reaction to advice.
    scenario = _new_scenario()
    bringer = scenario["roles"]["issue_bringer"]
    bringer["dragon_voices"] = [v for v in bringer["dragon_voices"] if v["level"] != 3]
    _write(tmp_path / "scenarios" / "s99-x.yaml", scenario)
    assert [str(p) for p in check_pack(tmp_path)] == [
        "scenarios/s99-x.yaml: roles.issue_bringer.dragon_voices: needs a voice for every level"
        " 1-3 (missing level 3)"
    ]
    del _new_scenario_bringer(scenario)["on_advice"]
    _write(tmp_path / "scenarios" / "s99-x.yaml", scenario)
    assert "scenarios/s99-x.yaml: roles.issue_bringer.on_advice: Field required" in [
        str(p) for p in check_pack(tmp_path)
    ]


def _new_scenario_bringer(scenario: dict[str, Any]) -> dict[str, Any]:
    return scenario["roles"]["issue_bringer"]
