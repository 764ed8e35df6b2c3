"""A cohort at a glance, for a trainer's report: members × weeks, each cell the number of days
that member practised in that week.

Cells are shaded on one blue scale, light to dark (lightness alone carries the number, so no
colour vision is needed to read it), and the number is written in the cell as well. Members
come as display labels with their weekly counts (plain data; the report decides who is shown
and how they are named). ISO week numbers head the columns; a legend explains the scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from bot.pictures.canvas import DRAWING, INK, MUTED, RULE, SCALE, WHITE, Canvas, Colour
from bot.texts import Texts

# Days practised in a week (0..7) → shade: white with a rule for none, then a sequential blue
# ramp (ColorBrewer "Blues", 7 classes), each step lighter to darker.
SHADES: Final[tuple[Colour, ...]] = (
    WHITE,
    (0xEF, 0xF3, 0xFF),
    (0xC6, 0xDB, 0xEF),
    (0x9E, 0xCA, 0xE1),
    (0x6B, 0xAE, 0xD6),
    (0x42, 0x92, 0xC6),
    (0x21, 0x71, 0xB5),
    (0x08, 0x45, 0x94),
)
DARK_FROM: Final = 5  # from this count on the number is written in white

MARGIN: Final = 8
TITLE_SIZE: Final = 13
TITLE_HEIGHT: Final = 20
LABEL_SIZE: Final = 10
HEADER_HEIGHT: Final = 14
NUMBER_SIZE: Final = 9
CELL_W: Final = 18
CELL_H: Final = 14
GAP: Final = 2
MAX_LABEL_WIDTH: Final = 120
MIN_LABEL_WIDTH: Final = 30
LEGEND_TOP_GAP: Final = 10


@dataclass(frozen=True, slots=True)
class CohortRow:
    """One member: how they are shown, and their days practised per week (oldest first)."""

    label: str
    days: Sequence[int]


@dataclass(frozen=True, slots=True)
class CohortLayout:
    """Where everything goes for ``rows`` members over ``weeks`` weeks, the names given
    ``label_width`` logical pixels."""

    rows: int
    weeks: int
    label_width: int

    @property
    def grid_left(self) -> int:
        return MARGIN + self.label_width + 4

    @property
    def grid_top(self) -> int:
        return MARGIN + TITLE_HEIGHT + HEADER_HEIGHT

    @property
    def legend_top(self) -> int:
        return self.grid_top + self.rows * (CELL_H + GAP) - GAP + LEGEND_TOP_GAP

    @property
    def width(self) -> int:
        grid = self.grid_left + self.weeks * (CELL_W + GAP) - GAP + MARGIN
        return max(grid, MARGIN + self.legend_width + MARGIN)

    @property
    def legend_width(self) -> int:
        return 8 * (CELL_W + GAP) - GAP

    @property
    def height(self) -> int:
        return self.legend_top + LABEL_SIZE + 4 + CELL_H + MARGIN

    def legend_cell(self, count: int) -> tuple[int, int]:
        """The logical top-left corner of the legend's cell for ``count`` days (0..7)."""
        return MARGIN + count * (CELL_W + GAP), self.legend_top + LABEL_SIZE + 4

    def cell(self, row: int, week: int) -> tuple[int, int]:
        """The logical top-left corner of ``row``'s cell in column ``week``."""
        return self.grid_left + week * (CELL_W + GAP), self.grid_top + row * (CELL_H + GAP)

    def fill_pixel(self, row: int, week: int) -> tuple[int, int]:
        """A device pixel of that cell that shows its shade (not its number)."""
        x, y = self.cell(row, week)
        return round((x + 2) * SCALE), round((y + 2) * SCALE)

    def legend_pixel(self, count: int) -> tuple[int, int]:
        """A device pixel of the legend's cell for ``count`` that shows its shade."""
        x, y = self.legend_cell(count)
        return round((x + 2) * SCALE), round((y + 2) * SCALE)


def draw_count(canvas: Canvas, x: float, y: float, count: int) -> None:
    """One cell: the shade of ``count`` (0..7) with the number written in it."""
    count = max(0, min(7, count))
    canvas.rect(
        x, y, CELL_W, CELL_H, fill=SHADES[count], outline=RULE if count == 0 else None, width=1
    )
    colour = WHITE if count >= DARK_FROM else INK
    canvas.text(x + CELL_W / 2, y + CELL_H / 2, str(count), NUMBER_SIZE, colour, anchor="mm")


def render_cohort(
    rows: Sequence[CohortRow], first_week: date, texts: Texts, *, weeks: int | None = None
) -> bytes:
    """The cohort picture as PNG bytes: one line per row (in the given order), one column per
    week from the week of ``first_week`` on (``weeks`` columns, else as many as the longest
    row has). Counts outside 0..7 are drawn as 0 or 7; a missing week as 0. Safe to call from
    any thread."""
    with DRAWING:
        return _draw(rows, first_week, texts, weeks)


def _draw(rows: Sequence[CohortRow], first_week: date, texts: Texts, weeks: int | None) -> bytes:
    monday = first_week - timedelta(days=first_week.weekday())
    columns = weeks if weeks is not None else max((len(r.days) for r in rows), default=0)
    widest = max((Canvas.text_width(r.label, LABEL_SIZE) for r in rows), default=0.0)
    label_width = int(min(MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, widest + 1)))
    layout = CohortLayout(len(rows), columns, label_width)
    canvas = Canvas(layout.width, layout.height)

    title = Canvas.fit(texts("picture.cohort.title"), TITLE_SIZE, layout.width - 2 * MARGIN)
    canvas.text(MARGIN, MARGIN + TITLE_SIZE, title, TITLE_SIZE, INK)

    # ISO week numbers over the columns, the word "week" over the names.
    header = layout.grid_top - 4
    canvas.text(
        MARGIN,
        header,
        Canvas.fit(texts("picture.cohort.week"), LABEL_SIZE, label_width),
        LABEL_SIZE,
        MUTED,
    )
    for week in range(columns):
        x, _ = layout.cell(0, week)
        number = (monday + timedelta(weeks=week)).isocalendar().week
        canvas.text(x + CELL_W / 2, header, str(number), LABEL_SIZE, MUTED, anchor="ms")

    for index, row in enumerate(rows):
        _, y = layout.cell(index, 0)
        name = Canvas.fit(row.label, LABEL_SIZE, label_width)
        canvas.text(MARGIN, y + CELL_H - 3, name, LABEL_SIZE, INK)
        for week in range(columns):
            x, _ = layout.cell(index, week)
            draw_count(canvas, x, y, row.days[week] if week < len(row.days) else 0)

    # The legend: what the numbers are, then the scale 0..7.
    top = layout.legend_top
    caption = Canvas.fit(texts("picture.cohort.legend"), LABEL_SIZE, layout.width - 2 * MARGIN)
    canvas.text(MARGIN, top + LABEL_SIZE, caption, LABEL_SIZE, MUTED)
    for count in range(8):
        draw_count(canvas, *layout.legend_cell(count), count)
    return canvas.png()
