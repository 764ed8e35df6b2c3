from datetime import date, time

import pytest

from bot.parsing import (
    InputError,
    parse_date,
    parse_days,
    parse_language,
    parse_switch,
    parse_time,
    parse_timezone,
)
from bot.texts import Texts
from content import load_catalog


def test_dates_and_times() -> None:
    assert parse_date(" 2026-12-01 ") == date(2026, 12, 1)
    assert parse_time("09:05") == time(9, 5)
    assert parse_time("23:59") == time(23, 59)


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrow", "", "01-12-2026", "2026-02-30"])
def test_a_date_that_is_not_a_date(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_date(text)
    assert error.value.key == "error.bad_date"


@pytest.mark.parametrize("text", ["24:00", "9", "09:5", "ab:cd", "", "12:60"])
def test_bad_times(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_time(text)
    assert error.value.key == "error.bad_time"


def test_time_zones() -> None:
    assert parse_timezone("Europe/Amsterdam") == "Europe/Amsterdam"
    for bad in ["Mars/Olympus", "", "../../etc/passwd", "/etc/localtime", "Europe/Amsterdam\x00"]:
        with pytest.raises(InputError) as error:
            parse_timezone(bad)
        assert error.value.key == "error.bad_timezone"


def test_languages() -> None:
    assert parse_language("NL") == "nl"
    with pytest.raises(InputError) as error:
        parse_language("fr")
    assert error.value.key == "error.bad_language"


def test_days() -> None:
    assert parse_days("mon-fri") == frozenset(range(5))
    assert parse_days("ma-vr") == frozenset(range(5))
    assert parse_days("mon, wed,fri") == frozenset({0, 2, 4})
    assert parse_days("fri-mon") == frozenset({4, 5, 6, 0})
    assert parse_days("all") == frozenset(range(7))
    # What settings show reads back, in both languages ("ma–vr", "tue, sun").
    for lang in ("en", "nl"):
        t = Texts(load_catalog(), lang)
        for days in (frozenset({0, 2, 4}), frozenset({1, 6}), frozenset(range(5))):
            assert parse_days(t.days(days)) == days
    for bad in ["", "someday", "mon-xyz", ","]:
        with pytest.raises(InputError):
            parse_days(bad)


@pytest.mark.parametrize(
    ("text", "value"), [("on", True), (" Aan ", True), ("ja", True), ("OFF", False), ("uit", False)]
)
def test_switches(text: str, value: bool) -> None:
    assert parse_switch(text) is value


def test_a_switch_that_is_neither() -> None:
    with pytest.raises(InputError) as error:
        parse_switch("maybe")
    assert (error.value.key, error.value.params) == ("error.bad_switch", {"value": "maybe"})
