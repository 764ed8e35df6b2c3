"""The request ledger and channel roles, on every backend."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.model import Channel, Member, MemberRef, Place
from storage import open_store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PLACE = Place("slack", "T1", "C1")
ANNA = MemberRef("slack", "T1", "UANNA")


async def test_a_request_key_is_claimed_once(store) -> None:
    async with store.transaction() as tx:
        assert await tx.requests.claim("slack:event:Ev1", NOW)
        assert not await tx.requests.claim("slack:event:Ev1", NOW)
        assert await tx.requests.claim("slack:event:Ev2", NOW)


async def test_a_released_claim_can_be_claimed_again(store) -> None:
    async with store.transaction() as tx:
        assert await tx.requests.claim("k", NOW)
        await tx.requests.release("k")
        await tx.requests.release("never-claimed")  # harmless
    async with store.transaction() as tx:
        assert await tx.requests.claim("k", NOW)
        assert not await tx.requests.claim("k", NOW)


async def test_a_rolled_back_claim_can_be_claimed_again(store) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            assert await tx.requests.claim("k", NOW)
            raise RuntimeError("the handler failed")
    async with store.transaction() as tx:
        assert await tx.requests.claim("k", NOW)


async def test_concurrent_claims_across_stores(store_url: str, store) -> None:
    others = [await open_store(store_url) for _ in range(3)]
    try:

        async def claim(s) -> bool:
            async with s.transaction() as tx:
                return await tx.requests.claim("slack:trigger:1.2.3", NOW)

        results = await asyncio.gather(*(claim(s) for s in [store, *others] * 5))
        assert results.count(True) == 1
    finally:
        for other in others:
            await other.close()


async def test_channel_admins(store) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        await tx.members.add(Member(ANNA, "Anna"))
        assert not await tx.admins.is_admin(PLACE, ANNA)
        assert await tx.admins.set(PLACE, ANNA, True, NOW)
        assert not await tx.admins.set(PLACE, ANNA, True, NOW)  # already allowed
        assert await tx.admins.is_admin(PLACE, ANNA)
        assert not await tx.admins.is_admin(Place("slack", "T1", "C2"), ANNA)
    async with store.transaction() as tx:
        assert await tx.admins.set(PLACE, ANNA, False, NOW)
        assert not await tx.admins.is_admin(PLACE, ANNA)
        with pytest.raises(LookupError):
            await tx.admins.set(PLACE, MemberRef("slack", "T1", "UNOBODY"), True, NOW)


async def test_a_pending_request_is_claimed_in_the_first_write_transaction(store) -> None:
    from bot.ports import PENDING_REQUEST, AlreadyHandled

    token = PENDING_REQUEST.set(("discord:1", NOW))
    try:
        # Work that fails claims nothing: the platform's retry is handled.
        with pytest.raises(ValueError):
            async with store.transaction():
                raise ValueError("refused")
        async with store.transaction() as tx:  # claimed here, with the work
            await tx.channels.add(Channel(PLACE))
        async with store.transaction() as tx:  # committed: later transactions claim nothing
            assert await tx.channels.get(PLACE) is not None
    finally:
        PENDING_REQUEST.reset(token)
    # A second delivery finds the key claimed, and its work is not done.
    token = PENDING_REQUEST.set(("discord:1", NOW))
    try:
        with pytest.raises(AlreadyHandled):
            async with store.transaction() as tx:
                await tx.channels.add(Channel(Place("slack", "T1", "C9")))
    finally:
        PENDING_REQUEST.reset(token)
    async with store.read() as tx:
        assert await tx.channels.get(Place("slack", "T1", "C9")) is None
    async with store.transaction() as tx:
        assert not await tx.requests.claim("discord:1", NOW)
