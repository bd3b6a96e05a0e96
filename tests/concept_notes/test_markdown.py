import re
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from portal.concept_notes.markdown import clean_source, render_markdown, sanitize_html, word_count
from portal.pdf import StaticOnlyFetcher, html_to_pdf

HOSTILE = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert('xss')</scr</script>ipt>",
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "[click](javascript:alert('xss'))",
    "[click](JaVaScRiPt:alert('xss'))",
    "[click]( javascript:alert('xss'))",
    "[click](&#106;avascript:alert('xss'))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox)",
    "[file](file:///etc/passwd)",
    "![x](file:///etc/passwd)",
    "![x](http://169.254.169.254/latest/meta-data/)",
    '<img src="file:///etc/passwd">',
    '<img src=x onerror="alert(1)">',
    '<a href="https://ok.example" onclick="alert(1)" onmouseover="alert(2)">a</a>',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<a rel="attachment" href="file:///etc/passwd">attached</a>',
    "<style>@import url(http://evil.example/x.css); body { background: url(file:///etc/hostname) }</style>",
    '<p style="background: url(file:///etc/passwd)">styled</p>',
    '<div style="@import url(http://evil.example)">x</div>',
    "<iframe src=http://evil.example></iframe>",
    "<object data=file:///etc/passwd></object><embed src=file:///etc/passwd>",
    "<svg><script>alert(1)</script></svg>",
    "<math><style>@import url(http://evil.example)</style></math>",
    "<!-- <script>alert(1)</script> -->",
    "<base href=http://evil.example/>",
    "<meta http-equiv=refresh content='0;url=http://evil.example'>",
    '<form action="http://evil.example"><input name=x></form>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
]
FORBIDDEN = re.compile(
    r"<script|<style|<link|<img|<iframe|<object|<embed|<svg|<base|<meta|<form|javascript:|"
    r"vbscript:|data:|file:|@import|url\(|\son\w+=|rel=\"?attachment|style=",
    re.IGNORECASE,
)
TRACES = ("@import", "url(", "etc/passwd", "javascript", "evil.example", "169.254", "<script")


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_leaves_no_trace_in_the_html(source):
    html = render_markdown(source)
    assert not FORBIDDEN.search(html), html
    for trace in TRACES:
        assert trace not in html.lower(), (trace, html)


@pytest.mark.parametrize("source", [s for s in HOSTILE if "alert" in s and "<scr<" not in s])
def test_script_payloads_are_dropped_with_their_element(source):
    # the obfuscated <scr<script>ipt> case leaves inert text behind, as a browser would show it
    assert "alert" not in render_markdown(source)


def test_good_markdown_keeps_its_meaning():
    html = render_markdown(
        "# Data\n\nSee [IOM](https://www.iom.int) and **bold** *it*.\n\n- one\n- two\n\n"
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\n[mail](mailto:a@example.org) x < y & z"
    )
    assert "<h3>Data</h3>" in html
    assert '<a href="https://www.iom.int" rel="noopener noreferrer nofollow">IOM</a>' in html
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html and "<li>one</li>" in html
    assert "<td>1</td>" in html and 'href="mailto:a@example.org"' in html
    assert "x &lt; y &amp; z" in html


def test_raw_html_is_stripped_from_the_source_when_saved():
    assert clean_source("Hello <b>world</b><script>alert(1)</script>!") == "Hello world!"
    assert clean_source("a < b and c > d & e") == "a < b and c > d & e"
    assert clean_source("&lt;script&gt;alert(1)&lt;/script&gt;ok") == "ok"


def test_word_count():
    assert word_count("## Title\n\n- **one** two, three-four\n") == 4
    assert word_count("") == 0


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<>/=\"' &;#:()[]!*_-|`\nabcsriptlonerfjv")), max_size=80)
    | st.text(max_size=60)
)
def test_sanitizer_output_is_a_fixed_point(text):
    html = render_markdown(text)
    assert sanitize_html(html) == html
    assert clean_source(clean_source(text)) == clean_source(text)
    assert not re.search(r"<script|javascript:|\son\w+=", html, re.IGNORECASE)


@pytest.mark.pdf
def test_hostile_notes_reach_neither_the_pdf_text_nor_its_attachments_and_fetch_nothing(app):
    sections = [("s", f"Section {n}", render_markdown(source)) for n, source in enumerate(HOSTILE)]
    html = _document(sections)
    fetcher = StaticOnlyFetcher(app.static_folder)
    pdf = html_to_pdf(html, static_folder=app.static_folder, fetcher=fetcher)
    assert fetcher.refused == []
    assert fetcher.served == ["https://portal.invalid/static/css/print.css"]
    reader = PdfReader(BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Section 0" in text and "attached" in text
    for trace in TRACES:
        assert trace not in text.lower(), trace
    assert reader.attachments == {}
    assert b"/EmbeddedFile" not in pdf and b"/JavaScript" not in pdf


def _document(sections):
    body = "".join(f"<h2>{title}</h2>{html}" for _key, title, html in sections)
    return (
        '<!doctype html><html><head><link rel="stylesheet" href="/static/css/print.css"></head>'
        f"<body>{body}</body></html>"
    )
