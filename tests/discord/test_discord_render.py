"""The Discord renderer and runner helpers, without a connection."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import discord

from adapters.discord.escape import escape_untrusted
from adapters.discord.render import (
    button_id,
    card_embed,
    cards_view,
    form_custom_id,
    form_modal,
    modal_values,
    parse_custom_id,
    send_kwargs,
)
from adapters.discord.runner import invite_permissions, invite_url
from bot.messages import Action, Card, Choice, Field, Form, FormField
from bot.model import Place

PLACE = Place("discord", "2000000000000000001", "3000000000000000001")
FORM = Form(
    id="fb:12:1:partner",
    title="Feedback",
    fields=(
        FormField("P1", "choice", "Asked?", choices=(Choice("ja", "Yes"), Choice("nee", "No"))),
        FormField("P2", "scale", "Room to think", minimum=1, maximum=5),
        FormField("P6", "text", "What happened?", hint="Situation – behaviour", multiline=True),
    ),
)


def test_custom_ids_round_trip_and_fit() -> None:
    custom_id = button_id(PLACE, "feedback:12")
    assert custom_id == "bb:2000000000000000001:3000000000000000001:feedback:12"
    assert parse_custom_id(custom_id, "bb") == (PLACE.workspace, PLACE.channel, "feedback:12")
    assert parse_custom_id(form_custom_id(PLACE, FORM.id), "bbform") == (
        PLACE.workspace,
        PLACE.channel,
        FORM.id,
    )
    assert parse_custom_id("other-bot:1", "bb") is None
    assert len(form_custom_id(PLACE, FORM.id)) <= 100


async def test_member_text_is_escaped_and_buttons_are_not_stored() -> None:
    card = Card(
        title="Hi @here",
        fields=(Field("Note", "**bold** @everyone <@&123>", untrusted=True),),
        actions=(Action("join", "Join", "primary"),),
    )
    embed = card_embed(card)
    assert embed.title == "Hi @\u200bhere"
    value = embed.fields[0].value or ""
    assert "@everyone" not in value and "<@&123>" not in value and "\\*\\*bold" in value
    view = cards_view([card], PLACE)
    assert view is not None and view.is_finished()  # never kept in discord.py's store
    [button] = view.children
    assert isinstance(button, discord.ui.Button) and button.custom_id == button_id(PLACE, "join")
    assert cards_view([Card(title="plain")], PLACE) is None
    assert escape_untrusted("<@!4000000000000000001>") == "<@\u200b!4000000000000000001>"


async def test_forms_become_modals_of_text_inputs() -> None:
    modal = form_modal(FORM, PLACE)
    payload = modal.to_dict()
    assert payload["custom_id"] == form_custom_id(PLACE, FORM.id)
    inputs = [item for item in modal.children if isinstance(item, discord.ui.TextInput)]
    assert [i.custom_id for i in inputs] == ["P1", "P2", "P6"]
    assert inputs[0].placeholder == "Yes / No" and inputs[1].placeholder == "1–5"
    assert inputs[2].style is discord.TextStyle.paragraph
    assert modal.is_finished()


def test_modal_values_read_both_shapes() -> None:
    data = {
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": "a", "value": "x"}]},
            {"type": 18, "component": {"type": 4, "custom_id": "b", "value": "y"}},
        ]
    }
    assert modal_values(data) == {"a": "x", "b": "y"}


def test_invite_url_has_the_scopes_and_least_permissions() -> None:
    query = parse_qs(urlsplit(invite_url(42)).query)
    assert query["client_id"] == ["42"] and query["scope"] == ["bot applications.commands"]
    permissions = discord.Permissions(int(query["permissions"][0]))
    assert permissions == invite_permissions()
    assert permissions.send_messages and permissions.create_private_threads
    assert not permissions.mention_everyone and not permissions.manage_threads
    assert not permissions.administrator


def test_one_messages_embeds_stay_within_discords_total() -> None:
    # A helper's feedback view: partners' long answers and a kept role-play text.
    long = tuple(Field(f"Answer {i}", "x" * 1000, untrusted=True) for i in range(4))
    cards = [
        Card(title="Ball", body="b" * 500),
        *(Card(title=f"From {i}", fields=long) for i in range(3)),
    ]
    embeds = send_kwargs(cards, PLACE)["embeds"]
    assert sum(len(e) for e in embeds) <= 6000
    assert embeds[0].description == "b" * 500  # the first cards are shown whole
    assert embeds[1].fields[0].value == escape_untrusted("x" * 1000)
    assert all(f.value for e in embeds for f in e.fields)  # Discord refuses an empty value
    assert embeds[-1].fields[-1].value == "…"
