"""The parts of one transaction, one module per area (each a port of ``bot.ports``).

Every part gets the transaction's ``TxContext`` (``storage.tx.context``): its connection and
the natural key → surrogate id lookups, cached per transaction. ``storage.store.SqlTx`` builds
them and offers them as its attributes (``tx.channels``, ``tx.members``, …).
"""
