"""Asking a form's fields in the console, one by one, each checked as it is typed."""

from __future__ import annotations

from enum import Enum
from typing import TextIO

from adapters.console.reader import LineReader
from adapters.console.render import escape
from bot.forms import accepts, check_answer
from bot.messages import MAX_TEXT_INPUT, FormField
from bot.texts import Texts

BLOCK_START, BLOCK_END = "<<<", ">>>"


class Stop(Enum):
    """How a form ended without being submitted."""

    CANCEL = "cancel"
    QUIT = "quit"


async def _block(reader: LineReader) -> str | None:
    """The lines up to ``>>>`` as one answer (None: the input ended first)."""
    lines: list[str] = []
    while (line := await reader.read("  … ")) is not None:
        if line.strip() == BLOCK_END:
            return "\n".join(lines)
        lines.append(line)
    return None


async def ask(field: FormField, t: Texts, reader: LineReader, out: TextIO) -> str | Stop:
    """One field's answer, asked again at once until it is valid; a line starting with
    ``/`` is a form command (``/cancel``, ``/quit``, ``/help``), never an answer."""
    optional = "" if field.required else " " + t("console.optional")
    lines = [f"{field.label}{optional}"]
    if field.hint:
        lines.append(f"  {field.hint}")
    if field.multiline:
        lines.append("  " + t("console.block_hint"))
    if field.kind == "choice":
        lines += [f"  {i}) {c.label}" for i, c in enumerate(field.choices, start=1)]
    elif field.kind == "scale" or (field.kind == "text" and field.max_length < MAX_TEXT_INPUT):
        lines.append(f"  {accepts(field, t)}")
    out.write("\n".join(lines) + "\n")
    out.flush()
    while True:
        line = await reader.read_answer("  » ")
        if line is None:  # the end of input stops the form, nothing is saved
            return Stop.CANCEL
        typed = line.strip()
        if field.multiline and typed == BLOCK_START:
            # Several lines as one answer, also from a pipe: up to a line ">>>".
            block = await _block(reader)
            if block is None:
                return Stop.CANCEL
            line = typed = block
        if typed.startswith("//"):  # an answer that starts with a slash
            line = line.lstrip()[1:]
        elif typed.startswith("/"):
            word = typed[1:].split(maxsplit=1)[0].lower() if typed[1:].strip() else ""
            if word == "cancel":
                return Stop.CANCEL
            if word in ("quit", "exit"):
                return Stop.QUIT
            key = "console.form_help" if word == "help" else "console.form_command"
            out.write(t(key, command=escape(word)) + "\n")
            continue
        value, problem = check_answer(field, line, t)
        if problem is None:
            return value
        out.write("! " + problem.message + "\n")
