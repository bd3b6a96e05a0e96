"""PDF rendering: the only module that imports WeasyPrint. Documents may load the portal's static files and
`data:` URLs, nothing else: no file://, no network, no attachments (security.md W1 to W5)."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from flask import current_app, render_template
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: the made-up origin documents are rendered under; /static/... resolves against it
BASE_URL = "https://portal.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/ from disk and data: URLs; refuses everything else and remembers what it refused."""

    def __init__(self, static_folder: str):
        super().__init__(allowed_protocols=("https", "data"), allow_redirects=False)
        self.static_root = Path(static_folder).resolve()
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith("/static/"):
            path = (self.static_root / unquote(parts.path[len("/static/") :])).resolve()
            if path.is_relative_to(self.static_root) and path.is_file():
                self.served.append(url)
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url}")


def without_attachments(html: str) -> str:
    """Drop rel="attachment" links: WeasyPrint would embed what they point to in the PDF (W4)."""
    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath("//*[@rel]"):
        if "attachment" in element.get("rel", "").lower().split():
            if element.tag == "link":
                element.drop_tree()
            else:
                del element.attrib["rel"]
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def html_to_pdf(html: str, *, static_folder: str, stylesheets=(), fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Turn a complete HTML document into PDF bytes through the static-only fetcher."""
    fetcher = fetcher or StaticOnlyFetcher(static_folder)
    css = [CSS(string=source, base_url=BASE_URL, url_fetcher=fetcher) for source in stylesheets]
    document = HTML(string=without_attachments(html), base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=css, presentational_hints=False)


def render_pdf(template: str, /, **context) -> bytes:
    """Render templates/pdf/<template> with the context and return the PDF."""
    html = render_template(f"pdf/{template}", **context)
    return html_to_pdf(html, static_folder=current_app.static_folder)
