"""ballback's core: domain model, rules, use cases, neutral messages and the scheduler.

Nothing in this package (except ``bot.cli``, the composition root) imports a chat platform,
SQLAlchemy, ``storage`` or ``adapters``; ``tests/test_dependency_rule.py`` enforces it.
"""
