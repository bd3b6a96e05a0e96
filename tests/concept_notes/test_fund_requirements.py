"""The Migration MPTF's requirements on a concept note: SDG targets, endorsements, guiding principles applied, the
whole-of-government and whole-of-society rule, the human rights marker's own scale, the gender budget share, the
budget by outcome and year, and the objectives that do not belong to the thematic area."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from portal.concept_notes import documents, queries, reference_lists, services
from portal.concept_notes.budget import compute_outcome_budget, programme_years, share_out
from portal.concept_notes.models import Outcome, ReferenceItem, ReferenceKind
from portal.concept_notes.validation import check_note
from portal.errors import DomainError
from portal.extensions import db
from tests.concept_notes import builders

RATE = Decimal("0.07")
pytestmark = pytest.mark.usefixtures("request_context")


def _problems(note):
    return check_note(note, queries.budget_for(note, RATE))


def _blocking(note):
    return [(p.field, p.message) for p in _problems(note) if p.blocking]


def _pdf_text(note) -> str:
    pdf = documents.render_note_pdf(note, rate=RATE)[0]
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def test_a_note_without_sdg_targets_is_refused_at_the_field(applicant):
    note = builders.note(applicant, sdg_targets=[])
    assert _blocking(note) == [("sdg_targets", "Choose the SDG targets the programme contributes to.")]


def test_endorsements_by_the_governments_and_the_resident_coordinator_block_submission(applicant):
    note = builders.note(applicant, government_endorsements=[], rc_endorsed_by="", rc_endorsed_on=None)
    assert _blocking(note) == [
        ("government_endorsements", "Record the endorsement by the government(s) before submitting."),
        ("rc_endorsed_by", "Record who endorsed the note for the UN Resident Coordinator, and when."),
    ]
    services.update_cover(
        note,
        {
            "government_endorsements": [{"country": "MK", "by": "", "on": date(2027, 1, 15)}],
            "rc_endorsed_by": "Resident Coordinator",
            "rc_endorsed_on": date(2027, 1, 22),
        },
    )
    assert _blocking(note) == [
        ("government_endorsements", "Each government endorsement needs the government, who endorsed and when.")
    ]
    services.update_cover(
        note, {"government_endorsements": [{"country": "MK", "by": "Minister of Interior", "on": date(2027, 1, 15)}]}
    )
    assert _blocking(note) == []
    assert note.endorsements == [("MK", "Minister of Interior", date(2027, 1, 15))]


def test_whole_of_government_needs_two_government_entities_and_whole_of_society_civil_society_or_migrants(applicant):
    note = builders.note(
        applicant,
        partners=[
            {"name": "Ministry of Interior", "kind": "national_government"},
            {"name": "University of Skopje", "kind": "academia"},
            {"name": "", "kind": "civil_society"},
        ],
    )
    assert note.partners == [
        {"name": "Ministry of Interior", "kind": "national_government"},
        {"name": "University of Skopje", "kind": "academia"},
    ]
    assert note.implementing_partners == "Ministry of Interior\nUniversity of Skopje"
    assert _blocking(note) == [
        ("partners", "Whole-of-government approach: name more than one government entity among the partners."),
        ("partners", "Whole-of-society approach: civil society or migrant organisations must be among the partners."),
    ]
    services.update_cover(
        note,
        {
            "partners": [
                {"name": "Ministry of Interior", "kind": "national_government"},
                {"name": "Municipality of Kumanovo", "kind": "local_government"},
                {"name": "Diaspora network", "kind": "migrant_organisation"},
                {"name": "Someone", "kind": None},
            ]
        },
    )
    assert _blocking(note) == [("partners", "Say what kind of partner each implementing partner is.")]


def test_each_chosen_guiding_principle_says_how_the_programme_applies_it(applicant):
    note = builders.note(applicant, guiding_principles=["people-centred", "whole-of-society"])
    assert _blocking(note) == [
        ("principle-whole-of-society", "Say how the programme applies the principle “Whole-of-society approach”.")
    ]
    # a text for a principle that is not chosen is not kept
    services.update_cover(
        note,
        {
            "guiding_principles": ["whole-of-society"],
            "principle_applications": {
                "people-centred": "Kept?",
                "whole-of-society": "Migrant associations co-design.",
            },
        },
    )
    assert note.principle_applications == {"whole-of-society": "Migrant associations co-design."}
    assert _blocking(note) == []


def test_the_human_rights_marker_has_its_own_scale_and_the_gender_budget_share_is_required(applicant):
    note = builders.note(applicant, human_rights_marker=3, gender_budget_percent=None)
    assert _blocking(note) == [
        ("human_rights_marker", "The human rights marker goes from 0 to 2: choose it again."),
        ("gender_budget_percent", "Give the share of the budget for gender equality."),
    ]
    levels = queries.human_rights_levels()
    assert levels == {"0": "Not targeted", "1": "Significant objective", "2": "Principal objective"}


def test_objectives_outside_the_thematic_area_are_a_warning_not_a_refusal(applicant):
    note = builders.note(applicant, thematic_area="1", gcm_objectives=["1", "9", "20"])
    warnings = [(p.field, p.message) for p in _problems(note) if not p.blocking]
    assert warnings == [
        (
            "gcm_objectives",
            "GCM objectives 9, 20 do not belong to thematic area 1: check the thematic area or the objectives.",
        )
    ]
    assert _blocking(note) == []
    # the mapping is data: an admin adding objective 9 to area 1 silences that part of the warning
    db.session.add(ReferenceItem(kind=ReferenceKind.AREA_OBJECTIVES, code="1/9", label="Area 1: objective 9"))
    db.session.flush()
    assert [p.message for p in _problems(note) if not p.blocking] == [
        "GCM objectives 20 do not belong to thematic area 1: check the thematic area or the objectives."
    ]


def test_the_budget_by_outcome_and_year_must_share_out_the_direct_costs_exactly(applicant):
    note = builders.note(applicant)
    outcome = note.outcomes[0]
    services.save_budget(note, {}, {(outcome.id, 2): Decimal("101250.31")})
    assert _blocking(note) == [
        (
            "cn-outcome-budget",
            "The budget by outcome and year adds up to 202,500.64, the budget by category to 202,500.65: "
            "share out the same direct costs.",
        )
    ]


def test_budget_totals_by_outcome_and_by_year_are_exact_decimals():
    assert programme_years(None) == (1,) and programme_years(12) == (1,) and programme_years(18) == (1, 2)
    assert programme_years(60) == (1, 2, 3, 4, 5)
    amounts = {(1, 1): Decimal("0.50"), (1, 2): Decimal("1000.10"), (2, 1): Decimal("333.33"), (2, 2): Decimal("0.20")}
    table = compute_outcome_budget([1, 2], [1, 2], amounts, RATE)
    assert table.outcome_totals == {1: Decimal("1000.60"), 2: Decimal("333.53")}
    assert table.year_totals == {1: Decimal("333.83"), 2: Decimal("1000.30")}
    # 7 % of 333.83 is 23.3681, of 1000.30 is 70.021: each year rounded half-up to the cent
    assert table.year_indirect == {1: Decimal("23.37"), 2: Decimal("70.02")}
    assert table.direct_total == Decimal("1334.13") and table.indirect_total == Decimal("93.39")
    assert table.total == Decimal("1427.52")
    # a half cent rounds up: 7 % of 0.50 is 0.035
    assert compute_outcome_budget([1], [1], {(1, 1): Decimal("0.50")}, RATE).year_indirect == {1: Decimal("0.04")}
    assert share_out(Decimal("0.10"), {1: Decimal(1), 2: Decimal(1), 3: Decimal(1)}) == {
        1: Decimal("0.04"),
        2: Decimal("0.03"),
        3: Decimal("0.03"),
    }
    assert share_out(Decimal("14175.05"), {1: Decimal("3"), 2: Decimal("0")}) == {1: Decimal("14175.05"), 2: 0}


def test_the_notes_budget_by_outcome_and_year_and_what_the_service_refuses(applicant):
    note = builders.note(applicant)
    outcome = note.outcomes[0]
    table = queries.budget_by_outcome(note, RATE)
    assert table.years == (1, 2) and table.outcomes == (outcome.id,)
    assert table.direct_total == Decimal("202500.65") == queries.budget_for(note, RATE).direct_total
    # line 8 of the budget by category (14,175.05) shared out over the years: both tables end on the same total
    assert table.year_indirect == {1: Decimal("7087.53"), 2: Decimal("7087.52")}
    assert table.total == queries.budget_for(note, RATE).total == Decimal("216675.70")
    with pytest.raises(DomainError):
        services.save_budget(note, {}, {(outcome.id, 3): Decimal("10")})
    with pytest.raises(DomainError) as error:
        services.save_budget(note, {}, {(outcome.id, 1): Decimal("-1")})
    assert error.value.field == f"outcome{outcome.id}-year1"
    # a shorter programme drops the years it no longer has; a removed outcome takes its amounts along
    services.update_cover(note, {"duration_months": 12})
    assert [(a.year, a.amount) for a in note.budget_allocations] == [(1, Decimal("101250.33"))]
    services.delete_result(note, outcome)
    assert note.budget_allocations == []


def test_copy_and_snapshot_carry_the_new_parts(applicant):
    note = builders.note(applicant)
    copy = services.copy_note(note, actor=applicant)
    assert copy.partners == note.partners and copy.government_endorsements == note.government_endorsements
    assert copy.principle_applications == note.principle_applications and copy.sdg_targets == ["10.7", "17.18"]
    assert sorted((a.year, a.amount) for a in copy.budget_allocations) == [
        (1, Decimal("101250.33")),
        (2, Decimal("101250.32")),
    ]
    snapshot = queries.snapshot(note, rate=RATE)
    assert Decimal(snapshot["cover"]["gender_budget_percent"]) == 30
    assert snapshot["cover"]["principle_applications"] == {
        "people-centred": "Migrants are interviewed for the baseline."
    }
    assert "Ministry of Interior · national_government" in snapshot["texts"]["cover"]
    assert f"Outcome {note.outcomes[0].id}, year 2: 101250.32" in snapshot["texts"]["budget_table"]


def test_a_typed_outcome_number_is_not_printed_twice(applicant):
    note = builders.note(applicant)
    outcome = services.save_result(note, Outcome(), {"statement": "Outcome 2: Migrants reach basic services."})
    assert outcome.statement == "Outcome 2: Migrants reach basic services."
    assert outcome.display_statement == "Migrants reach basic services."
    assert Outcome(statement="Результат 1 — доступ к услугам").display_statement == "доступ к услугам"
    assert Outcome(statement="Outcomes of the dialogue").display_statement == "Outcomes of the dialogue"
    text = _pdf_text(note)
    assert "Outcome 2: Migrants reach basic services." in text and "Outcome 2: Outcome 2" not in text


def test_the_pdf_shows_the_new_parts_in_english(applicant):
    note = builders.note(applicant, guiding_principles=["people-centred"])
    text = _pdf_text(note)
    for expected in (
        "Target 10.7: Facilitate orderly, safe, regular and responsible migration",
        "Roma Education Centre (Civil society organisation)",
        "Government of North Macedonia: Minister of Interior, January 15, 2027",
        "UN Resident Coordinator: Resident Coordinator, North Macedonia, January 22, 2027",
        "Human rights: 1 (Significant objective)",
        "Share of the budget for gender equality: 30 %",
        "People-centred Migrants are interviewed for the baseline.",
        "By outcome and year (USD)",
        "Year 1 Year 2",
        "$101,250.33 $101,250.32 $202,500.65",
    ):
        assert expected in text, expected


def test_the_pdf_shows_the_new_parts_in_russian(applicant):
    note = builders.note(applicant, language="ru")
    text = _pdf_text(note)
    for expected in (
        "Содействовать упорядоченной, безопасной, законной и ответственной миграции",
        "(Значимая цель)",
        "Minister of Interior, 15 января 2027",
        "Migrants are interviewed for the baseline.",
        "101 250,33",
    ):
        assert expected in text, expected


def test_an_installation_from_before_gets_the_new_lists_without_touching_the_others(app):
    services.install_reference_defaults()
    objective = db.session.scalar(db.select(ReferenceItem).where(ReferenceItem.kind == ReferenceKind.GCM_OBJECTIVE))
    objective.label = "Edited by an admin"
    for kind in (ReferenceKind.SDG_TARGET, ReferenceKind.SECTION_GUIDANCE):
        db.session.execute(db.delete(ReferenceItem).where(ReferenceItem.kind == kind))
    db.session.flush()
    assert services.ensure_reference_data() is True
    assert [item.code for item in reference_lists.entries(ReferenceKind.SDG_TARGET)][:3] == [
        "5.2",
        "8.7",
        "8.8",
    ]
    assert queries.section_guidance()["budget"].startswith("Explain the main costs by outcome and by year")
    assert objective.label == "Edited by an admin"
    assert services.ensure_reference_data() is False
