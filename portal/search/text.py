"""What a search result shows of its text: an excerpt around the first word found, and the words marked, the text
escaped before any mark is added."""

import re

from markupsafe import Markup, escape

#: characters of a record's text a result shows
EXCERPT_LENGTH = 200


def _pattern(words) -> re.Pattern | None:
    """Where a document word starts with one of `words`, as the index matches them (prefixes, any case)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)


def excerpt(text: str | None, words, length: int = EXCERPT_LENGTH) -> str:
    """About `length` characters of `text` around the first place one of `words` starts a word."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    pattern = _pattern(words)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - length // 4) if found else 0
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def highlight(text: str | None, words) -> Markup:
    """`text` escaped, with each place one of `words` starts a word in <mark>."""
    text = text or ""
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts.append(escape(text[last : found.start()]))
        parts.append(Markup("<mark>%s</mark>") % text[found.start() : found.end()])
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
