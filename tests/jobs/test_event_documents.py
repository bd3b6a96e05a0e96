"""Certificates and participant lists of large events are made by jobs; small events get them at once."""

import io
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.events.models import EventType
from portal.extensions import db
from portal.jobs.models import JobStatus
from portal.participants import documents
from tests import factories
from tests.jobs.waiting import finished, job_id_of


@pytest.fixture
def large_training(app, monkeypatch):
    """A training with three participants, made "large" by lowering the threshold to two."""
    monkeypatch.setattr(documents, "LARGE_EVENT", 2)
    event = factories.event(type=EventType.TRAINING, ref="TR-1")
    for name in ("Novak", "Horvat", "Kovac"):
        factories.attendance(event, factories.person(last_name=name))
    db.session.commit()
    return event


def test_a_large_events_documents_are_offered_as_jobs_not_rendered_in_the_request(large_training, client, auth):
    auth.login(Role.OFFICER)
    response = client.get(f"/events/{large_training.id}/participants.xlsx")
    assert response.status_code == 302 and response.headers["Location"].startswith(f"/events/{large_training.id}")
    assert client.get(f"/events/{large_training.id}/certificates.pdf").status_code == 302
    page = client.get(f"/events/{large_training.id}").get_data(as_text=True)
    assert "its documents are prepared in the background" in page
    for document in ("participants_pdf", "participants_xlsx", "certificates"):
        assert f'action="/events/{large_training.id}/documents/{document}"' in page
    assert f"/events/{large_training.id}/participants.xlsx" not in page


@pytest.mark.commits
def test_a_large_events_participant_list_comes_from_a_job(large_training, client, auth, task_worker):
    officer = auth.login(Role.OFFICER)
    job = finished(job_id_of(client.post(f"/events/{large_training.id}/documents/participants_xlsx")))
    assert (job.kind, job.status, job.personal_data) == ("participant_list", JobStatus.DONE, True)
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert "participants-TR-1.xlsx" in response.headers["Content-Disposition"]
        values = [row[0] for row in load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True)]
    assert {"Horvat", "Kovac", "Novak"} <= set(values)
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="export")).one()
    assert (entry.record_type, entry.record_id, entry.actor_id) == ("Event", large_training.id, officer.id)
    # a manager sees no participants, and so neither the job nor its file
    auth.logout()
    auth.login(Role.MANAGER)
    assert client.get(f"/jobs/{job.id}/download").status_code == 404


@pytest.mark.pdf
@pytest.mark.commits
def test_a_large_trainings_certificates_come_from_a_job_in_files_of_a_hundred(
    large_training, client, auth, task_worker, monkeypatch
):
    monkeypatch.setattr(documents, "CERTIFICATES_PER_FILE", 2)
    auth.login(Role.ADMIN)
    job = finished(job_id_of(client.post(f"/events/{large_training.id}/documents/certificates")))
    assert job.status == JobStatus.DONE, job.errors
    with client.get(f"/jobs/{job.id}/download") as response:
        archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.namelist() == ["certificates-TR-1-1.pdf", "certificates-TR-1-2.pdf"]
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())


def test_only_trainings_have_certificates(app, client, auth):
    event = factories.event(type=EventType.WORKSHOP)
    db.session.commit()
    auth.login(Role.OFFICER)
    assert client.post(f"/events/{event.id}/documents/certificates").status_code == 404
    assert client.post(f"/events/{event.id}/documents/passwords").status_code == 404
