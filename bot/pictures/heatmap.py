"""A member's streak as a calendar heat-map: their last 26 weeks, one cell per local day.

Weeks are columns (oldest on the left, the current week on the right), Monday to Sunday top
to bottom, months named above the column in which they begin, a legend under the grid naming
every state in the member's language, and today framed. The input is plain data: each date's
``DayState``, worked out by the use case from the streak rules.

Colours are Okabe–Ito (no red/green pair). States whose colours could still be confused in
one of the common colour-vision deficiencies also carry a mark — forgiven a dot, excused a
slash, paused two bars, still to come an outline — and a test simulates protanopia,
deuteranopia and tritanopia to check every pair of states stays apart by colour or by mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from bot.pictures.canvas import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    DRAWING,
    INK,
    MUTED,
    REDDISH_PURPLE,
    RULE,
    SCALE,
    SKY_BLUE,
    VERMILLION,
    WHITE,
    YELLOW,
    Canvas,
    Colour,
)
from bot.texts import Texts

WEEKS: Final = 26


class DayState(StrEnum):
    """What one local day is in a member's streak picture."""

    REFLECTED = "reflected"  # at least one reflection: counts
    MISSED = "missed"  # a practice day without reflection that broke the streak
    FORGIVEN = "forgiven"  # a missed practice day the weekly forgiveness bridged
    EXCUSED = "excused"  # ballback failed to deliver that day
    OFFDAY = "offday"  # one of the channel's off-days
    PAUSED = "paused"  # the member paused
    REST = "rest"  # not one of the member's practice days
    BEFORE = "before"  # a practice day before the member's first reflection
    FUTURE = "future"  # not over yet: today without a reflection, or later


class CellMark(StrEnum):
    """What is drawn on a cell besides its fill."""

    NONE = "none"
    DOT = "dot"
    SLASH = "slash"
    BARS = "bars"
    OUTLINE = "outline"


@dataclass(frozen=True, slots=True)
class Style:
    fill: Colour
    mark: CellMark = CellMark.NONE


STYLES: Final[Mapping[DayState, Style]] = {
    DayState.REFLECTED: Style(BLUE),
    DayState.MISSED: Style(VERMILLION),
    DayState.FORGIVEN: Style(SKY_BLUE, CellMark.DOT),
    DayState.EXCUSED: Style(REDDISH_PURPLE, CellMark.SLASH),
    DayState.OFFDAY: Style(YELLOW),
    DayState.PAUSED: Style(BLUISH_GREEN, CellMark.BARS),
    DayState.REST: Style((0xBB, 0xBB, 0xBB)),
    DayState.BEFORE: Style((0xF0, 0xF0, 0xF0)),
    DayState.FUTURE: Style(WHITE, CellMark.OUTLINE),
}
MARK_COLOUR: Final = WHITE  # dots, slashes and bars
TODAY_COLOUR: Final = BLACK

# The legend's order: what counts, what keeps the streak, what breaks it, then the rest.
LEGEND: Final = (
    DayState.REFLECTED,
    DayState.FORGIVEN,
    DayState.EXCUSED,
    DayState.PAUSED,
    DayState.OFFDAY,
    DayState.MISSED,
    DayState.REST,
    DayState.BEFORE,
    DayState.FUTURE,
)

# The layout, in logical pixels (``canvas.SCALE`` device pixels each).
MARGIN: Final = 8
TITLE_SIZE: Final = 13
TITLE_HEIGHT: Final = 20
LABEL_SIZE: Final = 10
MONTH_HEIGHT: Final = 14
DAY_LABEL_WIDTH: Final = 24
CELL: Final = 12
GAP: Final = 2
PITCH: Final = CELL + GAP
LEGEND_SIZE: Final = 11
LEGEND_TOP_GAP: Final = 10
LEGEND_ROW: Final = 16
LEGEND_COLUMNS: Final = 2
LEGEND_SWATCH_GAP: Final = 5


