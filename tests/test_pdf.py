from io import BytesIO

import pytest
from pypdf import PdfReader

from portal.pdf import StaticOnlyFetcher, html_to_pdf

pytestmark = pytest.mark.pdf

HOSTILE = """<!doctype html><html><head>
<link rel="stylesheet" href="/static/css/print.css">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="attachment" href="file:///etc/passwd">
<style>@import url("http://169.254.169.254/latest/meta-data/"); body { background: url(file:///etc/hostname); }</style>
</head><body><h1>Hello</h1><img src="file:///etc/passwd"><img src="http://127.0.0.1:1/x.png">
<img src="/static/../../pyproject.toml"><a rel="attachment" href="/static/css/app.css">a</a></body></html>"""


def test_fetcher_serves_static_files_and_refuses_everything_else(app):
    fetcher = StaticOnlyFetcher(app.static_folder)
    pdf = html_to_pdf(HOSTILE, static_folder=app.static_folder, fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert fetcher.served == ["https://portal.invalid/static/css/print.css"]
    refused = " ".join(fetcher.refused)
    assert "etc/passwd" in refused and "169.254.169.254" in refused and "127.0.0.1" in refused
    reader = PdfReader(BytesIO(pdf))
    assert "Hello" in reader.pages[0].extract_text()
    assert reader.attachments == {}
