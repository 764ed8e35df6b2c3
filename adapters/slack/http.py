"""Slack's HTTP endpoint: Bolt behind a door that turns away what no Slack would send.

Bolt parses a request's body before it checks the signature, and some bodies make it raise: a
``payload`` that is not JSON or not an object, a timestamp header that is not a number, an
interaction whose ``view`` or ``actions`` is not what Slack sends. Each of those used to be a
500 with a traceback, the first two without any valid signature. Here every request is checked
first, in this order, and answered without reaching Bolt when it fails:

1. the timestamp is a plain number and the signature is Slack's (else 401; a forger learns
   nothing about what a body may hold);
2. the body is UTF-8 and its payload (interactivity) or JSON (events) is an object whose
   ``view`` and ``actions`` have the shapes Slack sends (else 400).

One log line says which check refused it, never what the body held.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("ballback.slack")

MAX_TIMESTAMP_DIGITS = 12  # seconds since 1970 have 10 digits until the year 2286


class SlackAdapter(Protocol):
    """What the endpoint needs of ``adapters.slack.runner.SlackAdapter`` (named here, not
    imported: the runner imports this module)."""

    app: Any
    signing_secret: str | None


def events_app(adapter: SlackAdapter, path: str) -> web.Application:
    """An aiohttp application serving ``adapter``'s Bolt app on ``path``, checked first."""
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response
    from slack_bolt.request.async_request import AsyncBoltRequest
    from slack_sdk.signature import SignatureVerifier

    verifier = SignatureVerifier(adapter.signing_secret or "")

    async def handle(request: web.Request) -> web.Response:
        body = await request.read()
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= MAX_TIMESTAMP_DIGITS):
            return _refuse(401, "a timestamp that is no number")
        if not adapter.signing_secret or not verifier.is_valid(body, stamp, signature):
            return _refuse(401, "a missing, wrong or stale signature")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _refuse(400, "a body that is not UTF-8")
        if (problem := shape_problem(text, request.content_type)) is not None:
            return _refuse(400, problem)
        try:
            bolt_request = AsyncBoltRequest(
                body=text,
                query=request.query_string,
                headers=request.headers,  # type: ignore[arg-type]
            )
        except Exception:  # Bolt could still choke on something odd: a refusal, not a 500
            return _refuse(400, "a body Bolt could not read")
        return await to_aiohttp_response(await adapter.app.async_dispatch(bolt_request))

    app = web.Application()
    app.router.add_post(path, handle)
    return app


def shape_problem(text: str, content_type: str) -> str | None:
    """What is wrong with a signed body's shape, or None when Slack could have sent it."""
    if content_type == "application/json":
        try:
            data = json.loads(text)
        except ValueError:
            return "an event body that is not JSON"
        return None if isinstance(data, dict) else "an event body that is not an object"
    fields = parse_qs(text, keep_blank_values=True)
    if "payload" not in fields:
        return None  # a slash command: Bolt reads its form fields as they are
    try:
        payload = json.loads(fields["payload"][0])
    except ValueError:
        return "an interaction payload that is not JSON"
    if not isinstance(payload, dict):
        return "an interaction payload that is not an object"
    return _interaction_problem(payload)


def _interaction_problem(payload: dict[str, Any]) -> str | None:
    kind = payload.get("type")
    if kind in ("view_submission", "view_closed") and not isinstance(payload.get("view"), dict):
        return f"a {kind} without a view"
    if kind == "block_actions":
        actions = payload.get("actions")
        if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
            return "block actions that are not a list of actions"
    for key in ("user", "team", "channel", "container"):
        if key in payload and payload[key] is not None and not isinstance(payload[key], dict):
            return f"an interaction whose {key} is not an object"
    return None


def _refuse(status: int, why: str) -> web.Response:
    from aiohttp import web

    log.warning("refused a Slack request: %s", why)
    return web.Response(status=status, text="bad request" if status == 400 else "unauthorized")
