import subprocess
from io import BytesIO

import pytest
from PIL import Image
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


MULTILINGUAL = """<!doctype html><html lang="ru"><head>
<link rel="stylesheet" href="/static/css/print.css">
<style>h1 { font-size: 28pt; } p { font-size: 20pt; }</style>
</head><body><h1>Ключевые показатели 2021</h1><p lang="fr">Côte d'Ivoire</p></body></html>"""


def _fonts(pdf_path) -> list[dict[str, str]]:
    """The fonts pdffonts lists, each as {column: value}, read by the column positions of its dashed rule."""
    listing = subprocess.run(["pdffonts", pdf_path], check=True, capture_output=True, text=True).stdout.splitlines()
    header, rule, rows = listing[0], listing[1], listing[2:]
    spans, start = [], 0
    for width in map(len, rule.split(" ")):
        spans.append((start, start + width))
        start += width + 1
    names = [header[a:b].strip() for a, b in spans]
    return [dict(zip(names, (row[a:b].strip() for a, b in spans), strict=True)) for row in rows]


def test_russian_and_french_text_is_drawn_with_embedded_subset_fonts(app, tmp_path):
    pdf = tmp_path / "multilingual.pdf"
    pdf.write_bytes(html_to_pdf(MULTILINGUAL, static_folder=app.static_folder))

    fonts = _fonts(pdf)
    assert fonts
    for font in fonts:
        assert (font["emb"], font["sub"]) == ("yes", "yes"), font

    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", pdf, tmp_path / "page"], check=True)
    (png,) = tmp_path.glob("page-*.png")
    with Image.open(png) as image:
        page = image.convert("L")
    top = page.crop((0, 0, page.width, page.height // 4))  # where the heading and the French line are
    dark = sum(top.histogram()[:128])
    assert 500 < dark < top.width * top.height // 10, dark  # drawn text: neither a blank nor a black page
