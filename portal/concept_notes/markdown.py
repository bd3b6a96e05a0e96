"""Narrative Markdown to sanitised HTML (security.md S10): raw HTML is stripped from the source on save,
markdown-it renders with HTML disabled, and nh3 keeps only an allowlist; links may be http, https or mailto."""

import html
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
_SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
#: raw HTML elements whose content is dropped with them, not kept as text
_DROP_CONTENT = {
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "template",
    "svg",
    "math",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)
# every link target is kept as a link and then judged by nh3 and _keep_attribute, so that a refused target
# leaves no text behind
_md.validateLink = lambda url: True


def clean_source(text: str | None) -> str:
    """Strip raw HTML (tags, comments and the content of script/style-like elements) from Markdown source."""
    text = (text or "").replace("\r\n", "\n").replace("\x00", "")
    for _ in range(10):
        cleaned = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=_DROP_CONTENT, strip_comments=True))
        if cleaned == text:
            break
        text = cleaned
    return text


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if _SAFE_HREF.match(value.strip()) else None
    return value


def sanitize_html(fragment: str) -> str:
    """Keep only the allowlisted tags and attributes; links only to http, https or mailto."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=_DROP_CONTENT,
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_keep_attribute,
    )


def _shift_headings(tokens) -> None:
    # section titles are h2 in the page and the PDF; the author's headings go below them, on two levels
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h3" if int(token.tag[1]) <= 2 else "h4"


def render_markdown(text: str | None) -> Markup:
    """Markdown source to sanitised HTML, safe to insert in a page or a PDF."""
    tokens = _md.parse(clean_source(text))
    _shift_headings(tokens)
    return Markup(sanitize_html(_md.renderer.render(tokens, _md.options, {})))  # noqa: S704 - nh3 allowlist output


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str | None) -> int:
    """Words in the Markdown source, ignoring its punctuation and markup."""
    return len(_WORD.findall(text or ""))
