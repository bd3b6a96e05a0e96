"""The navigation bar in a real browser: it fits a 1200 px screen in every language, every item on one line, folds
behind its toggler on a narrower one, and shows a menu of a single page as a plain link."""

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from tests.browser.conftest import navigate, sign_in

pytestmark = pytest.mark.browser


def _overflow(page) -> int:
    """How many pixels the page is wider than the window (a bar that does not fit makes it scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _items_off_the_line(page) -> list[str]:
    """The bar's items (menus, search, languages, user menu) hidden, past the window's edge or on a line below the
    brand's, each named by its text or class."""
    return page.evaluate(
        """() => {
        const brand = document.querySelector(".navbar-brand").getBoundingClientRect();
        const middle = brand.top + brand.height / 2;
        const items = [...document.querySelectorAll(
            ".navbar-nav > .nav-item, #nav > form:not(.d-xl-none), #nav > .dropdown")];
        return items.filter((item) => {
            const box = item.getBoundingClientRect();
            return box.width === 0 || box.right > window.innerWidth || box.top > middle || box.bottom < middle;
        }).map((item) => item.textContent.trim().replace(/\\s+/g, " ") || item.className);
    }"""
    )


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_an_admins_bar_fits_a_1200_pixel_screen_on_one_line(page, make_user, language, browser_errors):
    admin = make_user(Role.ADMIN, email="admin@example.org", name="Adelheid Administratorin-Langname")
    db.session.commit()
    page.set_viewport_size({"width": 1200, "height": 800})
    sign_in(page, admin.email)
    # measured once the page in the new language has loaded, its stylesheets with it
    with page.expect_navigation(wait_until="load"):
        page.locator(f"button[name=language][value={language}]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    assert _overflow(page) == 0
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator(".navbar-nav > .nav-item")).to_have_count(5)
    assert _items_off_the_line(page) == []
    user_menu = page.get_by_role("button", name=admin.name)
    expect(user_menu).to_be_visible()
    # the brand's name, shown from 1400 px, still leaves room for every item
    page.set_viewport_size({"width": 1400, "height": 800})
    expect(page.locator(".nav-brand-name")).to_be_visible()
    assert _items_off_the_line(page) == []
    # the name comes back on a wide screen
    page.set_viewport_size({"width": 1920, "height": 800})
    expect(user_menu).to_contain_text(admin.name)
    assert _overflow(page) == 0
    assert browser_errors == []


def test_a_narrow_screen_folds_the_bar_behind_its_toggler(page, make_user, browser_errors):
    officer = make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    page.set_viewport_size({"width": 1180, "height": 800})
    sign_in(page, officer.email)
    portfolio = page.get_by_role("navigation").get_by_role("button", name="Portfolio")
    expect(portfolio).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    navigate(page, "Portfolio", "Partners")
    expect(page.get_by_role("heading", name="Partners", level=1)).to_be_visible()
    assert _overflow(page) == 0
    assert browser_errors == []


def test_menus_hold_what_the_role_may_reach(page, make_user, browser_errors):
    manager = make_user(Role.MANAGER, email="manager@example.org")
    db.session.commit()
    sign_in(page, manager.email)
    bar = page.get_by_role("navigation")
    # the only administration page a manager may open is a link of its own; reviewing is in the notes' menu
    expect(bar.get_by_role("button", name="Administration")).to_have_count(0)
    navigate(page, "Import and export")
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    navigate(page, "Concept notes", "Review")
    expect(bar.get_by_role("button", name="Concept notes")).to_have_class("nav-link dropdown-toggle text-nowrap active")
    navigate(page, "Portfolio", "Dialogues")
    expect(page.get_by_role("heading", name="Dialogues", level=1)).to_be_visible()
    expect(bar.get_by_role("button", name="Portfolio")).to_have_class("nav-link dropdown-toggle text-nowrap active")
    assert browser_errors == []


def test_an_applicant_sees_concept_notes_alone(page, make_user, browser_errors):
    applicant = make_user(Role.APPLICANT, email="applicant@example.org")
    db.session.commit()
    sign_in(page, applicant.email)
    bar = page.get_by_role("navigation")
    expect(bar.locator(".navbar-nav > .nav-item")).to_have_count(1)
    navigate(page, "Concept notes")
    expect(page.get_by_role("heading", name="Concept notes", level=1)).to_be_visible()
    assert browser_errors == []


def test_an_officer_finds_probable_duplicates_with_the_participants(page, make_user, browser_errors):
    officer = make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    sign_in(page, officer.email)
    expect(page.get_by_role("navigation").get_by_role("button", name="Administration")).to_have_count(0)
    navigate(page, "Events", "Probable duplicates")
    expect(page.get_by_role("heading", name="Probable duplicates", level=1)).to_be_visible()
    assert browser_errors == []
