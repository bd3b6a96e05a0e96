from decimal import Decimal
from io import BytesIO

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.concept_notes import documents, queries, reference_lists, services
from portal.concept_notes.models import (
    Indicator,
    Level,
    NoteSection,
    NoteStatus,
    Output,
    ReferenceItem,
    ReferenceKind,
    Risk,
    Scope,
)
from portal.concept_notes.validation import check_note, page_problems
from portal.errors import DomainError
from portal.extensions import db
from portal.pdf import StaticOnlyFetcher, html_to_pdf
from tests import factories
from tests.concept_notes import builders
from tests.concept_notes.test_markdown import HOSTILE

RATE = Decimal("0.07")
pytestmark = pytest.mark.usefixtures("request_context")


def _blocking(note):
    return [p.message for p in check_note(note, queries.budget_for(note, RATE)) if p.blocking]


def test_reference_defaults_install_once_and_ship_the_lists(app, runner):
    result = runner.invoke(args=["concept-notes", "defaults"])
    assert "Added 118 reference entries" in result.output
    assert "Added 0 reference entries" in runner.invoke(args=["concept-notes", "defaults"]).output
    objectives = reference_lists.entries(ReferenceKind.GCM_OBJECTIVE)
    assert len(objectives) == 23 and objectives[0].label == "Data"
    assert objectives[22].title.startswith("Strengthen international cooperation and global partnerships")
    assert len(reference_lists.entries(ReferenceKind.THEMATIC_AREA)) == 5
    assert len(reference_lists.entries(ReferenceKind.GUIDING_PRINCIPLE)) == 10
    assert [i.code for i in reference_lists.entries(ReferenceKind.BUDGET_CATEGORY)] == list("1234567")
    assert [i.code for i in reference_lists.entries(ReferenceKind.MARKER_LEVEL)] == list("0123")
    assert {"IOM", "UNHCR", "UNDP", "UNICEF", "ILO", "UNODC", "UNWOMEN", "WHO", "UNFPA", "OHCHR"} <= {
        i.code for i in reference_lists.entries(ReferenceKind.UN_ORGANISATION)
    }


def test_a_complete_note_has_no_blocking_problem(applicant):
    note = builders.note(applicant)
    assert _blocking(note) == []


def test_an_empty_note_lists_every_reason(applicant):
    note = builders.note(applicant, complete=False, title="")
    reasons = " ".join(_blocking(note))
    for expected in (
        "title is missing",
        "at least two participating UN organisations",
        "lead",
        "thematic area",
        "GCM objective",
        "between 1 and 60",
        "Section “Summary” is empty",
        "at least one outcome",
        "budget is empty",
        "implementing partners",
    ):
        assert expected in reasons, expected


def test_the_rules_of_the_spec_are_each_enforced(applicant):
    note = builders.note(applicant)
    note.scope, note.countries = Scope.REGIONAL, ["MK"]
    note.organisations, note.lead_organisation = ["IOM"], None
    output = services.save_result(note, Output(), {"outcome_id": None, "statement": "Loose output"})
    services.save_result(
        note,
        Indicator(),
        {
            "output_id": output.id,
            "description": "Share of staff trained",
            "baseline": "",
            "target": "",
            "disaggregation": [],
        },
    )
    reasons = " ".join(_blocking(note))
    assert "regional programme needs at least two countries" in reasons
    assert "at least two participating UN organisations" in reasons
    assert "Mark one participating UN organisation as the lead" in reasons
    assert "Output “Loose output” belongs to no outcome" in reasons
    assert "“Share of staff trained” has no baseline" in reasons
    assert "“Share of staff trained” has no target" in reasons


def test_zero_gender_or_child_marker_is_a_warning_not_a_refusal(applicant):
    note = builders.note(applicant, gender_marker=0, child_marker=0)
    problems = check_note(note, queries.budget_for(note, RATE))
    warnings = [p.message for p in problems if not p.blocking]
    assert len(warnings) == 2 and all("is 0" in w for w in warnings)
    assert _blocking(note) == []


def test_page_limit_refuses_above_the_limit_and_warns_above_the_warning():
    assert [p.blocking for p in page_problems(9, limit=8, warning=6)] == [True]
    assert [p.blocking for p in page_problems(7, limit=8, warning=6)] == [False]
    assert page_problems(6, limit=8, warning=6) == []


def test_cover_rules_raise_beside_the_field(applicant):
    note = builders.note(applicant, complete=False)
    with pytest.raises(DomainError) as error:
        services.update_cover(note, {"organisations": ["IOM", "UNHCR"], "lead_organisation": "UNDP"})
    assert error.value.field == "lead_organisation"
    with pytest.raises(DomainError) as error:
        services.update_cover(note, {"scope": Scope.REGIONAL, "countries": ["RS"]})
    assert error.value.field == "countries"


