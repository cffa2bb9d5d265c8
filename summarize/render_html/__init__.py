"""The ``html`` format: a self-contained provenance page (template, script and style ship in this package)."""

from .page import to_html

__all__ = ["to_html"]
