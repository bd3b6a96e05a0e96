"""Issue 5, end to end in Chromium: draft, refused submission, fix, submit, return with a comment, edit,
resubmit, endorse, download the PDF; and typed text survives an expired session."""

import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.concept_notes import services
from portal.concept_notes.models import ConceptNote, NoteStatus, Outcome
from portal.concept_notes.sections import SECTION_KEYS
from portal.extensions import db
from tests.browser.conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "Evidence-based migration policy in North Macedonia and Serbia"
TEXT = (
    "Both countries see transit, labour mobility and return. Ministries need comparable data and a shared "
    "platform for analysis, so that policies rest on evidence rather than perception."
)


@pytest.fixture
def people(make_user):
    services.ensure_reference_data()
    applicant = make_user(Role.APPLICANT, email="applicant@example.org", name="Ana Applicant")
    manager = make_user(Role.MANAGER, email="manager@example.org", name="Milan Manager")
    db.session.commit()
    return applicant, manager


def _accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _write_section(page, note_url, key, text):
    page.goto(f"{note_url}/sections/{key}")
    area = page.locator("textarea[name=body]")
    area.fill(text)
    page.locator("#cn-preview").click()
    expect(page.locator("#cn-save-state")).to_have_class(re.compile("text-success"))
    expect(page.locator("#cn-save-state")).to_have_text("Saved")


def _fill_cover(page):
    page.get_by_label("Geographic scope").select_option("regional")
    page.get_by_label("Countries", exact=True).select_option(["MK", "RS"])
    page.get_by_label("IOM", exact=True).check()
    page.get_by_label("UNHCR", exact=True).check()
    page.get_by_label("Convening (lead) organisation").select_option("IOM")
    for n, (name, kind) in enumerate(
        (
            ("Ministry of Interior", "national_government"),
            ("State Statistical Office", "national_government"),
            ("Roma Education Centre", "civil_society"),
        ),
        start=1,
    ):
        page.get_by_label(f"Partner {n}", exact=True).fill(name)
        page.get_by_label(f"Kind of partner {n}", exact=True).select_option(kind)
    page.get_by_label("Thematic area").select_option("1")
    page.get_by_label("1. Data", exact=True).check()
    page.get_by_label("10.7 · Well-managed migration policies").check()
    page.get_by_role("checkbox", name="People-centred").check()
    page.get_by_role("textbox", name="People-centred").fill("Migrants are interviewed for the baseline.")
    page.get_by_label("Duration (months)").fill("24")
    page.get_by_label("Planned start").fill("2027-03-01")
    for name in ("gender", "human rights", "child-sensitivity"):
        page.get_by_label(f"{name.capitalize()} marker", exact=True).select_option("2")
        page.get_by_label(f"Justification of the {name} marker").fill("Addressed in every output.")
    page.get_by_label("Share of the budget for gender equality (%)").fill("25")
    page.get_by_label("Government of 1").select_option("MK")
    page.get_by_label("Endorsed by (name and office) 1").fill("Minister of Interior")
    page.get_by_label("Endorsed on 1").fill("2027-01-15")
    page.get_by_label("Endorsed by the UN Resident Coordinator (name)").fill("Resident Coordinator")
    page.get_by_label("Endorsed by the Resident Coordinator on").fill("2027-01-20")
    page.get_by_label("Contact organisation").fill("IOM Skopje")
    _click_and_wait(page, page.get_by_role("button", name="Save cover information"))
    expect(page.get_by_text("Cover information saved.")).to_be_visible()


