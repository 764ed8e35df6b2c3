"""Pure rules of the core: plain data in, plain data out; no I/O, no clock, no storage.

- ``bot.rules.rotation``: a channel's daily skill (shuffled bag), scenario and habit focus.
- ``bot.rules.streak``: a member's streak in their local days.
- ``bot.rules.pairing``: a round's pairs and trio with roles, avoiding recent partners.
  Its private modules: ``pairing_exact`` (small rounds), ``pairing_large`` (large rounds)
  and ``pairing_context`` (what both share).
"""
