"""What the pictures share: drawing in logical pixels, the palette, the font, PNG bytes.

A picture is laid out in logical pixels and drawn at ``SCALE`` device pixels per logical one:
a chat preview about 400 px wide shows the logical size, a high-density screen the full one.

Colours come from the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen
to stay apart for the common colour-vision deficiencies; where two states could still look
alike, their cells also differ by a mark (see ``heatmap``).

Text is drawn with the font that ships inside Pillow (``ImageFont.load_default``: Aileron,
scalable, when Pillow has FreeType, as its wheels do; else Pillow's bitmap font), so nothing is
downloaded or looked up on the system at run time. That font draws ASCII and a few signs only:
``printable`` folds everything else first (accents dropped, dashes made hyphens, the rest a
question mark), so no text ever shows as empty boxes.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from functools import lru_cache
from typing import TypeAlias

from PIL import Image, ImageDraw, ImageFont

SCALE = 2  # device pixels per logical pixel

# One picture is drawn at a time per process: the fonts are shared, and a FreeType face must
# not be used by two threads at once (pictures may be drawn off the event loop).
DRAWING = threading.Lock()

Colour: TypeAlias = tuple[int, int, int]

# The Okabe–Ito palette.
ORANGE: Colour = (0xE6, 0x9F, 0x00)
SKY_BLUE: Colour = (0x56, 0xB4, 0xE9)
BLUISH_GREEN: Colour = (0x00, 0x9E, 0x73)
YELLOW: Colour = (0xF0, 0xE4, 0x42)
BLUE: Colour = (0x00, 0x72, 0xB2)
VERMILLION: Colour = (0xD5, 0x5E, 0x00)
REDDISH_PURPLE: Colour = (0xCC, 0x79, 0xA7)
BLACK: Colour = (0x00, 0x00, 0x00)

# Neutrals: the page, text, and the greys of empty cells.
WHITE: Colour = (0xFF, 0xFF, 0xFF)
INK: Colour = (0x22, 0x22, 0x22)
MUTED: Colour = (0x59, 0x59, 0x59)  # secondary text: 7:1 on white
RULE: Colour = (0x99, 0x99, 0x99)
PALE: Colour = (0xEE, 0xEE, 0xEE)

Font: TypeAlias = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Signs outside ASCII the shipped font has glyphs for (checked by the tests).
_EXTRA_GLYPHS = frozenset("©«°±´·»‘’“”…‹›")
# Letters and signs with no decomposition into ASCII, written the usual plain way.
_PLAIN = {
    "—": "-",
    "–": "-",
    "‐": "-",
    "−": "-",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
    "×": "x",
    "→": "->",
}


def printable(text: str) -> str:
    """``text`` as the shipped font can draw it: accents dropped ("één" → "een"), dashes as
    hyphens, line breaks as spaces, control characters gone, anything else a "?"."""
    folded = unicodedata.normalize("NFKD", "".join(_PLAIN.get(c, c) for c in text))
    out: list[str] = []
    for c in folded:
        if " " <= c <= "~" or c in _EXTRA_GLYPHS:
            out.append(c)
        elif c in "\t\n\r":
            out.append(" ")
        elif unicodedata.combining(c) or unicodedata.category(c)[0] in "CZ":
            continue  # accents, controls, format characters, odd spaces
        else:
            out.append("?")
    return "".join(out)


@lru_cache(maxsize=16)
def font(size: int) -> Font:
    """The shipped font at ``size`` logical pixels."""
    return ImageFont.load_default(size=size * SCALE)


class Canvas:
    """A white picture of ``width`` × ``height`` logical pixels, drawn at ``SCALE``."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.image = Image.new("RGB", (width * SCALE, height * SCALE), WHITE)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def box(x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
        """The device pixels of a logical ``w`` × ``h`` box at ``(x, y)``, both ends included
        (Pillow's convention)."""
        x0, y0 = round(x * SCALE), round(y * SCALE)
        return x0, y0, round((x + w) * SCALE) - 1, round((y + h) * SCALE) - 1

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 1,
    ) -> None:
        self.draw.rectangle(
            self.box(x, y, w, h),
            fill=fill,
            outline=outline,
            width=round(width * SCALE) if outline is not None else 0,
        )

    def line(self, points: list[tuple[float, float]], colour: Colour, width: float = 1) -> None:
        self.draw.line(
            [(round(px * SCALE), round(py * SCALE)) for px, py in points],
            fill=colour,
            width=round(width * SCALE),
        )

    def dot(self, cx: float, cy: float, r: float, colour: Colour) -> None:
        self.draw.ellipse(
            (
                round((cx - r) * SCALE),
                round((cy - r) * SCALE),
                round((cx + r) * SCALE) - 1,
                round((cy + r) * SCALE) - 1,
            ),
            fill=colour,
        )

    def text(
        self, x: float, y: float, text: str, size: int, colour: Colour = INK, anchor: str = "ls"
    ) -> None:
        """Draw ``text`` (made ``printable``) with its anchor at ``(x, y)``: "ls" is the left
        end of the baseline, "rs" the right end, "ms" the middle (Pillow's anchors)."""
        self.draw.text(
            (round(x * SCALE), round(y * SCALE)),
            printable(text),
            font=font(size),
            fill=colour,
            anchor=anchor,
        )

    @staticmethod
    def text_width(text: str, size: int) -> float:
        """How wide ``text`` is drawn at ``size``, in logical pixels."""
        return font(size).getlength(printable(text)) / SCALE

    @classmethod
    def fit(cls, text: str, size: int, width: float) -> str:
        """``text`` cut to ``width`` logical pixels, with "..." when cut."""
        text = printable(text)
        if cls.text_width(text, size) <= width:
            return text
        while text and cls.text_width(text + "...", size) > width:
            text = text[:-1]
        return text.rstrip() + "..."

    def png(self) -> bytes:
        """The picture as PNG bytes; the same drawing gives the same bytes (no time stamps,
        fixed compression)."""
        out = io.BytesIO()
        self.image.save(out, format="PNG", optimize=False, compress_level=3)
        return out.getvalue()