def _build_results_and_tables(page, note_url):
    # the whole results framework on one screen: each "Add" opens its form in place
    page.goto(f"{note_url}/results")
    adding = page.locator(".cn-add-forms details")
    adding.nth(0).get_by_label("Outcome").fill("Outcome 1: Migration policies use reliable, comparable data.")
    _click_and_wait(page, adding.nth(0).get_by_role("button", name="Add an outcome"))
    # "Outcome 1:" typed before the statement is not printed after the number the table gives it
    expect(page.locator(".cn-outcome .card-header .flex-grow-1")).to_have_text(
        "Migration policies use reliable, comparable data."
    )
    adding.nth(1).locator("summary").click()
    adding.nth(1).get_by_label("Outcome").select_option(index=1)
    adding.nth(1).get_by_label("Output", exact=True).fill("A shared migration data platform is running.")
    _click_and_wait(page, adding.nth(1).get_by_role("button", name="Add an output"))
    adding.nth(2).locator("summary").click()
    adding.nth(2).get_by_label("Output", exact=True).select_option(index=1)
    adding.nth(2).get_by_label("Indicator", exact=True).fill("Officials trained in migration statistics")
    adding.nth(2).get_by_label("Target").fill("120")
    adding.nth(2).get_by_label("Means of verification").fill("Training records")
    adding.nth(2).get_by_label("Responsible UN organisation").select_option("IOM")
    adding.nth(2).get_by_label("Sex", exact=True).check()
    _click_and_wait(page, adding.nth(2).get_by_role("button", name="Add an indicator"))
    expect(page.locator(".cn-indicator")).to_contain_text("Officials trained in migration statistics")
    expect(page.locator(".cn-problems")).to_contain_text("has no baseline")

    page.goto(f"{note_url}/risks")
    page.get_by_label("Risk", exact=True).fill("Staff turnover in ministries")
    page.get_by_label("Likelihood").select_option("medium")
    page.get_by_label("Impact").select_option("high")
    page.get_by_label("Mitigation").fill("Train two officials per post.")
    _click_and_wait(page, page.get_by_role("button", name="Save risk"))

    page.goto(f"{note_url}/budget")
    page.get_by_label("IOM · Staff and other personnel").fill("120000.10")
    page.get_by_label("IOM · Travel").fill("18500.55")
    page.get_by_label("UNHCR · Contractual services").fill("64000.05")
    page.get_by_label("Outcome 1, year 1").fill("101250.35")
    page.get_by_label("Outcome 1, year 2").fill("101250.35")
    _click_and_wait(page, page.get_by_role("button", name="Save and compute totals"))
    # 202,500.70 + 7 % per organisation (9,695.05 + 4,480.00); the browser reads en-GB, which writes US$
    expect(page.locator("#cn-budget-total")).to_have_text("US$216,675.75")
    # the budget by outcome and year shares out the same direct costs, and line 8 with them: the same total
    expect(page.locator("#cn-outcome-budget [data-indirect-year='1']")).to_have_text("US$7,087.53")
    expect(page.locator("#cn-outcome-budget [data-grand-total]")).to_have_text("US$216,675.75")


