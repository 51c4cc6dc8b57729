"""Text of a rendered report as a reader sees it, for tests that match phrases.

The report keeps terms on one line with invisible characters ("2023⁠–⁠2028"
with word joiners, "khóa VII" with a no-break space); a reader and Word's
search see plain text, so tests compare against that, never the product.
"""

from __future__ import annotations


def readable(text: str) -> str:
    """``text`` without word joiners and with no-break spaces as spaces."""
    return text.replace("\u2060", "").replace("\u00a0", " ")
