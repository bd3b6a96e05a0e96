"""The portfolio workbook in a real browser: an admin checks then imports a workbook, a workbook with problems
writes nothing, and a manager may only download."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from portal.projects.models import Project
from portal.reference.models import Region
from tests import factories
from tests.browser.conftest import navigate, sign_in
from tests.conftest import config_for
from tests.exchange import workbooks

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(database_url, tmp_path):
    """CSRF protection on, as in production; uploads kept in the test's own folder."""
    return config_for(
        database_url,
        WTF_CSRF_ENABLED=True,
        EXCHANGE_UPLOAD_FOLDER=str(tmp_path / "uploads"),
        JOB_RESULT_FOLDER=str(tmp_path / "results"),
    )


#: a job's page reloads itself every 2 s until the job ends
JOB_TIMEOUT = 60_000


def _row_counts() -> dict[str, int]:
    """Every table's row count, to show that nothing was written; jobs, which record the work, are left out."""
    db.session.expire_all()
    counts = {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name != "jobs"
    }
    db.session.rollback()
    return counts


def _sheet_row(page, sheet):
    return page.get_by_role("row").filter(has=page.locator("code", has_text=re.compile(f"^{sheet}$")))


def _open_exchange(page, *menu):
    navigate(page, *menu, "Import and export")
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()


def test_admin_checks_a_workbook_then_imports_it(page, make_user, tmp_path, browser_errors, task_worker):
    admin = make_user(Role.ADMIN, email="admin@example.org", name="Ada Admin")
    factories.region("EE", "Eastern Europe (old name)")
    db.session.commit()
    workbook = workbooks.save(tmp_path / "portfolio.xlsx", workbooks.portfolio())
    sign_in(page, admin.email)

    _open_exchange(page, "Administration")
    page.get_by_label("Portfolio workbook").set_input_files(workbook)
    before = _row_counts()
    page.get_by_role("button", name="Check the workbook").click()

    expect(page.get_by_role("heading", name="Workbook check")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "The workbook is valid. Nothing is written until you confirm.", timeout=JOB_TIMEOUT
    )
    expect(_sheet_row(page, "regions").get_by_role("cell")).to_have_text(["regions", "1", "1", "0", "0"])
    expect(_sheet_row(page, "projects").get_by_role("cell")).to_have_text(["projects", "2", "0", "0", "0"])
    expect(_sheet_row(page, "partners").get_by_role("cell")).to_have_text(["partners", "3", "0", "0", "0"])
    expect(_sheet_row(page, "attendance").get_by_role("cell")).to_have_text(["attendance", "3", "0", "0", "0"])
    assert _row_counts() == before  # the check wrote nothing

    page.get_by_role("button", name="Import the workbook").click()

    expect(page.get_by_role("heading", name="Workbook import")).to_be_visible()
    # every row but the stored region's is new
    rows = sum(len(sheet) - 1 for sheet in workbooks.portfolio().values())
    expect(page.get_by_role("status")).to_have_text(
        f"Workbook imported: {rows - 1} rows created, 1 updated.", timeout=JOB_TIMEOUT
    )
    db.session.expire_all()
    projects = db.session.scalars(sa.select(Project).order_by(Project.code)).all()
    assert [(p.code, p.title, p.region.code) for p in projects] == [
        ("PRJ-1", "Labour mobility", "EE"),
        ("PRJ-2", "Returns", "WA"),
    ]
    assert sorted(projects[0].countries) == ["AT", "XK"]
    assert db.session.scalar(sa.select(Region.name).where(Region.code == "EE")) == "Eastern Europe"
    db.session.rollback()

    navigate(page, "Portfolio", "Projects")
    listed = page.get_by_role("row").filter(has=page.get_by_role("link", name="PRJ-1", exact=True))
    expect(listed).to_contain_text("Labour mobility")
    expect(listed).to_contain_text("Eastern Europe")
    expect(listed).to_contain_text("Kosovo*")
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name="PRJ-2", exact=True))).to_contain_text(
        "Returns"
    )
    assert browser_errors == []


def test_a_workbook_with_problems_lists_them_and_writes_nothing(page, make_user, tmp_path, browser_errors, task_worker):
    admin = make_user(Role.ADMIN, email="admin@example.org", name="Ada Admin")
    db.session.commit()
    sheets = workbooks.portfolio()
    sheets["partners"][1][3] = "ngo"
    sheets["events"][1][6] = None
    sheets["contributions"][2][3] = -5
    broken = workbooks.save(tmp_path / "broken.xlsx", sheets)
    sign_in(page, admin.email)
    before = _row_counts()

    _open_exchange(page, "Administration")
    page.get_by_label("Portfolio workbook").set_input_files(broken)
    page.get_by_role("button", name="Check the workbook").click()

    expect(page.get_by_role("alert")).to_have_text(
        "The workbook has 3 problems: nothing was written.", timeout=JOB_TIMEOUT
    )
    problems = page.locator("#problems li")
    expect(problems).to_have_count(3)
    expect(problems.filter(has_text=re.compile(r"^partners, 2, type: ngo is not one of"))).to_have_count(1)
    expect(
        problems.filter(has_text=re.compile(r"^events, 2, city: Give the city of an in-person or hybrid event\.$"))
    ).to_have_count(1)
    expect(problems.filter(has_text="contributions, 3, amount: The amount cannot be negative.")).to_have_count(1)
    expect(_sheet_row(page, "partners").get_by_role("cell").last).to_have_text("1")
    expect(page.get_by_role("button", name="Import the workbook")).to_have_count(0)
    assert _row_counts() == before

    # the corrected workbook goes through the form beside the problems
    expect(page.get_by_role("heading", name="Upload a corrected workbook")).to_be_visible()
    page.get_by_label("Portfolio workbook").set_input_files(
        workbooks.save(tmp_path / "fixed.xlsx", workbooks.portfolio())
    )
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_role("status")).to_have_text(
        "The workbook is valid. Nothing is written until you confirm.", timeout=JOB_TIMEOUT
    )
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("The uploaded workbook was discarded; nothing was imported.")).to_be_visible()
    assert _row_counts() == before
    assert browser_errors == []


def test_a_manager_downloads_the_workbook_without_personal_data_and_cannot_upload(
    page, make_user, tmp_path, browser_errors, task_worker
):
    manager = make_user(Role.MANAGER, email="manager@example.org", name="Max Manager")
    factories.person(first_name="Ana", last_name="Novak", email="ana.novak@example.org")
    db.session.commit()
    sign_in(page, manager.email)

    # a manager's administration menu would hold this one page: the bar shows it as a link
    _open_exchange(page)
    expect(page.get_by_text("Your copy leaves out people")).to_be_visible()
    expect(page.get_by_role("heading", name="Import a portfolio workbook")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.get_by_role("button", name="Check the workbook")).to_have_count(0)

    page.get_by_role("button", name="Prepare the workbook (.xlsx)").click()
    expect(page.get_by_role("heading", name="Workbook export")).to_be_visible()
    download_link = page.get_by_role("main").get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=JOB_TIMEOUT)
    with page.expect_download() as download:
        download_link.click()
    assert re.fullmatch(r"portfolio-\d{4}-\d{2}-\d{2}-without-personal-data\.xlsx", download.value.suggested_filename)
    path = tmp_path / "download.xlsx"
    download.value.save_as(path)
    sheets = workbooks.read(path)
    assert "participants" not in sheets and "attendance" not in sheets and "projects" in sheets
    assert browser_errors == []
