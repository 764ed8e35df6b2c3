"""The cohort picture: members × weeks, each cell shaded and numbered by the days practised."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from bot.pictures.canvas import SCALE
from bot.pictures.cohort import SHADES, CohortLayout, CohortRow, render_cohort
from bot.texts import Texts
from content import load_catalog

CATALOG = load_catalog()
ROWS = (
    CohortRow("Anna", (0, 1, 2, 3)),
    CohortRow("Bob", (4, 5, 6, 7)),
    CohortRow("Zoë, who has a name far too long to show whole", (9, -1)),
)


def image_of(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_a_png_with_one_shaded_cell_per_member_and_week() -> None:
    png = render_cohort(ROWS, date(2026, 11, 4), Texts(CATALOG, "en"))
    image = image_of(png)
    assert image.format == "PNG" and image.mode == "RGB"
    layout = CohortLayout(rows=3, weeks=4, label_width=120)
    assert image.size == (layout.width * SCALE, layout.height * SCALE)
    expected = [(0, 1, 2, 3), (4, 5, 6, 7), (7, 0, 0, 0)]  # clipped to 0..7; missing weeks 0
    for row, counts in enumerate(expected):
        for week, count in enumerate(counts):
            assert image.getpixel(layout.fill_pixel(row, week)) == SHADES[count], (row, week)
    # The legend shows the whole scale, 0 to 7 days.
    for count, shade in enumerate(SHADES):
        assert image.getpixel(layout.legend_pixel(count)) == shade


def test_shades_darken_with_each_day() -> None:
    lightness = [sum(shade) for shade in SHADES]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 8


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_same_data_gives_the_same_bytes_and_texts_in_the_language(lang: str) -> None:
    once = render_cohort(ROWS, date(2026, 11, 2), Texts(CATALOG, lang), weeks=6)
    assert once == render_cohort(ROWS, date(2026, 11, 2), Texts(CATALOG, lang), weeks=6)
    other = render_cohort(ROWS, date(2026, 11, 2), Texts(CATALOG, "en" if lang == "nl" else "nl"))
    assert once != other


def test_no_members_still_draws_a_picture() -> None:
    image = image_of(render_cohort((), date(2026, 11, 2), Texts(CATALOG, "nl")))
    assert image.width > 0 and image.height > 0
