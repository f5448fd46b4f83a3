"""What of a news page is the story: title, publication date, dateline, source, and the
character spans of page furniture that must never yield facts.

News dumps arrive as lines of text: a crawl header, site navigation, a headline, a byline
with a timestamp, the lede (often opening with a dateline such as `HANOI (VNA) -`), the body,
a sign-off (`VNA`, `./.`), and then lists of other headlines, tags, widgets and footers,
sometimes with a second story glued on. `analyse_page` reads those lines with regular
expressions only (no tokenization) and returns what it found plus the character spans of the
ORIGINAL text that must never yield facts.

The rules are about the genre's shapes, not about particular articles:
- the *lede* is the first prose line (it ends like a sentence, or opens with a dateline);
  everything before it is the *header*;
- the *title* is the last headline-like header line (3-25 words, no final full stop, not a
  byline, credit or widget); header lines before the title are navigation;
- the publication date comes from a crawl header, a `Published`-style label, or a
  byline/date line in the header, never from lists of other headlines further down;
- list sections (`RELATED NEWS`, `Other news`, ...) run over their headline, timestamp
  and teaser lines and end at the first line of ordinary prose that is not a teaser;
- a second story glued after the first one's sign-off (a headline and a prose line, or a
  dateline lede) is boilerplate up to the end of the text.

Modules: `layout` (lines and their shapes, the `Metadata` record and the kinds of furniture),
`furniture` (credits, footers, navigation, widgets, lists), `bylines` (outlets, bylines, date
lines, datelines), `analysis` (the pass that puts them together). Page dates are parsed by
`vjties.temporal`; the words the rules rely on are in `resources/page_furniture.json`.
"""

from vjties.page.analysis import analyse_page
from vjties.page.layout import Metadata

__all__ = ["Metadata", "analyse_page"]