def test_concept_note_from_draft_to_endorsed_pdf(page, browser, live_server, people, tmp_path):
    applicant, manager = people
    _accept_dialogs(page)
    sign_in(page, applicant.email)
    page.goto("/concept-notes/")
    _click_and_wait(page, page.get_by_role("link", name="New concept note"))
    page.get_by_label("Programme title").fill(TITLE)
    _click_and_wait(page, page.get_by_role("button", name="Start the note"))
    note_url = re.sub(r"/cover$", "", page.url.split(live_server)[1])
    _fill_cover(page)
    for key in SECTION_KEYS:
        _write_section(page, note_url, key, f"{TEXT} ({key})")
    _build_results_and_tables(page, note_url)

    # while a reason remains, Submit is not offered; each reason links to its field
    page.goto(note_url)
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    _click_and_wait(page, page.locator(".cn-problem-list").get_by_role("link", name=re.compile("has no baseline")))
    assert re.search(r"/results#indicator-\d+$", page.url)
    editing = page.locator(".cn-indicator-edit details")
    editing.locator("summary").click()
    editing.get_by_label("Baseline").fill("0")
    _click_and_wait(page, editing.get_by_role("button", name="Save"))
    page.goto(note_url)
    _click_and_wait(page, page.get_by_role("button", name="Submit for review"))
    expect(page.get_by_text("Concept note submitted")).to_be_visible()
    expect(page.locator("[data-status]").first).to_have_text("Submitted")

    reviewer = browser.new_context(base_url=live_server, accept_downloads=True, locale="en-GB").new_page()
    reviewer.set_default_timeout(10_000)
    _accept_dialogs(reviewer)
    sign_in(reviewer, manager.email)
    reviewer.goto("/concept-notes/review")
    _click_and_wait(reviewer, reviewer.get_by_role("link", name=TITLE))
    reviewer.get_by_label("Part of the note").select_option("summary")
    reviewer.get_by_label("Comment").fill("Name the people who benefit, with numbers.")
    _click_and_wait(reviewer, reviewer.get_by_role("button", name="Add comment"))
    _click_and_wait(reviewer, reviewer.get_by_role("button", name="Return to applicants"))
    expect(reviewer.locator("[data-status]").first).to_have_text("Returned")

    page.goto(note_url)
    expect(page.locator(".cn-comment-body").first).to_have_text("Name the people who benefit, with numbers.")
    page.goto(f"{note_url}/sections/summary")
    expect(page.locator(".cn-comment-body")).to_have_text("Name the people who benefit, with numbers.")
    _write_section(page, note_url, "summary", f"{TEXT} About 2,400 officials and 15,000 migrants benefit.")
    page.goto(note_url)
    _click_and_wait(page, page.get_by_role("button", name="Submit for review"))
    expect(page.locator("[data-status]").first).to_have_text("Submitted")

    reviewer.goto(note_url)
    _click_and_wait(reviewer, reviewer.get_by_role("link", name="What changed since the previous submission"))
    expect(reviewer.locator(".cn-diff-add").first).to_contain_text("15,000 migrants benefit")
    reviewer.goto(note_url)
    _click_and_wait(reviewer, reviewer.get_by_role("button", name="Endorse"))
    expect(reviewer.locator("[data-status]").first).to_have_text("Endorsed")
    with reviewer.expect_download() as download_info:
        reviewer.get_by_role("link", name="Download PDF").click()
    pdf = Path(tmp_path / "note.pdf")
    download_info.value.save_as(pdf)
    reader = PdfReader(BytesIO(pdf.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert TITLE in text and "15,000 migrants benefit" in text and "$216,675.75" in text
    assert "DRAFT" not in text and f"Page 1 of {len(reader.pages)}" in text
    reviewer.context.close()
    db.session.expire_all()
    note = db.session.scalar(db.select(ConceptNote).where(ConceptNote.title == TITLE))
    assert note.status == NoteStatus.ENDORSED and len(note.submissions) == 2


def test_text_typed_after_the_session_expired_is_kept_and_saved_after_signing_in(page, people):
    applicant, _manager = people
    note = services.create_note(actor=applicant, title="Kept text", language="en")
    db.session.commit()
    sign_in(page, applicant.email)
    page.goto(f"/concept-notes/{note.id}/sections/context")
    expect(page.locator("#cn-save-state")).to_have_text("Saved")
    sign_out(page)
    page.locator("textarea[name=body]").fill("Typed while signed out: nothing may be lost.")
    page.locator("#cn-preview").click()
    expect(page.locator("#cn-offline")).to_be_visible()
    expect(page.locator("#cn-save-state")).to_have_text("Unsaved changes")
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("context") == ""

    _click_and_wait(page, page.locator("#cn-offline").get_by_role("link", name="Sign in again"))
    page.get_by_label("E-mail address").fill(applicant.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    _click_and_wait(page, page.get_by_role("button", name="Sign in"))
    expect(page.locator("textarea[name=body]")).to_have_value("Typed while signed out: nothing may be lost.")
    expect(page.locator("#cn-save-state")).to_have_text("Saved")
    db.session.expire_all()
    saved = db.session.get(ConceptNote, note.id).section_text("context")
    assert saved == "Typed while signed out: nothing may be lost."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cn-pending:')).length") == 0


def test_two_writers_in_one_section_are_told_and_lose_no_text(page, browser, live_server, people, make_user):
    applicant, _manager = people
    colleague = make_user(Role.APPLICANT, email="colleague@example.org", name="Cora Colleague")
    note = services.create_note(actor=applicant, title="Shared text", language="en")
    services.accept_invitation(services.invite_collaborator(note, colleague.email, actor=applicant), colleague)
    db.session.commit()
    url = f"/concept-notes/{note.id}/sections/context"
    sign_in(page, applicant.email)
    page.goto(url)
    other = browser.new_context(base_url=live_server, locale="en-GB").new_page()
    sign_in(other, colleague.email)
    other.goto(url)
    expect(other.locator("#cn-save-state")).to_have_text("Saved")

    page.locator("textarea[name=body]").fill("The owner's context.")
    page.locator("#cn-preview").click()
    expect(page.locator("#cn-save-state")).to_have_text("Saved")
    other.locator("textarea[name=body]").fill("The colleague's context.")
    other.locator("#cn-preview").click()

    expect(other.locator("#cn-conflict")).to_be_visible()
    expect(other.locator("#cn-theirs")).to_have_text("The owner's context.")
    expect(other.locator("textarea[name=body]")).to_have_value("The colleague's context.")
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("context") == "The owner's context."

    other.get_by_role("button", name="Keep my text").click()
    expect(other.locator("#cn-conflict")).to_be_hidden()
    expect(other.locator("#cn-save-state")).to_have_text("Saved")
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("context") == "The colleague's context."
    other.context.close()


def test_budget_totals_and_indirect_costs_follow_the_typing_with_the_users_separators(page, people, browser_errors):
    applicant, _manager = people
    note = services.create_note(actor=applicant, title="Live totals", language="en")
    services.update_cover(note, {"organisations": ["IOM", "UNHCR"], "lead_organisation": "IOM", "duration_months": 18})
    outcome = services.save_result(note, Outcome(), {"statement": "Safer labour migration"})
    db.session.commit()
    sign_in(page, applicant.email)
    page.goto(f"/concept-notes/{note.id}/budget")

    page.get_by_label("IOM · Staff and other personnel").fill("120000.10")
    page.get_by_label("IOM · Travel").fill("18,500.55")
    page.get_by_label("UNHCR · Contractual services").fill("64000.05")
    # nothing was saved: the page computes 202,500.70 + 7 % per organisation (9,695.05 + 4,480.00), in en-GB
    expect(page.locator("#cn-budget [data-direct=IOM]")).to_have_text("US$138,500.65")
    expect(page.locator("#cn-budget [data-indirect=IOM]")).to_have_text("US$9,695.05")
    expect(page.locator("#cn-budget-total")).to_have_text("US$216,675.75")
    page.get_by_label("Outcome 1, year 1").fill("0.50")
    page.get_by_label("Outcome 1, year 2").fill("1000")
    # 7 % of 0.50 is 0.035: rounded half up to 0.04, as the server rounds
    expect(page.locator("#cn-outcome-budget [data-indirect-year='1']")).to_have_text("US$0.04")
    expect(page.locator("#cn-outcome-budget [data-grand-total]")).to_have_text("US$1,070.54")
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).budget_lines == []

    _click_and_wait(page, page.get_by_role("button", name="Save and compute totals"))
    expect(page.locator("#cn-budget-total")).to_have_text("US$216,675.75")
    expect(page.locator("#cn-outcome-budget [data-grand-total]")).to_have_text("US$1,070.54")
    db.session.expire_all()
    assert sorted(a.amount for a in db.session.get(ConceptNote, note.id).budget_allocations) == [
        Decimal("0.50"),
        Decimal("1000.00"),
    ]
    assert outcome.id in {a.outcome_id for a in db.session.get(ConceptNote, note.id).budget_allocations}
    assert browser_errors == []
