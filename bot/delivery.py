"""Delivering notices: private messages, practice-space posts and channel posts via ``Chat``."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.messages import Notice
from bot.model import MemberRef
from bot.ports import Chat, Store

log = logging.getLogger("ballback.delivery")


class Courier:
    """Hands notices to the right platform's ``Chat``; opens practice spaces on first use."""

    def __init__(self, store: Store, chats: Mapping[str, Chat]) -> None:
        self.store = store
        self.chats = chats

    async def deliver(self, notices: Sequence[Notice]) -> list[str]:
        """Deliver every notice; a failure is logged and the rest still go out.

        Returns one line per failed notice (empty when all went out).
        """
        failures = []
        consenting = await self._consenting(notices)
        for notice in notices:
            chat = self.chats.get(notice.place.platform)
            if chat is None:
                continue  # that platform is not running in this process
            try:
                if notice.member is not None:
                    if not chat.private_needs_consent or notice.member in consenting:
                        await chat.send_private(notice.place, notice.member, notice.card)
                        continue
                    if notice.fallback is None:
                        continue  # the member reads it through the buttons in their space
                    notice = replace(notice, card=notice.fallback, member=None)
                if notice.group_id is not None:
                    space = await self._space(chat, notice)
                    await chat.post_in_space(notice.place, space, notice.card)
                else:
                    await chat.post(notice.place, notice.card)
            except Exception as exc:  # one undeliverable message must not stop the others
                log.warning(
                    "could not deliver %r on %s: %s", notice.card.title, notice.place.platform, exc
                )
                failures.append(f"{notice.card.title}: {exc}")
        return failures

    async def _consenting(self, notices: Sequence[Notice]) -> frozenset[MemberRef]:
        """The members among the private notices' recipients who asked for direct messages,
        looked up (in one query) only for platforms that need that consent."""
        asked = {
            n.member
            for n in notices
            if n.member is not None
            and (chat := self.chats.get(n.place.platform)) is not None
            and chat.private_needs_consent
        }
        if not asked:
            return frozenset()
        async with self.store.transaction() as tx:
            found = await tx.get_members(asked)
        return frozenset(ref for ref, member in found.items() if member.dms)

    async def _space(self, chat: Chat, notice: Notice) -> str:
        assert notice.group_id is not None
        async with self.store.transaction() as tx:
            group = await tx.get_group(notice.group_id)
        if group is None:
            raise LookupError(f"no group {notice.group_id}")
        if group.space_ref:
            return group.space_ref
        members = notice.space_members or tuple(s.member for s in group.seats)
        ref = await chat.open_space(notice.place, members, notice.space_title)
        async with self.store.transaction() as tx:
            current = await tx.get_group(notice.group_id, for_update=True)
            if current is not None and current.space_ref:
                return current.space_ref  # another delivery opened one meanwhile
            if current is not None:
                await tx.save_group(replace(current, space_ref=ref))
        return ref
