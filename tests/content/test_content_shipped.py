"""The shipped content pack: it loads, it is complete, and Dutch and English match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from content import (
    FORM_IDS,
    PROFESSIONS,
    REFLECTION_SET_IDS,
    SHIPPED_DIR,
    SKILL_IDS,
    Catalog,
    L10n,
    check_pack,
    load_catalog,
)
from content.ui import placeholders, plurals


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _walk_l10n(value: object, path: str) -> Iterator[tuple[str, L10n]]:
    """Every L10n inside ``value`` (models, tuples, mappings), with its path."""
    if isinstance(value, L10n):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk_l10n(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _walk_l10n(item, f"{path}.{i}")


def _all_l10n(catalog: Catalog) -> list[tuple[str, L10n]]:
    roots: list[tuple[str, object]] = [
        ("skills", catalog.skills),
        ("habits", catalog.habits),
        ("features", catalog.features),
        ("scenarios", catalog.scenarios),
        ("forms", tuple(catalog.forms.values())),
        ("sets", tuple(catalog.reflection_sets.values())),
        ("chapters", tuple(catalog.chapters.values())),
    ]
    return [found for name, root in roots for found in _walk_l10n(root, name)]


def test_shipped_pack_has_no_problems() -> None:
    assert check_pack() == []


def test_every_shipped_file_is_part_of_the_pack() -> None:
    files = sorted(str(p.relative_to(SHIPPED_DIR)) for p in SHIPPED_DIR.rglob("*.yaml"))
    scenarios = [f for f in files if f.startswith("scenarios/")]
    assert len(scenarios) >= 54
    assert sorted(set(files) - set(scenarios)) == [
        "features.yaml",
        "feedback_forms.yaml",
        "habits.yaml",
        "reflection_prompts.yaml",
        "skills.yaml",
        "ui/en.yaml",
        "ui/nl.yaml",
    ]
    for name in files:
        text = (SHIPPED_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name} lost its header comment"
        assert yaml.safe_load(text), name


def test_catalog_holds_the_whole_pack(catalog: Catalog) -> None:
    assert catalog.skill_ids == SKILL_IDS
    assert [s.order for s in catalog.skills] == list(range(1, 10))
    assert [h.id for h in catalog.habits] == ["h-feedback", "h-eenvoud", "h-spontaan"]
    assert len(catalog.features) == 5
    assert [s.id for s in catalog.scenarios] == sorted(s.id for s in catalog.scenarios)
    assert len(catalog.scenarios) == len(list((SHIPPED_DIR / "scenarios").glob("*.yaml")))
    assert set(catalog.forms) == set(FORM_IDS)
    assert catalog.form_sequence == FORM_IDS
    assert set(catalog.reflection_sets) == set(REFLECTION_SET_IDS)
    assert catalog.languages == ("nl", "en")
    assert catalog.skill("handen").name.get("nl") == "Op je handen zitten"
    assert catalog.scenario("s01-rooster").profession == "teamleider"
    assert catalog.habit("h-eenvoud").reflection_prompt is not None
    assert catalog.feature("draak").related_skills == ("alles-mag", "fotos")
    assert sorted(catalog.chapters) == [1, 2, 3]


def test_daily_reflection_fields_take_3000_characters(catalog: Catalog) -> None:
    daily = catalog.reflection_sets["daily"]
    assert [f.id for f in daily.fields] == ["R1", "R2", "R3", "R4", "R5"]
    assert all(f.max_length == 3000 for f in daily.fields)
    assert daily.counts_for_streak
    assert all(f.max_length == 1500 for f in catalog.reflection_sets["weekly"].fields[:4])


def test_every_text_exists_in_dutch_and_english(catalog: Catalog) -> None:
    texts = _all_l10n(catalog)
    assert len(texts) > 300
    for path, text in texts:
        assert set(type(text).model_fields) >= {"nl", "en"}, path
        assert text.nl.strip(), f"{path}.nl is empty"
        assert text.en.strip(), f"{path}.en is empty"


def test_ui_tables_have_the_same_keys_and_placeholders(catalog: Catalog) -> None:
    tables = {
        lang: yaml.safe_load((SHIPPED_DIR / "ui" / f"{lang}.yaml").read_text(encoding="utf-8"))
        for lang in ("nl", "en")
    }
    assert tables["nl"].keys() == tables["en"].keys()
    assert catalog.ui_keys == frozenset(tables["en"])
    for key in tables["nl"]:
        names = placeholders(tables["nl"][key])
        assert names == placeholders(tables["en"][key]), key
        counted = {p[0] for lang in ("nl", "en") for p in plurals(tables[lang][key])}
        params: dict[str, object] = {name: 2 if name in counted else "x" for name in names}
        for lang in ("nl", "en"):
            shown = catalog.text(key, lang, **params)
            if counted:  # the plural markup is gone, the form for 2 is shown
                assert "|" not in shown, key
                assert all(other in shown for _, _, other in plurals(tables[lang][key])), key
            else:
                assert shown == tables[lang][key].format(**params)


def test_ui_texts_have_no_plural_markers() -> None:
    """Plurals are written {n|day|days}: no "day(s)", "dag(en)" or "collega(e)" is left."""
    marker = re.compile(r"[^\W\d_]\((?:s|en|e)\)")
    for lang in ("nl", "en"):
        table = yaml.safe_load((SHIPPED_DIR / "ui" / f"{lang}.yaml").read_text(encoding="utf-8"))
        marked = {key: text for key, text in table.items() if marker.search(text)}
        assert not marked, f"ui/{lang}.yaml: {marked}"


def test_scenarios_cover_every_profession_with_known_skills(catalog: Catalog) -> None:
    assert {s.profession for s in catalog.scenarios} == set(PROFESSIONS)
    for scenario in catalog.scenarios:
        skills = (scenario.primary_skill, *scenario.secondary_skills, *scenario.observer_focus)
        assert set(skills) <= set(SKILL_IDS), scenario.id
        assert scenario.roles.issue_bringer.voices_up_to(scenario.difficulty)
    assert {s.primary_skill for s in catalog.scenarios} == set(SKILL_IDS)


def test_text_falls_back_to_english_and_refuses_unknown_keys(catalog: Catalog) -> None:
    assert catalog.text("help.title", "de") == catalog.text("help.title", "en")
    assert catalog.text("help.title", "nl") != catalog.text("help.title", "en")
    assert catalog.text("nudge.title", "nl", skill="Stilte") == "Vaardigheid van vandaag: Stilte"
    assert catalog.has_text("error.unknown_command")
    assert not catalog.has_text("no.such_key")
    with pytest.raises(KeyError):
        catalog.text("no.such_key", "nl")
    assert catalog.skill("stilte").name.get("fr") == "Let silence do its work"


def test_form_for_fills_the_skill_item(catalog: Catalog) -> None:
    plain = catalog.forms["partner"].field("P1")
    assert plain.label is None and plain.from_skill == "feedback_item"
    form = catalog.form_for("partner", "aardappel")
    item = catalog.skill("aardappel").feedback_item
    p1 = form.field("P1")
    assert p1.label == item.label
    assert p1.hint == item.question
    assert p1.choices == item.scale
    assert p1.good_answer == ("bij_mij",)
    assert form.fields[1:] == catalog.forms["partner"].fields[1:]
    assert catalog.forms["observer"].field("O4").good_answer == ("persoon", "beleving")


def test_reflection_set_for_uses_the_skill_or_the_habit_prompt(catalog: Catalog) -> None:
    with_skill = catalog.reflection_set_for("daily", skill_id="stilte")
    assert with_skill.field("R4").hint == catalog.skill("stilte").reflection_prompt
    with_habit = catalog.reflection_set_for("daily", habit_id="h-spontaan")
    assert with_habit.field("R4").hint == catalog.habit("h-spontaan").reflection_prompt
    assert catalog.reflection_set_for("daily").field("R4").hint is None
    assert with_skill.field("R1") == catalog.reflection_sets["daily"].field("R1")


def test_helper_focus_depends_on_the_skill_of_the_day(catalog: Catalog) -> None:
    scenario = catalog.scenario("s07-voor-de-operatie")
    assert scenario.helper_focus_for(catalog.skill("stilte")) == scenario.roles.helper.focus
    assert (
        scenario.helper_focus_for(catalog.skill("handen")) == catalog.skill("handen").helper_focus
    )
    levels = [v.level for v in scenario.roles.issue_bringer.voices_up_to(1)]
    assert levels == [1]


def test_catalog_is_read_only(catalog: Catalog) -> None:
    assert isinstance(catalog.skills, tuple)
    with pytest.raises(TypeError):
        catalog.forms["extra"] = catalog.forms["partner"]  # type: ignore[index]
    with pytest.raises(ValidationError):
        catalog.skill("handen").order = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        catalog.something = 1  # type: ignore[attr-defined]


def test_loading_twice_gives_equal_catalogs() -> None:
    first, second = load_catalog(), load_catalog()
    assert first is not second
    assert first.skills == second.skills
    assert first.scenarios == second.scenarios


def test_shipped_dir_is_inside_the_package() -> None:
    assert Path(__file__).resolve().parents[2] / "content" / "data" == SHIPPED_DIR