def test_removing_an_organisation_drops_its_budget_column(applicant):
    note = builders.note(applicant)
    services.update_cover(note, {"organisations": ["IOM", "UNDP"], "lead_organisation": "IOM"})
    budget = queries.budget_for(note, RATE)
    assert budget.organisations == ("IOM", "UNDP")
    assert budget.direct_total == Decimal("138500.55")
    assert budget.indirect["IOM"] == Decimal("9695.04")


def test_submission_snapshot_is_frozen_and_review_round_trip(applicant):
    manager = factories.user(role=Role.MANAGER)
    note = builders.note(applicant)
    services.submit_note(note, actor=applicant, rate=RATE, pages=1, limit=15, warning=12)
    first = note.submissions[-1]
    assert note.status == NoteStatus.SUBMITTED and first.number == 1
    assert first.snapshot["total"] == "216675.70"
    with pytest.raises(DomainError):
        services.save_section(note, "summary", "changed while submitted", opened=0)
    services.add_comment(note, actor=manager, section="summary", body="Say who benefits.")
    services.decide(note, NoteStatus.RETURNED, actor=manager)
    assert note.status == NoteStatus.RETURNED and first.decision == NoteStatus.RETURNED
    services.save_section(
        note, "summary", "Migrant workers and their families benefit.", opened=queries.section_version(note, "summary")
    )
    services.submit_note(note, actor=applicant, rate=RATE, pages=1, limit=15, warning=12)
    second = note.submissions[-1]
    db.session.commit()
    db.session.expire_all()
    assert first.snapshot["sections"]["summary"] != second.snapshot["sections"]["summary"]
    assert second.snapshot["sections"]["summary"] == "Migrant workers and their families benefit."
    changes = dict(queries.changes_since_previous(note))
    assert list(changes) == ["Summary"]
    assert ("+", "Migrant workers and their families benefit.") in changes["Summary"]
    assert any(mark == "-" for mark, _line in changes["Summary"])
    services.decide(note, NoteStatus.ENDORSED, actor=manager)
    assert note.status == NoteStatus.ENDORSED
    with pytest.raises(DomainError):
        services.decide(note, NoteStatus.RETURNED, actor=manager)


def test_copy_makes_an_independent_draft(applicant):
    other = factories.user(role=Role.APPLICANT)
    note = builders.note(applicant)
    services.submit_note(note, actor=applicant, rate=RATE, pages=1, limit=15, warning=12)
    copy = services.copy_note(note, actor=other)
    db.session.commit()
    assert copy.status == NoteStatus.DRAFT and copy.owner_id == other.id and copy.submissions == []
    assert copy.title.startswith("Copy of ")
    assert copy.section_text("summary") == note.section_text("summary")
    assert copy.outputs[0].outcome_id == copy.outcomes[0].id != note.outcomes[0].id
    assert copy.indicators[0].output_id == copy.outputs[0].id
    assert queries.budget_for(copy, RATE).total == queries.budget_for(note, RATE).total
    assert _blocking(copy) == []


def test_an_invitation_waits_for_the_applicant_account_of_its_address(applicant):
    note = builders.note(applicant, complete=False)
    colleague = factories.user(role=Role.APPLICANT, email="colleague@example.org")
    officer = factories.user(role=Role.OFFICER, email="officer@example.org")
    for email in ("nobody@example.org", "officer@example.org", "Colleague@Example.org"):
        services.invite_collaborator(note, email, actor=applicant)
    assert [i.email_key for i in note.invitations] == [
        "nobody@example.org",
        "officer@example.org",
        "colleague@example.org",
    ]
    assert not queries.is_team_member(note, colleague) and queries.invitations_of(officer) == []
    with pytest.raises(DomainError, match="already invited"):
        services.invite_collaborator(note, "nobody@example.org ", actor=applicant)
    with pytest.raises(DomainError, match="Only the owner"):
        services.invite_collaborator(note, "x@example.org", actor=colleague)

    (invitation,) = queries.invitations_of(colleague)
    services.accept_invitation(invitation, colleague)
    assert queries.is_team_member(note, colleague) and note in queries.notes_of(colleague)
    assert queries.invitations_of(colleague) == []
    with pytest.raises(DomainError, match="already works on this note"):
        services.invite_collaborator(note, "colleague@example.org", actor=applicant)


def test_reference_codes_are_unique_within_a_list(app):
    services.install_reference_defaults()
    item = ReferenceItem(kind=ReferenceKind.UN_ORGANISATION)
    with pytest.raises(DomainError):
        services.save_reference_item(item, {"code": "IOM", "label": "x", "title": "", "position": 1, "is_active": True})


