"""Use cases in their own modules, one area each (the scheduled work, off-days, status).

Each takes what an adapter or the scheduler translated (an ``Actor`` and a ``Place``, or a
claimed ``Job``) and answers with neutral messages; each runs in one store transaction.
"""
