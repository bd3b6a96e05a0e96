"""Real-browser tests: the app served on loopback in a thread, Debian's Chromium driven by Playwright."""

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


#: Chromium may drop a connection while the live server streams a static file (the page has moved on); werkzeug's
#: development server then leaves that file to the garbage collector, whose warning would fail the test at random.
#: Only files of portal/static are let be: the app's own responses are still held to closing theirs.
DROPPED_STATIC_FILE = (
    r"ignore:Exception ignored in. <_io\.FileIO name='[^']*/portal/static/:pytest.PytestUnraisableExceptionWarning"
)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.filterwarnings(DROPPED_STATIC_FILE))


@pytest.fixture
def live_server(app):
    """The test app served on 127.0.0.1 at a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server, accept_downloads=True, locale="en-GB", viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    # how long an action or an expectation waits for its state: on two busy cores, 5 s was seen to be too short
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    yield page
    context.close()


def sign_in(page, email, password="correct horse battery staple"):
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    """Forget the session, once the page's last requests are answered: a late answer would set its cookie again."""
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()


@pytest.fixture
def browser_errors(page):
    """Errors the pages write to the console or throw; a test ends by checking there are none."""
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"{message.text} ({message.location.get('url')})"),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def navigate(page, menu, entry=None):
    """Follow the navigation bar: a menu, then the entry in it; or, for a menu of one page, its link alone."""
    bar = page.get_by_role("navigation")
    if entry is None:
        bar.get_by_role("link", name=menu, exact=True).click()
        return
    bar.get_by_role("button", name=menu, exact=True).click()
    bar.get_by_role("link", name=entry, exact=True).click()
