"""The one-shot commands on a deployment's content and store: ``ballback today`` (a preview of a
channel's nudge), ``status`` (what is due, sent, waiting and missed per channel), ``member
export`` and ``member forget`` (a member's data, for an operator), ``calendar``, ``cohort``,
``report``, ``content check`` and ``content stats``. They get the app and the card renderer
through the composition root's ``Wiring``, so nothing here imports the store or an adapter."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.commandline.app import EXIT_USAGE, StartupError, Wiring

if TYPE_CHECKING:
    from bot.model import MemberRef, Place
    from bot.settings import Settings


async def _today(
    wiring: Wiring, settings: Settings, channel: str, day: date | None, lang: str | None
) -> int:
    from bot.cards import nudge_card
    from bot.model import Place

    app = await wiring.build_app(settings)
    try:
        place = Place("console", "local", channel)
        # A preview: what that day's nudge will say, with nothing written (no channel row,
        # no pick, no step of the channel's bag of skills).
        pick, stored = await app.practice.daily.preview_pick(place, day)
        language = lang or stored.language
        print(f"{pick.local_date.isoformat()}  #{channel}")
        print(wiring.render_card(nudge_card(app.practice.catalog, pick, language)))
    finally:
        await app.close()
    return 0


async def _calendar(
    wiring: Wiring,
    settings: Settings,
    channel: str,
    first: date | None,
    days: int,
    lang: str | None,
    as_json: bool,
) -> int:
    import json

    from bot.model import Place
    from bot.texts import Texts
    from bot.usecases.calendar import calendar_days, calendar_lines

    parts = channel.split(":")
    if len(parts) == 3 and all(parts):
        place = Place(*parts)
    elif ":" not in channel and channel:
        place = Place("console", "local", channel)
    else:
        raise StartupError(f"not a channel: {channel!r} (an id, or platform:workspace:channel)")
    app = await wiring.build_app(settings)
    try:
        catalog = app.practice.catalog
        start = first
        if start is None:
            preview, _ = await app.practice.daily.preview_pick(place)
            start = preview.local_date
        # Read only: what the nudges will post, nothing written (as ``today``).
        picks, stored = await app.practice.daily.calendar(place, start, days)
        language = lang or stored.language
        found = calendar_days(catalog, picks, stored.difficulty, language)
    finally:
        await app.close()
    if as_json:
        for day in found:
            print(json.dumps(day.as_json(), ensure_ascii=False))
        return 0
    print(f"#{place.channel}  {start.isoformat()} + {days} day(s)")
    for line in calendar_lines(catalog, found, Texts(catalog, language)):
        print(line)
    return 0


def _place_of(channel: str) -> Place:
    from bot.model import Place

    parts = channel.split(":")
    if len(parts) == 3 and all(parts):
        return Place(*parts)
    if ":" not in channel and channel:
        return Place("console", "local", channel)
    raise StartupError(f"not a channel: {channel!r} (an id, or platform:workspace:channel)")


async def _cohort(
    wiring: Wiring, settings: Settings, channel: str, user: str, file: Path | None, words: list[str]
) -> int:
    from bot.model import Actor
    from bot.parsing import InputError, is_platform_id
    from bot.usecases.cohort import CohortUseCase, lessons_from_file

    place = _place_of(channel)
    if not is_platform_id(user):
        raise StartupError(f"not a user id: {user[:40]!r}")
    # The operator (bot.access: Role.OPERATOR) acts as the member ``user``.
    actor = Actor(place.platform, place.workspace, user, user, is_operator=True)
    lessons = None
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StartupError(f"cannot read {file}: {exc}") from None
    app = await wiring.build_app(settings)
    try:
        use = CohortUseCase(app.practice)
        if file is not None:
            try:
                lessons = lessons_from_file(file.name, text)
            except InputError as error:
                lang = app.practice.defaults.language
                text = app.practice.context.text(error.key, lang, **error.params)
                raise StartupError(text) from None
            reply = await use.load(actor, place, lessons)
        else:
            reply = await use.cohort(actor, place, " ".join(words))
    finally:
        await app.close()
    if reply.errors:
        for message in reply.errors.values():
            print(message, file=sys.stderr)
        return EXIT_USAGE
    for card in reply.cards:
        print(wiring.render_card(card))
    return 0


async def _report(
    wiring: Wiring,
    settings: Settings,
    channel: str,
    first: date | None,
    last: date | None,
    form: str,
    lang: str | None,
    picture: Path | None = None,
) -> int:
    from datetime import timedelta

    from bot.messages import Field
    from bot.model import SharedItem
    from bot.texts import Texts
    from bot.usecases.sharing import item_fields
    from bot.usecases.trainer_report import (
        MAX_REPORT_DAYS,
        as_csv,
        as_json,
        report_cards,
        trainer_report,
    )

    place = _place_of(channel)
    app = await wiring.build_app(settings)
    try:
        ctx = app.practice.context
        async with app.store.read() as tx:
            stored = await tx.channels.get(place)
            if stored is None:
                raise StartupError(f"no channel {channel!r} here (see `ballback status`)")
            end = last or ctx.local_date(stored)
            start = first or end - timedelta(days=27)
            if end < start:
                raise StartupError(f"--to {end} is before --from {start}")
            if (end - start).days + 1 > MAX_REPORT_DAYS:
                raise StartupError(f"a report covers at most {MAX_REPORT_DAYS} days")
            # The operator sees what the trainers see (bot.access), shared texts included.
            report = await trainer_report(ctx, tx, place, start, end, with_shared=True)
        language = lang or stored.language
    finally:
        await app.close()
    if picture is not None:
        from bot.usecases.trainer_report import cohort_picture

        png = cohort_picture(report, Texts(app.practice.catalog, language))
        try:
            picture.write_bytes(png)
        except OSError as exc:
            raise StartupError(f"cannot write {picture}: {exc.strerror}") from None
        print(f"cohort picture: {picture}", file=sys.stderr)
    if form == "csv":
        sys.stdout.write(as_csv(report))
    elif form == "json":
        print(as_json(report))
    else:
        t = Texts(app.practice.catalog, language)

        def name(skill_id: str) -> str:
            return app.practice.catalog.skill(skill_id).name.get(language)

        def describe(item: SharedItem) -> tuple[Field, ...]:
            return item_fields(ctx, item, language)

        for card in report_cards(report, t, name, describe):
            print(wiring.render_card(card))
    return 0


async def _status(wiring: Wiring, settings: Settings, wanted: str | None) -> int:
    from bot.usecases.status import channel_status, status_lines

    app = await wiring.build_app(settings)
    try:
        now = app.clock.now()
        async with app.store.read() as tx:
            channels = list(await tx.channels.list())
            if wanted is not None:
                channels = [c for c in channels if _names(c.place, wanted)]
                if not channels:
                    raise StartupError(
                        f"no channel {wanted!r} here; give a channel id as `ballback status` "
                        "lists them (or platform:workspace:channel)"
                    )
            statuses = [await channel_status(tx, c, now) for c in channels]
    finally:
        await app.close()
    print(f"{len(statuses)} channel(s), {now:%Y-%m-%d %H:%M} UTC")
    for status in statuses:
        print()
        print("\n".join(status_lines(status)))
    return 0


def _names(place: Place, wanted: str) -> bool:
    """Whether ``wanted`` names the channel: its id, or ``platform:workspace:channel``."""
    return wanted in (place.channel, f"{place.platform}:{place.workspace}:{place.channel}")


def member_ref(platform: str, workspace: str, user: str) -> MemberRef:
    """The member the operator named, or a StartupError saying which id is malformed: ids as
    the platforms give them (``bot.parsing``), so no NUL, lone surrogate or over-long text
    reaches the database."""
    from bot.model import MemberRef
    from bot.parsing import MAX_PLATFORM_ID, is_plain_id, is_platform_id

    if not is_plain_id(platform):
        raise StartupError(
            f"not a platform: {_shown(platform)} (slack, discord or console: letters, "
            "digits, - and _)"
        )
    for name, value, ok in (
        ("workspace", workspace, is_platform_id(workspace) and " " not in workspace),
        ("user", user, bool(user) and is_platform_id(user) and " " not in user),
    ):
        if not ok:
            raise StartupError(
                f"not a {name} id: {_shown(value)} (printable ASCII without spaces, at most "
                f"{MAX_PLATFORM_ID} characters)"
            )
    return MemberRef(platform, workspace, user)


def _shown(value: str, limit: int = 40) -> str:
    """An id as an error line shows it: quoted, escaped (control characters, lone surrogates),
    cut to ``limit`` characters with the length said."""
    if len(value) <= limit:
        return ascii(value)
    return f"{value[:limit]!a}… ({len(value)} characters)"


def _who(ref: MemberRef) -> str:
    return f"{ref.platform}/{ref.workspace}/{ref.user}"


def _unknown(ref: MemberRef) -> StartupError:
    return StartupError(
        f"no member {_who(ref)} in this database; nothing changed (give the ids as the "
        "platform knows them: `ballback member --help`)"
    )


async def _member_export(
    wiring: Wiring, settings: Settings, ref: MemberRef, out: Path | None
) -> int:
    from bot.mydata import MyData
    from bot.settings import default_files_dir

    app = await wiring.build_app(settings)
    try:
        attachment = await MyData(app.practice).export_member(ref)
    finally:
        await app.close()
    if attachment is None:
        raise _unknown(ref)
    path = out if out is not None else default_files_dir() / attachment.filename
    try:
        if out is None:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(path, attachment.data)
    except OSError as exc:
        print(f"ballback: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, readable and writable by its owner alone (mode 0600, also
    when the file was already there): an export holds everything a member wrote."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(data)


async def _member_forget(
    wiring: Wiring, settings: Settings, ref: MemberRef, yes: bool, stdin: TextIO, stdout: TextIO
) -> int:
    from bot.mydata import MyData

    app = await wiring.build_app(settings)
    try:
        async with app.store.read() as tx:
            member = await tx.members.get(ref)
        if member is None:
            raise _unknown(ref)
        if not yes:
            if not stdin.isatty():
                raise StartupError(
                    f"not deleting {_who(ref)} without a confirmation: run this on a terminal "
                    "to be asked, or add --yes"
                )
            name = "".join(c if c.isprintable() else "?" for c in member.display_name)
            stdout.write(
                f"Delete {name} ({_who(ref)}) and everything ballback keeps about them? "
                "This cannot be undone. [y/N] "
            )
            stdout.flush()
            if stdin.readline().strip().lower() not in ("y", "yes"):
                print("Nothing deleted.", file=stdout)
                return 1
        if not await MyData(app.practice).forget_member(ref):
            raise _unknown(ref)  # deleted meanwhile
    finally:
        await app.close()
    print(f"Deleted {_who(ref)} and everything of theirs.", file=stdout)
    return 0


def _content_check(directory: Path | None) -> int:
    from content import check_pack, load_catalog

    problems = check_pack(directory)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return EXIT_USAGE
    catalog = load_catalog(directory)
    print(
        f"Content OK: {len(catalog.skills)} skills, {len(catalog.habits)} habits, "
        f"{len(catalog.scenarios)} scenarios, {len(catalog.forms)} feedback forms, "
        f"{len(catalog.reflection_sets)} reflection sets."
    )
    return 0


def _content_stats(directory: Path | None) -> int:
    from bot.content_stats import stats_lines
    from content import check_pack, load_catalog

    if check_pack(directory):
        return _content_check(directory)  # the problems, as `content check` prints them
    for line in stats_lines(load_catalog(directory)):
        print(line)
    return 0
