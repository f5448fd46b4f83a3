"""Web pages as articles: the main text and its metadata, read with trafilatura.

A page's navigation, comments and footers are not the article; trafilatura keeps the main
text (and the title, date, author and site it finds in the page). That text is the
document's text: it is stored in the dataset (`documents[].text`), since the evidence
offsets point into it and not into the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from vjties.errors import InputError

HTML_SUFFIXES = (".html", ".htm")

# A page starts with a doctype, an <html> tag or a comment, maybe after a byte order mark or
# blank lines; a text article never does.
_HTML_START_RE = re.compile(
    r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


@dataclass(frozen=True)
class Page:
    """The article in a web page, and what the page says about it."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether `text` is a web page (for stdin, which has no file name to go by)."""
    return _HTML_START_RE.match(text[:4096]) is not None


def read_page(html: str, path: str) -> Page:
    """The main text of a web page and its metadata; InputError if it has no article text.

    The title heads the text (as in a text article) unless the main text starts with it.
    """
    import trafilatura

    found: Any = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    if isinstance(found, dict):  # older trafilatura versions return a dict
        found = SimpleNamespace(**found)
    body = (getattr(found, "text", None) or "").strip()
    if not body:
        raise InputError(
            path, "is a web page in which no article text was found; save the article's text"
        )
    title = _clean(found.title)
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    return Page(
        text=text + "\n",
        title=title,
        published=_clean(found.date),
        author=_clean(found.author),
        site=_clean(found.sitename),
    )


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
