"""Headless Chromium for the report tests and the load-time benchmark.

Debian's `chromium` driven through Debian's `chromedriver` (package `chromium-driver`) with
Selenium; nothing is downloaded. `unavailable()` says why the browser cannot run here, for
`pytest.skip`; `.ci/run` installs both packages, so CI always runs the tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("VJTIES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def unavailable() -> str | None:
    """Why headless Chromium cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found: install Debian's {package} (apt-get install -y {package})"
    return None


@contextlib.contextmanager
def headless_chromium(window: tuple[int, int] = (1400, 1000)) -> Iterator[Any]:
    """A Selenium driver on a fresh profile, quit and cleaned up afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="vjties-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={window[0]},{window[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, path: Path, timeout: float = 120) -> None:
    """Load a local page and wait until its script says it has rendered."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready === 'true'")
    )


def console_errors(driver: Any) -> list[str]:
    """Messages the page logged at error level (uncaught exceptions included)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def load_time_ms(driver: Any) -> float:
    """Milliseconds from navigation start until the page's `vjties-ready` mark."""
    marks = driver.execute_script(
        "return performance.getEntriesByName('vjties-ready').map(e => e.startTime)"
    )
    return float(marks[0])
