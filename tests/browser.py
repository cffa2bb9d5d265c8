"""Headless Chromium for the browser tests of the HTML page, and the README's screenshot.

Debian's ``chromium`` and ``chromium-driver`` packages (``apt-get install chromium
chromium-driver``; ``.ci/run`` installs them) driven by selenium (the ``dev``
extra).  ``missing()`` says why a browser cannot be started, for a skip reason.
The browser runs offline in every sense we can ask for: no background
networking, component updates, sync or QUIC, and a fresh profile each time.

``python tests/browser.py [OUT.png]`` regenerates ``docs/provenance-page.png``:
the bundled example's page (``--no-fuse``) with its second sentence focused.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


def _which(names: tuple[str, ...]) -> str | None:
    return next((path for path in map(shutil.which, names) if path), None)


def missing() -> str | None:
    """Why no browser test can run here, or ``None`` when one can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if _which(BROWSERS) is None or _which(DRIVERS) is None:
        return "no Chromium and chromedriver on PATH (apt-get install chromium chromium-driver)"
    return None


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A selenium driver of headless Chromium with a fresh profile, its console log kept; quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="summarize-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = _which(BROWSERS) or ""
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # both paths are given, so selenium never runs its driver manager (which would go online)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=_which(DRIVERS) or ""))
        try:
            yield driver
        finally:
            driver.quit()


def screenshot(out: Path) -> None:
    """The README's picture: the example's extractive page, one sentence focused so its spans are lit."""
    from PIL import Image  # Pillow comes with the bench extra (matplotlib)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from summarize import read_sources, summarize, to_html

    example = Path(__file__).resolve().parents[1] / "examples" / "london-talks"
    sources, _ = read_sources([str(example.relative_to(Path.cwd()) if example.is_relative_to(Path.cwd()) else example)])
    page = Path(tempfile.mkdtemp(prefix="summarize-page-")) / "brief.html"
    page.write_text(to_html(summarize(sources, fuse=False)), encoding="utf-8")
    with chromium() as driver:
        metrics = {"width": 1200, "height": 720, "deviceScaleFactor": 1, "mobile": False}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(page.as_uri())
        driver.execute_script("document.getElementById('s1').focus()")
        shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    shutil.rmtree(page.parent)
    # a 256-colour palette keeps text and the source colours crisp at a third of the size
    shot.quantize(256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE).save(out, optimize=True)


if __name__ == "__main__":
    reason = missing()
    if reason:
        sys.exit(f"cannot take the screenshot: {reason}")
    screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/provenance-page.png"))
