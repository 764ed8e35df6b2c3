"""The streak heat-map: a PNG of the right size, each day's cell where and as it should be, a
legend in the member's language, colours that stay apart without full colour vision."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.pictures.canvas import BLACK, RULE, SCALE, WHITE, Canvas, Colour, font, printable
from bot.pictures.heatmap import (
    CELL,
    LEGEND,
    LEGEND_SWATCH_GAP,
    MARK_COLOUR,
    STYLES,
    WEEKS,
    CellMark,
    DayState,
    Layout,
    legend_entries,
    render_heatmap,
    window,
)
from bot.texts import Texts
from content import load_catalog

CATALOG = load_catalog()
TODAY = date(2026, 12, 9)  # a Wednesday
FIRST = date(2026, 6, 15)  # the Monday 25 weeks before today's week

# A known fortnight; every other day of the window is left out (before / still to come).
KNOWN: Mapping[date, DayState] = {
    date(2026, 11, 30): DayState.MISSED,
    date(2026, 12, 1): DayState.PAUSED,
    date(2026, 12, 2): DayState.EXCUSED,
    date(2026, 12, 3): DayState.OFFDAY,
    date(2026, 12, 4): DayState.REFLECTED,
    date(2026, 12, 5): DayState.REST,
    date(2026, 12, 6): DayState.REST,
    date(2026, 12, 7): DayState.REFLECTED,
    date(2026, 12, 8): DayState.FORGIVEN,
}


def texts(lang: str) -> Texts:
    return Texts(CATALOG, lang)


def image_of(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def position(day: date) -> tuple[int, int]:
    """(column, row) of a day in the picture that ends with TODAY's week."""
    return (day - FIRST).days // 7, day.weekday()


@pytest.fixture(scope="module")
def picture() -> Image.Image:
    return image_of(render_heatmap(KNOWN, TODAY, texts("en")))


def test_the_window_is_26_whole_weeks_ending_with_todays() -> None:
    first, last = window(TODAY)
    assert (first, last) == (FIRST, date(2026, 12, 13))
    assert first.weekday() == 0 and last.weekday() == 6
    assert (last - first).days + 1 == 7 * WEEKS
    assert window(date(2026, 12, 7)) == window(date(2026, 12, 13))


