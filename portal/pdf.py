"""PDF rendering: the only module that imports WeasyPrint. Documents may load the portal's static files and
`data:` URLs, nothing else: no file://, no network, no attachments (security.md W1 to W5). Rendering runs in a
child process with a wall-clock and a memory limit, so that a pathological document fails with a clear message
and the worker survives (W6).

The child is forked from a small server process that has loaded WeasyPrint once (multiprocessing's forkserver),
never from the web worker: a worker that has grown (a big upload, a long export) would hand its size to the child.
The memory limit is RLIMIT_DATA, the heap and private memory the render asks for, counted from where the child
starts; RLIMIT_AS would also count address space that costs nothing (shared libraries, the address ranges glibc
reserves for each thread's heap) and made renders fail when Pango started threads."""

import logging
import mimetypes
import multiprocessing
import resource
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from flask import current_app, has_app_context, render_template
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from portal.i18n import lazy_gettext as _l

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


class PdfRenderError(Exception):
    """The PDF could not be made within the limits; `message` says so to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


TIMEOUT_MESSAGE = _l("The document is too long to be made into a PDF in time. Choose fewer rows or pages.")
MEMORY_MESSAGE = _l("The document needs more memory than the portal allows for a PDF. Choose fewer rows or pages.")
FAILED_MESSAGE = _l("The PDF could not be made. Please try again later.")

logger = logging.getLogger(__name__)
# WeasyPrint logs every rendering step at INFO: seven lines per document that tell an operator nothing
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
#: render children come from a server process that has this module, and so WeasyPrint, loaded
_processes = multiprocessing.get_context("forkserver")
_processes.set_forkserver_preload([__name__])


def _render(html: str, static_folder: str, stylesheets, fetcher) -> tuple[bytes, int]:
    fetcher = fetcher or StaticOnlyFetcher(static_folder)
    css = [CSS(string=source, base_url=BASE_URL, url_fetcher=fetcher) for source in stylesheets]
    document = HTML(string=without_attachments(html), base_url=BASE_URL, url_fetcher=fetcher)
    rendered = document.render(stylesheets=css, presentational_hints=False)
    return rendered.write_pdf(), len(rendered.pages)


def _data_size() -> int:
    """This process's data segment and private memory (VmData), in bytes: what RLIMIT_DATA counts."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmData in /proc/self/status")


def _render_in_child(connection, html, static_folder, stylesheets, memory_mb) -> None:
    if memory_mb:
        limit = _data_size() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        connection.send(("ok", _render(html, static_folder, stylesheets, None)))
    except (MemoryError, SystemError):
        # C extensions (lxml, Pango) that cannot allocate may surface as SystemError rather than MemoryError
        connection.send(("memory", None))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which raises PdfRenderError
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def _limits() -> tuple[float | None, int | None]:
    if not has_app_context():
        return 60, 1024
    return current_app.config.get("PDF_TIMEOUT_SECONDS"), current_app.config.get("PDF_MEMORY_LIMIT_MB")


def _render_isolated(html: str, static_folder: str, stylesheets) -> tuple[bytes, int]:
    timeout, memory_mb = _limits()
    receiver, sender = _processes.Pipe(duplex=False)
    child = _processes.Process(
        target=_render_in_child, args=(sender, html, static_folder, tuple(stylesheets), memory_mb), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            logger.warning("PDF rendering stopped after %s s", timeout)
            raise PdfRenderError(TIMEOUT_MESSAGE)
        status, payload = receiver.recv()
    except EOFError:
        logger.warning("PDF rendering process died")
        raise PdfRenderError(MEMORY_MESSAGE) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "memory":
        logger.warning("PDF rendering ran out of its %s MB", memory_mb)
        raise PdfRenderError(MEMORY_MESSAGE)
    if status != "ok":
        logger.error("PDF rendering failed: %s", payload)
        raise PdfRenderError(FAILED_MESSAGE)
    return payload


def html_to_pdf_with_pages(html: str, *, static_folder: str, stylesheets=(), fetcher: StaticOnlyFetcher | None = None):
    """Like html_to_pdf, and also say how many pages the PDF has: (bytes, page_count). With a `fetcher` of the
    caller's (tests that inspect it) rendering stays in this process; otherwise it runs in a limited child."""
    if fetcher is not None:
        return _render(html, static_folder, stylesheets, fetcher)
    return _render_isolated(html, static_folder, stylesheets)


def html_to_pdf(html: str, *, static_folder: str, stylesheets=(), fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Turn a complete HTML document into PDF bytes through the static-only fetcher; PdfRenderError past the
    limits (PDF_TIMEOUT_SECONDS, PDF_MEMORY_LIMIT_MB)."""
    return html_to_pdf_with_pages(html, static_folder=static_folder, stylesheets=stylesheets, fetcher=fetcher)[0]


def render_pdf(template: str, /, **context) -> bytes:
    """Render templates/pdf/<template> with the context and return the PDF."""
    html = render_template(f"pdf/{template}", **context)
    return html_to_pdf(html, static_folder=current_app.static_folder)
