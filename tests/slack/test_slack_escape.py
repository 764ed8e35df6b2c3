"""Slack's escape and its way back: what a member typed survives a round trip, and markup in
a message is read as the plain text it shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.escape import escape, plain


@given(st.text())
def test_plain_undoes_escape(text: str) -> None:
    assert plain(escape(text)) == text


def test_markup_is_read_as_what_it_shows() -> None:
    said = "&lt;b&gt; &amp; <@U123> in <#C9|general>, see <https://x.example|the plan> <!here>"
    assert plain(said) == "<b> & @U123 in general, see the plan @here"


def test_a_bare_link_is_its_address() -> None:
    assert plain("<https://x.example>") == "https://x.example"