def _pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.pdf
def test_pdf_has_the_cover_tables_footers_watermark_and_kosovo_footnote(applicant):
    note = builders.note(applicant)
    pdf, pages = documents.render_note_pdf(note, rate=RATE)
    assert pdf.startswith(b"%PDF") and pages == len(PdfReader(BytesIO(pdf)).pages)
    text = _pdf_text(pdf)
    assert "Evidence-based migration policy in the Western Balkans" in text
    assert f"Page 1 of {pages}" in text and "DRAFT" in text
    assert "Kosovo*" in text and "Security Council resolution 1244" in " ".join(text.split())
    assert "$216,675.70" in text and "$9,695.04" in text
    flat = " ".join(text.split())
    assert "10. Budget summary" in flat and "Number of officials trained" in flat and "Training records" in flat
    note.status = NoteStatus.ENDORSED
    assert "DRAFT" not in _pdf_text(documents.render_note_pdf(note, rate=RATE)[0])


@pytest.mark.parametrize(
    ("language", "month", "total"),
    [
        ("fr", "1er mars 2027", "216 675,70 $US"),
        ("ru", "1 марта 2027", "216 675,70 $"),
    ],
)
@pytest.mark.pdf
def test_pdf_is_written_in_the_notes_language_with_its_number_format(applicant, language, month, total):
    note = builders.note(applicant, language=language, countries=["MK", "RS"])
    text = _pdf_text(documents.render_note_pdf(note, rate=RATE)[0])
    flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    assert month in flat and total in flat
    assert "Kosovo" not in text and "resolution 1244" not in flat


def test_tables_are_bounded(applicant):
    note = builders.note(applicant, complete=False)
    for n in range(services.MAX_ROWS):
        services.save_risk(note, Risk(), {"description": f"risk {n}", "likelihood": Level.LOW, "impact": Level.LOW})
    with pytest.raises(DomainError, match="at most 60 rows"):
        services.save_risk(note, Risk(), {"description": "one too many", "likelihood": Level.LOW, "impact": Level.LOW})


@pytest.mark.pdf
def test_hostile_sections_leave_no_trace_in_the_note_pdf_and_nothing_is_fetched(applicant, app):
    note = builders.note(applicant)
    for key, source in zip(
        ("summary", "context", "ownership", "theory_of_change"), ["\n\n".join(HOSTILE)] * 4, strict=True
    ):
        services.save_section(note, key, source, opened=queries.section_version(note, key))
    fetcher = StaticOnlyFetcher(app.static_folder)
    pdf = html_to_pdf(documents.note_pdf_html(note, rate=RATE), static_folder=app.static_folder, fetcher=fetcher)
    assert fetcher.refused == []
    assert fetcher.served == ["https://portal.invalid/static/css/print.css"]
    text = _pdf_text(pdf).lower()
    for trace in ("@import", "url(", "etc/passwd", "javascript", "evil.example", "169.254", "<script"):
        assert trace not in text, trace
    assert PdfReader(BytesIO(pdf)).attachments == {}


def test_a_note_longer_than_the_limit_is_refused(applicant):
    note = builders.note(applicant, words_per_section=700)
    _pdf, pages = documents.render_note_pdf(note, rate=RATE)
    assert pages > 8
    assert [p.blocking for p in page_problems(pages, limit=8, warning=6)] == [True]


def test_two_writers_creating_one_section_at_once_keep_both_texts(applicant):
    note = builders.note(applicant, complete=False)
    db.session.commit()
    assert queries.section_version(note, "summary") == 0
    # the other writer's request created the section after this one loaded the note
    db.session.execute(sa.insert(NoteSection).values(note_id=note.id, key="summary", body="Theirs.", version=1))
    with pytest.raises(services.SectionConflict) as conflict:
        services.save_section(note, "summary", "Mine.", opened=0)
    assert (conflict.value.theirs, conflict.value.version) == ("Theirs.", 1)
    assert services.save_section(note, "summary", "Mine.", opened=1).body == "Mine."


def test_the_service_itself_refuses_a_note_that_breaks_a_submission_rule(applicant):
    draft = builders.note(applicant, complete=False)
    with pytest.raises(services.SubmissionRefused) as refused:
        services.submit_note(draft, actor=applicant, rate=RATE, pages=1, limit=15, warning=12)
    assert any(problem.blocking for problem in refused.value.problems)
    assert draft.status == NoteStatus.DRAFT and draft.submissions == []
    note = builders.note(applicant)
    with pytest.raises(services.SubmissionRefused) as refused:
        services.submit_note(note, actor=applicant, rate=RATE, pages=16, limit=15, warning=12)
    assert [p.message for p in refused.value.problems if p.blocking] == [
        "The PDF has 16 pages; the limit is 15. Shorten the note."
    ]
    warnings = services.submit_note(note, actor=applicant, rate=RATE, pages=13, limit=15, warning=12)
    assert "The PDF has 13 pages; notes of up to 12 pages read best." in [p.message for p in warnings]
    assert not any(p.blocking for p in warnings)
    assert note.status == NoteStatus.SUBMITTED and len(note.submissions) == 1
