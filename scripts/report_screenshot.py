"""Regenerate docs/report.png: the seeds' report in headless Chromium, with a tie's evidence open.

Run it by hand (`make screenshot`) after changing the report; it needs Debian's chromium and
chromium-driver, as the report tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import headless_chromium, open_page, unavailable  # noqa: E402
from vjties.context import Texts, read_articles  # noqa: E402
from vjties.diff import read_dataset  # noqa: E402
from vjties.report import render_report  # noqa: E402

# Open the tie the seeds report in most documents, so the picture shows evidence in its text.
OPEN_TIE = """
const rows = [...document.querySelectorAll('path.tie')];
rows.sort((a, b) => b.getAttribute('stroke-width') - a.getAttribute('stroke-width'));
rows[0].closest('g').dispatchEvent(new MouseEvent('click', {bubbles: true}));
"""


def main() -> None:
    reason = unavailable()
    if reason:
        raise SystemExit(f"cannot run: {reason}")
    dataset = read_dataset(str(ROOT / "data" / "vjties.json"))
    texts = read_articles(dataset, [str(ROOT / "seeds")]).texts
    page = ROOT / "build" / "report.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(render_report(dataset, Texts(dataset, texts)), encoding="utf-8")
    target = ROOT / "docs" / "report.png"
    target.parent.mkdir(exist_ok=True)
    with headless_chromium(window=(1900, 1000)) as driver:
        open_page(driver, page)
        driver.execute_script(OPEN_TIE)
        driver.save_screenshot(str(target))
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
