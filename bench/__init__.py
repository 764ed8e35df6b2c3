"""The ballback benchmarks: ``python -m bench`` (``make bench``) runs them all and prints figures.

Measures, each against a baseline taken in the same run on the same machine:

- ``bench.reflections``: a reflection submitted through ``Practice`` on the SQLite default store
  by 200 concurrent members, against a bare aiosqlite insert. Target: p99 under 100 ms and
  within 3x of the floor.
- ``bench.startup``: wall time of ``ballback --help``, against ``python -c pass``, and the heavy
  modules ``--help`` loads. Target: under 0.3 s, no heavy modules.

Benchmarks print medians/percentiles/throughput and ratios with a PASS/MISS word; they never
assert times. They use temporary files and 127.0.0.1 only.
"""
