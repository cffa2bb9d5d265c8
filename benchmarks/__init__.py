"""Benchmark harness for ``summarize``: ROUGE against peers, nightly runs, regression gate.

Run it as ``python -m benchmarks run DATA``; see ``benchmarks/README.md``.
This package imports ``summarize``; ``summarize`` never imports it.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
