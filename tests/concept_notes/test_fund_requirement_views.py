"""The concept-note editor for the fund's requirements: refusals that link to their fields, no Submit while reasons
remain, the cover's partners, endorsements and principles, guidance beside each section, and the budget by outcome
and year with its stale saves."""

import re
from datetime import date
from decimal import Decimal

import pytest

from portal.accounts.models import Role
from portal.concept_notes import services
from portal.concept_notes.models import ConceptNote
from portal.extensions import db
from tests import factories
from tests.concept_notes import builders


@pytest.fixture
def owner(app):
    return factories.user(role=Role.APPLICANT, name="Olena Owner", email="owner@example.org")


@pytest.fixture
def note(owner):
    made = builders.note(owner)
    db.session.commit()
    return made


def test_each_refusal_links_to_its_field_and_submit_is_not_offered_while_reasons_remain(client, auth, owner, note):
    services.update_cover(note, {"government_endorsements": [], "sdg_targets": []})
    db.session.commit()
    auth.login(user=owner)
    page = client.get(f"/concept-notes/{note.id}").get_data(as_text=True)
    assert f'<a href="/concept-notes/{note.id}/cover#government_endorsements">Record the endorsement' in page
    assert f'<a href="/concept-notes/{note.id}/cover#sdg_targets">Choose the SDG targets' in page
    assert "Submit for review" not in page

    refused = client.post(f"/concept-notes/{note.id}/submit")
    assert refused.status_code == 422
    assert f'href="/concept-notes/{note.id}/cover#government_endorsements"' in refused.get_data(as_text=True)
    cover = client.get(f"/concept-notes/{note.id}/cover").get_data(as_text=True)
    # the anchors exist on the page the links lead to
    assert 'id="government_endorsements"' in cover and 'id="sdg_targets"' in cover
    assert 'href="#government_endorsements"' in cover

    services.update_cover(note, {"sdg_targets": ["10.7"], "government_endorsements": builders_endorsement()})
    db.session.commit()
    assert "Submit for review" in client.get(f"/concept-notes/{note.id}").get_data(as_text=True)


def builders_endorsement():
    return [{"country": "RS", "by": "Commissariat for Refugees and Migration", "on": date(2027, 1, 20)}]


def test_the_cover_form_saves_partners_endorsements_principles_and_the_gender_share(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/cover"
    page = client.get(url).get_data(as_text=True)
    assert (
        '<option selected value="1">1 · Significant objective</option>'
        '<option value="2">2 · Principal objective</option></select>' in page
    )
    assert page.count('name="partners-') == 2 * (3 + 2)
    form = {
        "version": note.version,
        "title": note.title,
        "language": "en",
        "scope": "regional",
        "countries": ["MK", "RS"],
        "organisations": ["IOM", "UNHCR"],
        "lead_organisation": "IOM",
        "thematic_area": "1",
        "gcm_objectives": ["1"],
        "sdg_targets": ["10.7", "16.9"],
        "guiding_principles": ["people-centred", "human-rights"],
        "principle-people-centred": "Migrants shape the baseline.",
        "principle-human-rights": "Data protection by design.",
        "principle-child-sensitive": "Not chosen: dropped.",
        "partners-0-name": "Ministry of Labour",
        "partners-0-kind": "national_government",
        "partners-1-name": "",
        "partners-1-kind": "",
        "partners-2-name": "Migrant Workers' Union",
        "partners-2-kind": "migrant_organisation",
        "government_endorsements-0-country": "RS",
        "government_endorsements-0-by": "State Secretary",
        "government_endorsements-0-on": "2027-02-01",
        "government_endorsements-1-country": "",
        "government_endorsements-1-by": "",
        "government_endorsements-1-on": "",
        "rc_endorsed_by": "Resident Coordinator, Serbia",
        "rc_endorsed_on": "2027-02-03",
        "human_rights_marker": "2",
        "gender_budget_percent": "22.5",
    }
    assert client.post(url, data=form).status_code == 302
    db.session.expire_all()
    saved = db.session.get(ConceptNote, note.id)
    assert saved.partners == [
        {"name": "Ministry of Labour", "kind": "national_government"},
        {"name": "Migrant Workers' Union", "kind": "migrant_organisation"},
    ]
    assert saved.government_endorsements == [{"country": "RS", "by": "State Secretary", "on": "2027-02-01"}]
    assert saved.principle_applications == {
        "people-centred": "Migrants shape the baseline.",
        "human-rights": "Data protection by design.",
    }
    assert saved.sdg_targets == ["10.7", "16.9"] and saved.human_rights_marker == 2
    assert saved.gender_budget_percent == Decimal("22.50")
    assert saved.rc_endorsed_by == "Resident Coordinator, Serbia" and saved.rc_endorsed_on == date(2027, 2, 3)
    # the form opens at what was saved, and a saved endorsement date is shown as a date
    page = client.get(url).get_data(as_text=True)
    assert 'value="2027-02-01"' in page and "Migrants shape the baseline.</textarea>" in page
    form["human_rights_marker"] = "3"
    assert "Not a valid choice" in client.post(url, data={**form, "version": saved.version}).get_data(as_text=True)


def test_each_section_shows_the_funds_guidance_beside_its_editor(client, auth, owner, note):
    auth.login(user=owner)
    page = client.get(f"/concept-notes/{note.id}/sections/principles").get_data(as_text=True)
    assert "The fund's guidance</h3>" in page and "whole-of-government and whole-of-society approaches" in page


def test_the_budget_by_outcome_and_year_is_edited_with_the_category_table(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/budget"
    outcome = note.outcomes[0].id
    page = client.get(url).get_data(as_text=True)
    assert f'name="outcome{outcome}-year2"' in page and 'id="cn-outcome-budget"' in page
    assert "$202,500.65" in page
    data = {f"IOM-{c}": "" for c in "1234567"} | {f"UNHCR-{c}": "" for c in "1234567"}
    data |= {"version": note.version, "IOM-1": "120 000,00", "IOM-5": "18,500.55", "UNHCR-4": "64000.10"}
    data |= {f"outcome{outcome}-year1": "100000", f"outcome{outcome}-year2": "102,500.65"}
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(ConceptNote, note.id)
    assert sorted((a.year, a.amount) for a in saved.budget_allocations) == [
        (1, Decimal("100000.00")),
        (2, Decimal("102500.65")),
    ]
    assert {(line.organisation, line.category): line.amount for line in saved.budget_lines}[("IOM", "1")] == Decimal(
        "120000.00"
    )


def test_a_stale_budget_save_flags_only_the_cells_that_differ_and_shows_the_saved_amounts(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/budget"
    opened = note.version
    outcome = note.outcomes[0].id
    services.save_budget(note, {("UNHCR", "4"): Decimal("70000.00")})
    db.session.commit()
    data = {f"IOM-{c}": "" for c in "1234567"} | {f"UNHCR-{c}": "" for c in "1234567"}
    data |= {"version": opened, "IOM-1": "120000.00", "IOM-5": "99.00", "UNHCR-4": "64000.10"}
    data |= {f"outcome{outcome}-year1": "101250.33", f"outcome{outcome}-year2": "101250.32"}

    page = client.post(url, data=data).get_data(as_text=True)

    assert "Changed by someone else since you opened it." in page
    # the cell someone else changed and the one changed here are flagged with the saved amounts; no other cell is
    assert re.findall(
        r'class="small text-warning-emphasis conflict"[^>]*><i class="bi bi-people"></i> ([^<]*)<', page
    ) == ["$70,000.00", "$18,500.55"]
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).version == note.version
