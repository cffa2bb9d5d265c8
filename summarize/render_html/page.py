"""The provenance page: one self-contained HTML file from a Jinja2 template with autoescaping.

Every string from the input reaches the page through the template's
autoescaping, never through string building.  The page's only code is its own
static script and style (``page.js``, ``page.css``, shipped beside the
template); the Content-Security-Policy in its ``<meta>`` tag allows exactly
those two, by their SHA-256, computed here from the very strings the page
embeds, and nothing else: no other script, style, image, font, frame or fetch.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import __version__  # set before the package imports its renderers
from ..brief import Brief
from .view import page_view

if TYPE_CHECKING:
    from jinja2 import Template

_ASSETS = files(__package__)


def to_html(brief: Brief) -> str:
    """The brief and its sources as one HTML page (UTF-8, no external assets, no network)."""
    script, style = asset("page.js"), asset("page.css")
    return _template().render(
        page=page_view(brief, version=__version__),
        csp=content_security_policy(script, style),
        script=Markup(script),  # the package's own static files: the only markup not escaped
        style=Markup(style),
    )


def content_security_policy(script: str, style: str) -> str:
    """Nothing may load or run but the page's inline ``script`` and ``style``, named by hash.

    Directives a ``<meta>`` policy ignores (``frame-ancestors``, ``sandbox``,
    ``report-uri``) are left out: browsers log an error for each.
    """
    return "; ".join((
        "default-src 'none'",
        f"script-src {csp_hash(script)}",
        f"style-src {csp_hash(style)}",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ))


def csp_hash(text: str) -> str:
    """The CSP source expression of an inline script or style with exactly this content."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def asset(name: str) -> str:
    """A static file shipped in this package (template, script, style)."""
    return _ASSETS.joinpath(name).read_text(encoding="utf-8")


@cache
def _template() -> Template:
    """The page template; jinja2 is imported here, so only the ``html`` format pays for it."""
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    environment = Environment(
        loader=FunctionLoader(asset),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("page.html.j2")
