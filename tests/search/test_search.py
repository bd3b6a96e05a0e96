"""The global search: full text over what the user may see, kept current by every write, safe with any input."""

import re

import pytest

from portal.accounts.models import Role
from portal.concept_notes import services as note_services
from portal.concept_notes.models import NoteStatus
from portal.exchange import services as exchange_services
from portal.extensions import db
from portal.participants.personal_data import erase_person
from portal.search import queries
from tests import factories
from tests.exchange import workbooks


def _found(user, text, kind):
    return {hit.record_id for group in queries.search(text, user) if group.kind == kind for hit in group.hits}


def test_a_project_is_found_by_a_word_of_its_description_with_the_word_marked(client, auth):
    user = auth.login(Role.MANAGER)
    project = factories.project(title="Pathways", description="Seasonal workers in <b>agriculture</b> and tourism")
    factories.project(title="Other", description="Nothing of the kind")
    db.session.commit()
    response = client.get("/search", query_string={"q": "agricult"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and f'href="/projects/{project.id}"' in body
    assert "&lt;b&gt;<mark>agricult</mark>ure&lt;/b&gt;" in body
    assert _found(user, "tourism seasonal", "project") == {project.id}
    assert _found(user, "tourism seasonal nothing", "project") == set()


def test_an_edit_and_a_deletion_reach_the_index(app, auth):
    user = auth.login(Role.OFFICER)
    partner = factories.partner(name="Harbour authority")
    db.session.commit()
    assert _found(user, "harbour", "partner") == {partner.id}
    partner.name = "Airport authority"
    db.session.commit()
    assert _found(user, "harbour", "partner") == set() and _found(user, "airport", "partner") == {partner.id}
    db.session.delete(partner)
    db.session.commit()
    assert _found(user, "airport", "partner") == set()


def test_concept_notes_are_found_only_by_those_who_may_read_them(app, make_user):
    owner, stranger, manager = make_user(Role.APPLICANT), make_user(Role.APPLICANT), make_user(Role.MANAGER)
    draft = note_services.create_note(actor=owner, title="Diaspora bonds", language="en")
    submitted = note_services.create_note(actor=owner, title="Diaspora skills", language="en")
    submitted.status = NoteStatus.SUBMITTED
    db.session.commit()
    assert _found(owner, "diaspora", "concept_note") == {draft.id, submitted.id}
    assert _found(stranger, "diaspora", "concept_note") == set()
    assert _found(manager, "diaspora", "concept_note") == {submitted.id}


def test_a_notes_sections_are_searched(app, make_user):
    owner = make_user(Role.APPLICANT)
    note = note_services.create_note(actor=owner, title="A note", language="en")
    note_services.save_section(note, "context", "Remittance corridors matter", opened=0)
    db.session.commit()
    assert _found(owner, "corridors", "concept_note") == {note.id}


def test_people_are_searched_only_by_roles_that_see_personal_data(client, auth, make_user):
    person = factories.person(first_name="Ingrid", last_name="Solberg")
    db.session.commit()
    assert _found(make_user(Role.OFFICER), "solberg", "person") == {person.id}
    assert _found(make_user(Role.ADMIN), "ingrid", "person") == {person.id}
    auth.login(Role.MANAGER)
    body = client.get("/search", query_string={"q": "solberg"}).get_data(as_text=True)
    assert f"/people/{person.id}" not in body and "Ingrid" not in body


def test_applicants_find_no_registers(app, make_user):
    factories.project(title="Visible to staff")
    db.session.commit()
    assert queries.search("visible", make_user(Role.APPLICANT)) == []


def test_an_erased_person_is_not_found(app, make_user):
    person = factories.person(first_name="Ingrid", last_name="Solberg", email="ingrid@example.org")
    db.session.commit()
    erase_person(person)
    db.session.commit()
    officer = make_user(Role.OFFICER)
    assert _found(officer, "solberg", "person") == set() and _found(officer, "ingrid", "person") == set()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "*",
        "NEAR(",
        'a" OR "b',
        "'; DROP TABLE people; --",
        "\\",
        "a:*",
        "!&|",
        "-x",
        "(",
        "AND",
        "^",
        "é" * 300,
    ],
)
def test_hostile_queries_give_a_normal_page(client, auth, text):
    auth.login(Role.OFFICER)
    factories.project(title="Anything")
    db.session.commit()
    response = client.get("/search", query_string={"q": text})
    assert response.status_code == 200


def test_a_kind_is_paged_through(client, auth, app):
    auth.login(Role.OFFICER)
    partners = [factories.partner(name=f"Lagoon partner {n}") for n in range(30)]
    db.session.commit()
    first = client.get("/search", query_string={"q": "lagoon"}).get_data(as_text=True)
    assert len(re.findall(r'href="/partners/\d+"', first)) == 10 and "kind=partner" in first
    seen = set()
    for page in (1, 2):
        body = client.get("/search", query_string={"q": "lagoon", "kind": "partner", "page": page}).get_data(
            as_text=True
        )
        seen |= {p.id for p in partners if f'href="/partners/{p.id}"' in body}
    assert seen == {p.id for p in partners}


def test_a_workbook_import_reaches_the_index(app, tmp_path, make_user):
    path = workbooks.save(tmp_path / "portfolio.xlsx", workbooks.portfolio())
    report = exchange_services.import_workbook(path)
    db.session.commit()
    assert report.ok
    officer = make_user(Role.OFFICER)
    assert len(_found(officer, "commission", "partner")) == 1
    assert len(_found(officer, "ivan", "person")) == 1


def test_the_rebuild_command_restores_the_index(app, make_user):
    project = factories.project(title="Coastal resilience")
    db.session.commit()
    db.session.execute(db.text("DELETE FROM search_index"))
    db.session.commit()
    officer = make_user(Role.OFFICER)
    assert _found(officer, "coastal", "project") == set()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert _found(officer, "coastal", "project") == {project.id}