def window(today: date, weeks: int = WEEKS) -> tuple[date, date]:
    """The picture's first and last day: the Monday ``weeks - 1`` weeks before today's week,
    and the Sunday that ends today's week."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=weeks - 1), monday + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where everything goes in a picture of ``weeks`` columns."""

    weeks: int = WEEKS

    @property
    def grid_left(self) -> int:
        return MARGIN + DAY_LABEL_WIDTH

    @property
    def grid_top(self) -> int:
        return MARGIN + TITLE_HEIGHT + MONTH_HEIGHT

    @property
    def width(self) -> int:
        return self.grid_left + self.weeks * PITCH - GAP + MARGIN

    @property
    def legend_top(self) -> int:
        return self.grid_top + 7 * PITCH - GAP + LEGEND_TOP_GAP

    @property
    def legend_rows(self) -> int:
        return -(-(len(LEGEND) + 1) // LEGEND_COLUMNS)  # the states, and "today"

    @property
    def height(self) -> int:
        return self.legend_top + self.legend_rows * LEGEND_ROW - (LEGEND_ROW - CELL) + MARGIN

    @property
    def legend_column_width(self) -> float:
        return (self.width - 2 * MARGIN) / LEGEND_COLUMNS

    def legend_cell(self, index: int) -> tuple[float, float]:
        """The logical top-left corner of the swatch of legend entry ``index``; its text
        starts ``CELL + LEGEND_SWATCH_GAP`` to the right of it."""
        row, column = divmod(index, LEGEND_COLUMNS)
        return MARGIN + 1 + column * self.legend_column_width, self.legend_top + row * LEGEND_ROW

    def cell(self, week: int, weekday: int) -> tuple[int, int]:
        """The logical top-left corner of the cell of column ``week`` (0 = oldest) and
        ``weekday`` (0 = Monday)."""
        return self.grid_left + week * PITCH, self.grid_top + weekday * PITCH

    def cell_pixels(self, week: int, weekday: int) -> tuple[int, int, int, int]:
        """The device pixels of that cell, both ends included."""
        x, y = self.cell(week, weekday)
        return Canvas.box(x, y, CELL, CELL)

    def fill_pixel(self, week: int, weekday: int) -> tuple[int, int]:
        """A device pixel of that cell that shows its fill, never its mark."""
        x, y = self.cell(week, weekday)
        return round((x + 2) * SCALE), round((y + 2) * SCALE)

    def mark_pixel(self, week: int, weekday: int, mark: CellMark) -> tuple[int, int]:
        """A device pixel of that cell that shows ``mark`` (the dot, the slash, the left bar,
        the outline)."""
        x, y = self.cell(week, weekday)
        if mark is CellMark.OUTLINE:
            return round(x * SCALE), round((y + CELL / 2) * SCALE)
        dx = -2 if mark is CellMark.BARS else 0
        return round((x + CELL / 2 + dx) * SCALE), round((y + CELL / 2) * SCALE)


def draw_cell(canvas: Canvas, x: float, y: float, style: Style) -> None:
    """One cell: its fill, then its mark."""
    if style.mark is CellMark.OUTLINE:
        canvas.rect(x, y, CELL, CELL, fill=style.fill, outline=RULE, width=1)
        return
    canvas.rect(x, y, CELL, CELL, fill=style.fill)
    cx, cy = x + CELL / 2, y + CELL / 2
    if style.mark is CellMark.DOT:
        canvas.dot(cx, cy, 2.5, MARK_COLOUR)
    elif style.mark is CellMark.SLASH:
        canvas.line([(x + CELL - 1, y + 1), (x + 1, y + CELL - 1)], MARK_COLOUR, 2)
    elif style.mark is CellMark.BARS:
        canvas.rect(cx - 3, y + 3, 2, CELL - 6, fill=MARK_COLOUR)
        canvas.rect(cx + 1, y + 3, 2, CELL - 6, fill=MARK_COLOUR)


def draw_today(canvas: Canvas, x: float, y: float) -> None:
    """The frame around today's cell, in the gap around it (the cell itself stays as is)."""
    canvas.rect(x - 1, y - 1, CELL + 2, CELL + 2, outline=TODAY_COLOUR, width=1)


def state_on(days: Mapping[date, DayState], day: date, today: date) -> DayState:
    """The state of ``day``: as given, else still to come (after today) or before the first
    reflection."""
    found = days.get(day)
    if found is not None:
        return found
    return DayState.FUTURE if day >= today else DayState.BEFORE


def legend_entries(texts: Texts) -> list[tuple[str, DayState | None]]:
    """The legend in ``texts``' language, in order: each state's name, then "today" (``None``:
    the frame around today's cell)."""
    entries: list[tuple[str, DayState | None]] = [
        (texts(f"picture.state.{state.value}"), state) for state in LEGEND
    ]
    entries.append((texts("picture.today"), None))
    return entries


def render_heatmap(
    days: Mapping[date, DayState], today: date, texts: Texts, *, weeks: int = WEEKS
) -> bytes:
    """The heat-map of the ``weeks`` weeks that end with today's, as PNG bytes.

    ``days`` maps local dates to their state; a date it leaves out is still to come (today or
    later) or before the first reflection. Texts come from ``texts`` (the member's language):
    the title, month and weekday names, and the legend. Safe to call from any thread.
    """
    with DRAWING:
        return _draw(days, today, texts, weeks)


def _draw(days: Mapping[date, DayState], today: date, texts: Texts, weeks: int) -> bytes:
    layout = Layout(weeks)
    canvas = Canvas(layout.width, layout.height)
    first, last = window(today, weeks)

    # The title, with the dates it covers on the right.
    baseline = MARGIN + TITLE_SIZE
    span = f"{first.isoformat()} - {last.isoformat()}"
    span_width = Canvas.text_width(span, LABEL_SIZE)
    title_room = layout.width - 2 * MARGIN - span_width - 8
    title = Canvas.fit(texts("picture.heatmap.title", weeks=weeks), TITLE_SIZE, title_room)
    canvas.text(MARGIN, baseline, title, TITLE_SIZE, INK)
    canvas.text(layout.width - MARGIN, baseline, span, LABEL_SIZE, MUTED, anchor="rs")

    # Month names above the column that holds each month's first day, and the first column's
    # month (one that would run into the one before it is left out; the last one is moved left
    # to stay in the picture).
    month_baseline = layout.grid_top - 4
    free_from = 0.0
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        firsts = [d for d in (monday + timedelta(days=i) for i in range(7)) if d.day == 1]
        if not firsts and week:
            continue
        name = texts(f"month.short.{(firsts[0] if firsts else monday).month}")
        width = Canvas.text_width(name, LABEL_SIZE)
        x = min(layout.cell(week, 0)[0], layout.width - MARGIN / 2 - width)
        if x < free_from:
            continue
        canvas.text(x, month_baseline, name, LABEL_SIZE, MUTED)
        free_from = x + width + 4

    # Monday, Wednesday and Friday named on the left.
    for weekday in (0, 2, 4):
        _, y = layout.cell(0, weekday)
        name = Canvas.fit(texts(f"day.short.{weekday}"), LABEL_SIZE, DAY_LABEL_WIDTH - 3)
        canvas.text(MARGIN, y + CELL - 2, name, LABEL_SIZE, MUTED)

    # The grid.
    for week in range(weeks):
        for weekday in range(7):
            day = first + timedelta(days=week * 7 + weekday)
            x, y = layout.cell(week, weekday)
            draw_cell(canvas, x, y, STYLES[state_on(days, day, today)])
            if day == today:
                draw_today(canvas, x, y)

    # The legend: every state, then today's frame, in columns.
    text_room = layout.legend_column_width - CELL - LEGEND_SWATCH_GAP - 6
    for index, (label, state) in enumerate(legend_entries(texts)):
        x, y = layout.legend_cell(index)
        if state is None:
            draw_cell(canvas, x, y, STYLES[DayState.FUTURE])
            draw_today(canvas, x, y)
        else:
            draw_cell(canvas, x, y, STYLES[state])
        text = Canvas.fit(label, LEGEND_SIZE, text_room)
        canvas.text(x + CELL + LEGEND_SWATCH_GAP, y + CELL - 1.5, text, LEGEND_SIZE, INK)
    return canvas.png()