def test_a_png_of_the_layouts_size_readable_in_a_chat_preview() -> None:
    png = render_heatmap(KNOWN, TODAY, texts("en"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = image_of(png)
    layout = Layout()
    assert image.format == "PNG" and image.mode == "RGB"
    assert image.size == (layout.width * SCALE, layout.height * SCALE) == (804, 464)
    # About 400 logical pixels wide: a chat preview of ~400 px shows it at its own size.
    assert 380 <= layout.width <= 420
    assert len(png) < 100_000


def test_the_same_data_gives_the_same_bytes() -> None:
    assert render_heatmap(KNOWN, TODAY, texts("nl")) == render_heatmap(KNOWN, TODAY, texts("nl"))
    assert render_heatmap(KNOWN, TODAY, texts("nl")) != render_heatmap(KNOWN, TODAY, texts("en"))


def test_every_cell_has_its_states_colour_at_its_place(picture: Image.Image) -> None:
    layout = Layout()
    for offset in range(7 * WEEKS):
        day = FIRST + timedelta(days=offset)
        expected = KNOWN.get(day, DayState.FUTURE if day >= TODAY else DayState.BEFORE)
        column, row = position(day)
        fill = picture.getpixel(layout.fill_pixel(column, row))
        assert fill == STYLES[expected].fill, (day, expected)


def test_the_known_days_in_their_columns_and_rows(picture: Image.Image) -> None:
    layout = Layout()
    # The last column is today's week: Monday reflected, Tuesday forgiven, today still to come.
    assert picture.getpixel(layout.fill_pixel(25, 0)) == STYLES[DayState.REFLECTED].fill
    assert picture.getpixel(layout.fill_pixel(25, 1)) == STYLES[DayState.FORGIVEN].fill
    assert picture.getpixel(layout.fill_pixel(25, 2)) == WHITE
    # The column before: missed Monday, paused, excused, off-day, reflected Friday, weekend.
    expected = [
        DayState.MISSED,
        DayState.PAUSED,
        DayState.EXCUSED,
        DayState.OFFDAY,
        DayState.REFLECTED,
        DayState.REST,
        DayState.REST,
    ]
    for row, state in enumerate(expected):
        assert picture.getpixel(layout.fill_pixel(24, row)) == STYLES[state].fill, state
    # The first column: before the first reflection.
    assert picture.getpixel(layout.fill_pixel(0, 0)) == STYLES[DayState.BEFORE].fill


def test_marks_tell_apart_what_colour_alone_might_not(picture: Image.Image) -> None:
    layout = Layout()
    for day in (date(2026, 12, 8), date(2026, 12, 2), date(2026, 12, 1)):  # dot, slash, bars
        column, row = position(day)
        mark = STYLES[KNOWN[day]].mark
        assert picture.getpixel(layout.mark_pixel(column, row, mark)) == MARK_COLOUR, mark
    # Cells without a mark are filled throughout.
    column, row = position(date(2026, 11, 30))
    assert (
        picture.getpixel(layout.mark_pixel(column, row, CellMark.DOT))
        == STYLES[DayState.MISSED].fill
    )
    # Still to come: an outline around white.
    column, row = position(TODAY + timedelta(days=1))
    assert picture.getpixel(layout.mark_pixel(column, row, CellMark.OUTLINE)) == RULE


def test_today_is_framed_and_no_other_day(picture: Image.Image) -> None:
    layout = Layout()
    x0, y0, x1, y1 = layout.cell_pixels(*position(TODAY))
    middle = (y0 + y1) // 2
    assert picture.getpixel((x0 - 1, middle)) == BLACK  # the frame, in the gap left of the cell
    assert picture.getpixel((x1 + 1, middle)) == BLACK
    x0, y0, x1, y1 = layout.cell_pixels(*position(TODAY - timedelta(days=1)))
    assert picture.getpixel((x0 - 1, (y0 + y1) // 2)) == WHITE


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_legend_names_every_state_in_the_members_language(lang: str) -> None:
    entries = legend_entries(texts(lang))
    assert [state for _, state in entries] == [*LEGEND, None]
    assert set(LEGEND) == set(DayState)
    labels = [label for label, _ in entries]
    assert labels == [CATALOG.text(f"picture.state.{s.value}", lang) for s in LEGEND] + [
        CATALOG.text("picture.today", lang)
    ]
    assert len(set(labels)) == len(labels) and all(labels)
    # Drawn: each entry's swatch in its state's colour, its text in ink beside it, uncut.
    layout = Layout()
    image = image_of(render_heatmap(KNOWN, TODAY, texts(lang)))
    room = layout.legend_column_width - CELL - LEGEND_SWATCH_GAP - 6
    for index, (label, state) in enumerate(entries):
        x, y = layout.legend_cell(index)
        inside = (round((x + 2) * SCALE), round((y + 2) * SCALE))
        expected = STYLES[state].fill if state is not None else WHITE
        assert image.getpixel(inside) == expected, label
        text_box = Canvas.box(x + CELL + LEGEND_SWATCH_GAP, y, room, CELL)
        region = image.crop((text_box[0], text_box[1], text_box[2] + 1, text_box[3] + 1))
        assert region.convert("L").getextrema()[0] < 100, f"no text for {label!r}"
        assert Canvas.fit(label, 11, room) == printable(label), f"{label!r} is cut"
    # The two languages' legends differ where their words differ.
    other = image_of(render_heatmap(KNOWN, TODAY, texts("en" if lang == "nl" else "nl")))
    top = layout.legend_top * SCALE
    assert (
        image.crop((0, top, image.width, image.height)).tobytes()
        != other.crop((0, top, other.width, other.height)).tobytes()
    )


def _tofu() -> bytes:
    return bytes(font(11).getmask("\u4e00"))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_text_the_pictures_draw_has_glyphs(lang: str) -> None:
    keys = [
        "picture.heatmap.title",
        "picture.today",
        "picture.cohort.title",
        "picture.cohort.legend",
        "picture.cohort.week",
        *(f"picture.state.{s.value}" for s in DayState),
        *(f"month.short.{m}" for m in range(1, 13)),
        *(f"day.short.{d}" for d in range(7)),
    ]
    tofu = _tofu()
    for key in keys:
        text = printable(CATALOG.text(key, lang, weeks=WEEKS))
        assert "?" not in text, key
        for char in set(text) - {" "}:
            assert bytes(font(11).getmask(char)) != tofu, (key, char)


def test_printable_folds_what_the_font_cannot_draw() -> None:
    assert printable("Zoë Çelik — één") == "Zoe Celik - een"
    assert printable("Straße\tøre\x1b[31m\u200b") == "Strasse ore[31m"
    assert printable("李雷 Anna") == "?? Anna"


# ------------------------------------------------------------------- colour vision
#
# Machado, Oliveira & Fernandes (2009) full-severity simulation matrices, applied in linear
# RGB; distances are CIE76 ΔE in CIELAB (D65).

VISIONS = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
APART = 15.0  # ΔE between two states drawn with the same mark, in every vision


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(colour: Colour, vision: str) -> tuple[float, float, float]:
    linear = [_linear(c) for c in colour]
    matrix = VISIONS[vision]
    simulated = [
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, linear, strict=True)))) for row in matrix
    ]
    return _lab((simulated[0], simulated[1], simulated[2]))


def test_no_two_states_look_alike_without_a_mark_to_tell_them_apart() -> None:
    close = []
    for (a, style_a), (b, style_b) in itertools.combinations(STYLES.items(), 2):
        if style_a.mark is not style_b.mark:
            continue
        for vision in VISIONS:
            distance = math.dist(seen(style_a.fill, vision), seen(style_b.fill, vision))
            if distance < APART:
                close.append(f"{a} and {b} in {vision}: ΔE {distance:.1f}")
    assert close == []


def test_no_red_green_pair() -> None:
    # Reflected (counts) and missed (breaks) are blue and vermillion: apart in every vision.
    for vision in VISIONS:
        reflected = seen(STYLES[DayState.REFLECTED].fill, vision)
        missed = seen(STYLES[DayState.MISSED].fill, vision)
        assert math.dist(reflected, missed) > 40, vision
