"""Names in ids and in messages: unique ids, counts, previews, sizes.

Shared by every reader of sources, so that "3 files", "a, b, c and 2 more"
and "5.0 MB" read the same in every message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..brief import Notice

__all__ = ["count", "notices_tail", "preview", "shown", "size", "unique_names"]


def unique_names(names: Sequence[str]) -> list[str]:
    """First comer keeps a name; later ones get ``-2``, ``-3``... (never reusing a taken one).

    Each name remembers its next suffix, so 20,000 copies of one id cost linear
    time, not a scan of every suffix already given.
    """
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    result = []
    for name in names:
        new = name
        if new in taken:
            n = next_suffix.get(name, 2)
            while f"{name}-{n}" in taken:
                n += 1
            new, next_suffix[name] = f"{name}-{n}", n + 1
        taken.add(new)
        result.append(new)
    return result


def size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def count(items: Sequence[object], singular: str, plural: str | None = None) -> str:
    n = len(items)
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def preview(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def notices_tail(notices: Sequence[Notice]) -> str:
    """The first notices, in parentheses, for an error that they explain ("no source has any text")."""
    if not notices:
        return ""
    messages = [n.message for n in notices[:3]]
    return " (" + "; ".join(messages) + (f"; and {len(notices) - 3} more" if len(notices) > 3 else "") + ")"


def shown(url: str) -> str:
    """A URL as messages show it: without ``user:password@``, control characters escaped."""
    url = re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", r"\1", url)
    return "".join(ch if ch.isprintable() else f"%{ord(ch):02X}" for ch in url)
