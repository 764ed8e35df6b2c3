"""The ``ballback`` command line's parts that belong to the core: the arguments, the ``App``
and its settings, and the one-shot commands. The composition root (``bot/cli.py``) puts them
together with the store and the adapters."""
