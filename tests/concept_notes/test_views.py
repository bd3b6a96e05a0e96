import re
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.concept_notes import queries, services
from portal.concept_notes.models import ConceptNote, NoteStatus, ReferenceItem, ReferenceKind
from portal.extensions import db
from portal.pdf import TIMEOUT_MESSAGE, PdfRenderError
from tests import factories
from tests.concept_notes import builders
from tests.concept_notes.access import APPLICANTS
from tests.conftest import PASSWORD


@pytest.fixture
def owner(app):
    return factories.user(role=Role.APPLICANT, name="Olena Owner", email="owner@example.org")


@pytest.fixture
def note(owner):
    made = builders.note(owner)
    db.session.commit()
    return made


def _urls(app, note):
    """Every concept-notes route that names a note, filled with this note's ids."""
    values = {
        "note_id": note.id,
        "key": "summary",
        "kind": "outcome",
        "item_id": note.outcomes[0].id,
        "risk_id": note.risks[0].id,
        "user_id": note.owner_id,
        "invitation_id": note.invitations[0].id,
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("concept_notes.") and "note_id" in rule.arguments:
            url = rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, url


def test_another_applicant_gets_404_for_someone_elses_note_by_every_url(app, client, auth, note):
    services.invite_collaborator(note, "guest@example.org", actor=note.owner)
    db.session.commit()
    urls = list(_urls(app, note))
    assert len({endpoint for endpoint, _m, _u in urls}) == 19
    auth.login(Role.APPLICANT)
    for endpoint, method, url in urls:
        response = client.open(url, method=method, json={"section": "summary", "body": "x"})
        expected = 404 if Role.APPLICANT in _allowed(app, endpoint) else 403
        assert response.status_code == expected, (method, url)
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") != "x"


def _allowed(app, endpoint):
    return app.view_functions[endpoint].allowed_roles


def test_the_owner_reaches_every_page(client, auth, owner, note):
    auth.login(user=owner)
    for url in (
        "/concept-notes/",
        f"/concept-notes/{note.id}",
        f"/concept-notes/{note.id}/cover",
        f"/concept-notes/{note.id}/sections/theory_of_change",
        f"/concept-notes/{note.id}/budget",
        f"/concept-notes/{note.id}/results",
        f"/concept-notes/{note.id}/results/indicator/new",
        f"/concept-notes/{note.id}/results/output/{note.outputs[0].id}",
        f"/concept-notes/{note.id}/risks",
        f"/concept-notes/{note.id}/risks/{note.risks[0].id}",
        f"/concept-notes/{note.id}/collaborators",
        f"/concept-notes/{note.id}/changes",
        "/concept-notes/new",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/concept-notes/{note.id}").get_data(as_text=True)
    assert "Evidence-based migration policy" in page and "Kosovo*" in page and "resolution 1244" in page
    assert "$216,675.70" in page


def test_managers_never_see_drafts(client, auth, note):
    auth.login(Role.MANAGER)
    assert client.get(f"/concept-notes/{note.id}").status_code == 404
    assert client.get(f"/concept-notes/{note.id}/pdf").status_code == 404
    assert "Evidence-based" not in client.get("/concept-notes/").get_data(as_text=True)


def test_a_collaborator_edits_and_autosaves(client, auth, owner, note):
    colleague = factories.user(role=Role.APPLICANT, email="colleague@example.org")
    services.accept_invitation(services.invite_collaborator(note, colleague.email, actor=owner), colleague)
    db.session.commit()
    auth.login(user=colleague)
    response = client.post(
        f"/concept-notes/{note.id}/autosave",
        json={"section": "summary", "body": "New **summary** <script>alert(1)</script>", "version": 1},
    )
    assert response.status_code == 200
    assert response.json["saved"] is True and response.json["words"] > 0 and response.json["version"] == 2
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") == "New **summary** "


def test_two_writers_autosaving_one_section_keep_both_texts(client, auth, owner, note):
    colleague = factories.user(role=Role.APPLICANT, email="colleague@example.org")
    services.accept_invitation(services.invite_collaborator(note, colleague.email, actor=owner), colleague)
    db.session.commit()
    url = f"/concept-notes/{note.id}/autosave"
    auth.login(user=owner)
    opened = client.get(f"/concept-notes/{note.id}/sections/summary").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in opened
    first = client.post(url, json={"section": "summary", "body": "The owner's summary.", "version": 1})
    assert first.status_code == 200 and first.json["version"] == 2
    auth.logout()

    auth.login(user=colleague)
    second = client.post(url, json={"section": "summary", "body": "The colleague's summary.", "version": 1})

    assert second.status_code == 409
    assert second.json["conflict"] is True and second.json["theirs"] == "The owner's summary."
    assert "Changed by someone else" in second.json["error"] and second.json["version"] == 2
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") == "The owner's summary."
    kept = client.post(url, json={"section": "summary", "body": "The colleague's summary.", "version": 2})
    assert kept.status_code == 200 and kept.json["version"] == 3
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") == "The colleague's summary."


def test_a_stale_section_form_shows_the_other_text_and_keeps_this_one(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/sections/summary"
    client.post(
        f"/concept-notes/{note.id}/autosave", json={"section": "summary", "body": "Saved meanwhile.", "version": 1}
    )

    page = client.post(url, data={"body": "Mine, from the old page.", "version": "1"}).get_data(as_text=True)

    assert "Someone else saved this section after you opened it." in page
    assert '<pre class="border rounded bg-body p-2 mb-2 cn-theirs" id="cn-theirs">Saved meanwhile.</pre>' in page
    assert ">Mine, from the old page.</textarea>" in page and 'name="version" type="hidden" value="2"' in page
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") == "Saved meanwhile."
    assert client.post(url, data={"body": "Mine, from the old page.", "version": "2"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") == "Mine, from the old page."


def test_autosave_without_a_session_saves_nothing(client, note):
    response = client.post(f"/concept-notes/{note.id}/autosave", json={"section": "summary", "body": "lost?"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).section_text("summary") != "lost?"


def test_autosave_of_a_submitted_note_is_refused(client, auth, owner, note):
    services.submit_note(note, actor=owner, rate=Decimal("0.07"), pages=1, limit=15, warning=12)
    db.session.commit()
    auth.login(user=owner)
    response = client.post(f"/concept-notes/{note.id}/autosave", json={"section": "summary", "body": "late"})
    assert response.status_code == 409
    assert client.get(f"/concept-notes/{note.id}/cover").status_code == 302


def test_preview_is_sanitised(client, auth):
    auth.login(Role.APPLICANT)
    response = client.post(
        "/concept-notes/preview", json={"text": "**hi** [x](javascript:alert(1)) <img src=file:///etc/passwd>"}
    )
    assert response.status_code == 200
    assert "<strong>hi</strong>" in response.json["html"]
    assert "javascript" not in response.json["html"] and "passwd" not in response.json["html"]
    assert client.post("/concept-notes/preview", data="nope").status_code == 400


def test_new_note_and_cover_form(client, auth, owner):
    services.ensure_reference_data()
    db.session.commit()
    auth.login(user=owner)
    response = client.post("/concept-notes/new", data={"title": "Labour mobility in Central Asia", "language": "ru"})
    assert response.status_code == 302
    created = db.session.scalar(db.select(ConceptNote).where(ConceptNote.title == "Labour mobility in Central Asia"))
    assert created.owner_id == owner.id and created.language == "ru" and created.status == NoteStatus.DRAFT
    url = f"/concept-notes/{created.id}/cover"
    # each marker level is offered with its meaning, in the user's language
    assert '<option value="2">2 · Significant objective</option>' in client.get(url).get_data(as_text=True)
    form = {
        "version": created.version,
        "title": "Labour mobility in Central Asia",
        "language": "ru",
        "scope": "regional",
        "countries": ["KZ", "KG", "TJ"],
        "organisations": ["IOM", "ILO"],
        "lead_organisation": "ILO",
        "thematic_area": "4",
        "gcm_objectives": ["5", "6"],
        "duration_months": "99",
        "gender_marker": "2",
    }
    response = client.post(url, data=form)
    assert response.status_code == 200
    assert "Number must be between 1 and 60" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ConceptNote, created.id).organisations == []
    form["duration_months"] = "36"
    assert client.post(url, data=form).status_code == 302
    db.session.expire_all()
    saved = db.session.get(ConceptNote, created.id)
    assert saved.countries == ["KZ", "KG", "TJ"] and saved.lead_organisation == "ILO" and saved.duration_months == 36
    assert saved.gender_marker == 2 and saved.child_marker is None
    form.update(version=saved.version, lead_organisation="UNDP")
    page = client.post(url, data=form).get_data(as_text=True)
    assert "The lead must be one of the participating organisations." in page


def test_a_stale_cover_shows_what_was_saved_meanwhile_by_its_labels_and_saves_nothing(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/cover"
    opened = note.version
    assert f'name="version" type="hidden" value="{opened}"' in client.get(url).get_data(as_text=True)
    services.update_cover(note, {"scope": "regional", "countries": ["MK", "RS"], "thematic_area": "3"})
    db.session.commit()
    saved = note.version
    form = {
        "version": opened,
        "title": note.title,
        "language": "en",
        "scope": "regional",
        "countries": ["MK", "RS", "XK"],
        "organisations": ["IOM", "UNHCR"],
        "lead_organisation": "IOM",
        "thematic_area": "1",
        "gcm_objectives": ["1", "17", "23"],
    }

    response = client.post(url, data=form)

    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Changed by someone else since you opened it." in page
    meanwhile = re.findall(r"Saved meanwhile by someone else: <strong>(.*?)</strong>", page)
    assert "North Macedonia, Serbia" in meanwhile
    assert (
        "3. Addressing irregular migration, including by managing borders and combating transnational crime"
        in meanwhile
    )
    assert "3" not in meanwhile and "MK, RS" not in meanwhile
    assert f'name="version" type="hidden" value="{saved}"' in page
    db.session.expire_all()
    unchanged = db.session.get(ConceptNote, note.id)
    assert unchanged.countries == ["MK", "RS"] and unchanged.thematic_area == "3" and unchanged.version == saved


def test_a_pdf_that_cannot_be_made_is_said_on_the_notes_page(client, auth, owner, note, monkeypatch):
    def fail(*_args, **_kwargs):
        raise PdfRenderError(TIMEOUT_MESSAGE)

    monkeypatch.setattr("portal.concept_notes.documents.html_to_pdf_with_pages", fail)
    auth.login(user=owner)
    for method, url in (("GET", f"/concept-notes/{note.id}/pdf"), ("POST", f"/concept-notes/{note.id}/submit")):
        response = client.open(url, method=method)
        assert response.status_code == 302 and response.headers["Location"] == f"/concept-notes/{note.id}", url
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "The document is too long to be made into a PDF in time." in page, url
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).status == NoteStatus.DRAFT


def test_budget_form_computes_line_8_and_totals(client, auth, owner, note):
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/budget"
    data = {
        "version": note.version,
        "IOM-1": "1000.10",
        "IOM-2": "0.05",
        "IOM-5": "",
        "UNHCR-4": "",
        "UNHCR-7": "333.33",
        "IOM-8": "999999",
    }
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    budget = queries.budget_for(db.session.get(ConceptNote, note.id), Decimal("0.07"))
    assert budget.direct == {"IOM": Decimal("1000.15"), "UNHCR": Decimal("333.33")}
    assert budget.indirect == {"IOM": Decimal("70.01"), "UNHCR": Decimal("23.33")}
    assert budget.total == Decimal("1426.82")
    page = client.get(url).get_data(as_text=True)
    assert "$1,426.82" in page and 'name="IOM-8"' not in page
    bad = client.post(url, data={"version": note.version + 1, "IOM-1": "-5"})
    assert bad.status_code == 200 and "Number must be" in bad.get_data(as_text=True)


def test_results_and_risks_editing(client, auth, owner, note):
    other = builders.note(factories.user(role=Role.APPLICANT), complete=True)
    db.session.commit()
    auth.login(user=owner)
    base = f"/concept-notes/{note.id}"
    assert client.post(f"{base}/results/outcome/new", data={"statement": "Safer labour migration"}).status_code == 302
    assert (
        client.post(f"{base}/results/output/new", data={"statement": "Loose output", "outcome_id": ""}).status_code
        == 302
    )
    page = client.get(f"{base}/results").get_data(as_text=True)
    assert "Not yet placed (blocks submission)" in page and "Output “Loose output” belongs to no outcome." in page
    assert (
        client.post(
            f"{base}/risks",
            data={
                "description": "Elections",
                "likelihood": "high",
                "impact": "medium",
                "mitigation": "Work with both sides",
            },
        ).status_code
        == 302
    )
    db.session.expire_all()
    saved = db.session.get(ConceptNote, note.id)
    assert [r.description for r in saved.risks] == ["Staff turnover in ministries", "Elections"]
    assert client.post(f"{base}/risks/{saved.risks[1].id}/delete").status_code == 302
    assert client.get(f"{base}/results/outcome/{other.outcomes[0].id}").status_code == 404


def test_inviting_says_the_same_whether_or_not_an_account_exists(client, auth, owner, note):
    colleague = factories.user(role=Role.APPLICANT, name="Cora Colleague", email="cora@example.org")
    db.session.commit()
    auth.login(user=owner)
    url = f"/concept-notes/{note.id}/collaborators"
    for email in ("someone@example.org", "cora@example.org"):
        page = client.post(url, data={"email": email}, follow_redirects=True).get_data(as_text=True)
        assert f"{email} is invited. Whoever signs in with an applicant account of this address can accept" in page
        assert f'{email} · <span class="text-muted">invited, not yet accepted</span>' in page
        assert "Cora Colleague" not in page and "No applicant account" not in page
    auth.logout()

    auth.login(user=colleague)
    listing = client.get("/concept-notes/").get_data(as_text=True)
    assert "Olena Owner invites you to work on" in listing
    (invitation,) = queries.invitations_of(colleague)
    assert client.post(f"/concept-notes/invitations/{invitation.id}/accept").status_code == 302
    assert client.get(f"/concept-notes/{note.id}/cover").status_code == 200


def test_only_the_invited_address_may_accept(client, auth, owner, note):
    invitation = services.invite_collaborator(note, "cora@example.org", actor=owner)
    db.session.commit()
    auth.login(Role.APPLICANT, email="someone-else@example.org")
    assert "invites you" not in client.get("/concept-notes/").get_data(as_text=True)
    assert client.post(f"/concept-notes/invitations/{invitation.id}/accept").status_code == 404
    assert client.post(f"/concept-notes/invitations/{invitation.id}/decline").status_code == 404
    assert client.get(f"/concept-notes/{note.id}").status_code == 404


def test_submission_refused_with_every_reason_then_review_cycle(client, auth, owner, note, make_user):
    note.indicators[0].baseline = ""
    note.organisations = ["IOM"]
    db.session.commit()
    auth.login(user=owner)
    response = client.post(f"/concept-notes/{note.id}/submit")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "has no baseline" in page and "at least two participating UN organisations" in page
    db.session.expire_all()
    refused = db.session.get(ConceptNote, note.id)
    assert refused.status == NoteStatus.DRAFT and refused.submissions == []
    refused.indicators[0].baseline = "0"
    refused.organisations = ["IOM", "UNHCR"]
    db.session.commit()
    assert client.post(f"/concept-notes/{note.id}/submit").status_code == 302
    auth.logout()
    manager = make_user(Role.MANAGER, email="manager@example.org")
    auth.login(user=manager)
    assert "Evidence-based" in client.get("/concept-notes/review").get_data(as_text=True)
    client.post(f"/concept-notes/{note.id}/comments", data={"section": "summary", "body": "Name the beneficiaries."})
    client.post(f"/concept-notes/{note.id}/decision", data={"decision": "return"})
    auth.logout()
    auth.login(user=owner)
    section_page = client.get(f"/concept-notes/{note.id}/sections/summary").get_data(as_text=True)
    assert "Name the beneficiaries." in section_page
    saved = client.post(
        f"/concept-notes/{note.id}/autosave", json={"section": "summary", "body": "Migrant workers.", "version": 1}
    )
    assert saved.json["saved"] is True
    assert client.post(f"/concept-notes/{note.id}/submit").status_code == 302
    auth.logout()
    auth.login(user=manager)
    changes = client.get(f"/concept-notes/{note.id}/changes").get_data(as_text=True)
    assert "Migrant workers." in changes and "cn-diff-add" in changes
    client.post(f"/concept-notes/{note.id}/decision", data={"decision": "endorse"})
    db.session.expire_all()
    assert db.session.get(ConceptNote, note.id).status == NoteStatus.ENDORSED
    pdf = client.get(f"/concept-notes/{note.id}/pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert "DRAFT" not in PdfReader(BytesIO(pdf.data)).pages[0].extract_text()


def test_a_note_longer_than_the_page_limit_cannot_be_submitted(make_app, owner):
    services.ensure_reference_data()
    long_note = builders.note(owner, words_per_section=250)
    db.session.commit()
    strict = make_app(CONCEPT_NOTE_PAGE_LIMIT=3, CONCEPT_NOTE_PAGE_WARNING=2)
    client = strict.test_client()
    client.post("/login", data={"email": owner.email, "password": PASSWORD})
    response = client.post(f"/concept-notes/{long_note.id}/submit")
    assert response.status_code == 422
    assert "the limit is 3" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ConceptNote, long_note.id).status == NoteStatus.DRAFT


def test_admins_edit_the_reference_lists(client, auth):
    auth.login(Role.ADMIN)
    assert "Eradicate trafficking" in client.get("/concept-notes/reference").get_data(as_text=True)
    response = client.post(
        "/concept-notes/reference/un_organisation/new",
        data={"code": "UNEP", "label": "UNEP", "title": "UN Environment Programme", "position": "20", "is_active": "y"},
    )
    assert response.status_code == 302
    item = db.session.scalar(db.select(ReferenceItem).where(ReferenceItem.code == "UNEP"))
    assert item.kind == ReferenceKind.UN_ORGANISATION
    clash = client.post(
        f"/concept-notes/reference/item/{item.id}",
        data={"version": item.version, "code": "IOM", "label": "x", "position": "1"},
    )
    assert "already has an entry with this code" in clash.get_data(as_text=True)
    assert client.get("/concept-notes/reference/nonsense/new").status_code == 404


@pytest.mark.parametrize("role", [Role.OFFICER])
def test_officers_have_no_concept_notes(client, auth, role, note):
    auth.login(role)
    assert client.get("/concept-notes/").status_code == 403
    assert role not in APPLICANTS
