import io
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import Job, JobStatus
from portal.jobs.progress import STALE_AFTER, Progress, read_progress, save_progress
from portal.jobs.tasks import tidy_jobs
from portal.partners.models import Partner
from tests.exchange import workbooks
from tests.jobs.waiting import finished, job_id_of
from tests.test_access import EXPECTED, _routes


def _job(user, kind="export", status=JobStatus.RUNNING, **values):
    job = services.create_job(kind, user_id=user.id if user else None, language="en", **values)
    job.status = status
    db.session.commit()
    return job


def _result(job, tmp_path, content=b"PK result"):
    folder = tmp_path / "results"
    folder.mkdir(exist_ok=True)
    (folder / f"{job.id}.xlsx").write_bytes(content)
    job.result_file, job.download_name = f"{job.id}.xlsx", "portfolio.xlsx"
    job.status, job.finished_at = JobStatus.DONE, utcnow()
    db.session.commit()


@pytest.mark.parametrize("role", [None, *Role])
def test_job_routes_answer_each_role_as_declared(app, client, auth, role):
    if role is not None:
        auth.login(role)
    for endpoint, method, url in _routes(app):
        if endpoint.startswith("jobs."):
            status = client.open(url, method=method).status_code
            if role is None:
                assert status == 302, endpoint
            elif role in EXPECTED[endpoint]:
                assert status in (200, 404), endpoint
            else:
                assert status == 403, endpoint


def test_job_ids_cannot_be_guessed(app, make_user):
    first, second = _job(make_user()), _job(make_user())
    assert len(first.id) >= 20 and first.id != second.id


def test_a_running_job_shows_its_progress_and_reloads_itself(app, client, auth):
    user = auth.login(Role.OFFICER)
    job = _job(user, kind="import")
    save_progress(job.id, Progress("writing", "attendance", 12_345, 6_789, total=20_000, beat=time.time()))
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' in page and "<script" not in page.split("</head>")[0].split("<title>")[1]
    assert "Writing" in page and '<code id="sheet">attendance</code>' in page
    assert "12,345" in page and "20,000" in page and "6,789" in page
    assert '<progress class="w-100" max="20000" value="6789"' in page
    db.session.expire_all()
    assert db.session.get(Job, job.id).status == JobStatus.RUNNING


@pytest.mark.parametrize("heartbeat", ["old", "none"])
def test_a_job_whose_worker_died_shows_failed(app, client, auth, heartbeat):
    user = auth.login(Role.OFFICER)
    job = _job(user, kind="import")
    if heartbeat == "old":
        save_progress(job.id, Progress("writing", "attendance", 10, 5, beat=time.time() - STALE_AFTER - 1))
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "The worker running this job stopped before it ended; nothing it did was kept." in page
    assert 'http-equiv="refresh"' not in page
    db.session.expire_all()
    failed = db.session.get(Job, job.id)
    assert failed.status == JobStatus.FAILED and failed.finished_at is not None
    assert read_progress(job.id) is None


def test_a_dead_job_shows_failed_even_while_another_job_locks_the_database(app, client, auth, monkeypatch):
    user = auth.login(Role.OFFICER)
    job = _job(user, kind="import")

    def locked():
        raise sa.exc.OperationalError("UPDATE jobs", {}, Exception("database is locked"))

    monkeypatch.setattr(db.session, "commit", locked)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    monkeypatch.undo()
    assert "The worker running this job stopped before it ended" in page and 'http-equiv="refresh"' not in page
    db.session.expire_all()
    assert db.session.get(Job, job.id).status == JobStatus.RUNNING  # the hourly tidy records it


def test_the_hourly_tidy_fails_dead_jobs_and_removes_day_old_results(app, make_user, tmp_path):
    user = make_user()
    dead, alive = _job(user), _job(user)
    save_progress(alive.id, Progress(beat=time.time()))
    old, recent = _job(user), _job(user)
    _result(old, tmp_path)
    _result(recent, tmp_path)
    old.finished_at = utcnow() - timedelta(days=1, minutes=1)
    db.session.commit()

    tidy_jobs.call_local()

    db.session.expire_all()
    assert (dead.status, alive.status) == (JobStatus.FAILED, JobStatus.RUNNING)
    assert old.result_file is None and not (tmp_path / "results" / f"{old.id}.xlsx").exists()
    assert recent.result_file and (tmp_path / "results" / f"{recent.id}.xlsx").exists()


def test_only_the_starter_and_admins_see_a_job_and_its_download(app, client, auth, make_user, tmp_path):
    starter = make_user(Role.MANAGER)
    job = _job(starter)
    _result(job, tmp_path)
    for role in (Role.MANAGER, Role.OFFICER):
        auth.login(role)
        assert client.get(f"/jobs/{job.id}").status_code == 404
        assert client.get(f"/jobs/{job.id}/download").status_code == 404
        assert job.id not in client.get("/jobs/").get_data(as_text=True)
        auth.logout()
    auth.login(Role.ADMIN)
    assert client.get(f"/jobs/{job.id}").status_code == 200
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200 and response.data == b"PK result"
    auth.logout()
    auth.login(user=starter)
    assert job.id in client.get("/jobs/").get_data(as_text=True)
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
    assert client.get("/jobs/not-a-job").status_code == 404


def test_a_result_with_personal_data_needs_the_role_and_a_fresh_password(app, client, auth, make_user, tmp_path):
    starter = make_user(Role.ADMIN)
    job = _job(
        starter, personal_data=True, params={"audit": {"record": ["Event", 7], "details": {"what": "participant list"}}}
    )
    _result(job, tmp_path)
    auth.login(user=starter)
    with client.session_transaction() as session:
        session["fresh_at"] = (utcnow() - timedelta(minutes=11)).timestamp()
    response = client.get(f"/jobs/{job.id}/download")
    assert response.status_code == 302 and "/confirm-password" in response.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).filter_by(action="export")) == 0
    with client.session_transaction() as session:
        session["fresh_at"] = utcnow().timestamp()
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="export")).one()
    assert entry.actor_id == starter.id and (entry.record_type, entry.record_id) == ("Event", 7)
    assert "participant list" in entry.details and job.id in entry.details


def _upload(client, path):
    data = {"workbook": (io.BytesIO(path.read_bytes()), "portfolio.xlsx")}
    return client.post("/exchange/upload", data=data, content_type="multipart/form-data")


@pytest.mark.commits
def test_an_import_that_fails_writes_nothing_and_says_why(app, client, auth, tmp_path, app_config, task_worker):
    auth.login(Role.ADMIN)
    check = finished(job_id_of(_upload(client, workbooks.save(tmp_path / "good.xlsx", workbooks.portfolio()))))
    assert check.status == JobStatus.DONE
    # between the check and the import, the kept workbook turns bad
    sheets = workbooks.portfolio()
    sheets["partners"][1][5] = "XX"
    (kept,) = (tmp_path / "uploads").glob("*.xlsx")
    workbooks.save(kept, sheets)

    job = finished(job_id_of(client.post(f"/exchange/checks/{check.id}/import")))

    assert job.status == JobStatus.FAILED and job.errors["report"]["problem_count"] == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 0
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "The workbook has 1 problem: nothing was written." in page
    assert "partners, 2, country: not an ISO 3166 country code: XX" in page


@pytest.mark.commits
def test_a_job_that_breaks_midway_keeps_nothing(app, client, auth, tmp_path, monkeypatch, task_worker):
    from portal.jobs.progress import Reporter

    report = Reporter.__call__

    def break_once_writing(self, sheet, rows_read, rows_written):
        if rows_written:
            raise RuntimeError("the worker's disk is full")
        report(self, sheet, rows_read, rows_written)

    auth.login(Role.ADMIN)
    check = finished(job_id_of(_upload(client, workbooks.save(tmp_path / "good.xlsx", workbooks.portfolio()))))
    monkeypatch.setattr(Reporter, "__call__", break_once_writing)
    job = finished(job_id_of(client.post(f"/exchange/checks/{check.id}/import")))

    assert job.status == JobStatus.FAILED
    assert job.errors == {"message": "The job stopped on an unexpected error; nothing it did was kept."}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 0


@pytest.mark.commits
def test_a_job_speaks_its_starters_language(app, client, auth, tmp_path, task_worker):
    user = auth.login(Role.ADMIN)
    user.language = "fr"
    db.session.commit()
    sheets = workbooks.portfolio()
    sheets["partners"][1][5] = "XX"
    job = finished(job_id_of(_upload(client, workbooks.save(tmp_path / "bad.xlsx", sheets))))
    assert job.language == "fr" and job.status == JobStatus.FAILED
    (problem,) = job.errors["report"]["problems"]
    assert "XX" in problem and "not an ISO 3166 country code" not in problem


@pytest.mark.commits
def test_the_iati_file_is_made_by_a_job_and_downloaded_from_its_page(app, client, auth, task_worker):
    app.config.update(IATI_REPORTING_ORG_REF="XI-IATI-TEST", IATI_REPORTING_ORG_NAME="Test organisation")
    auth.login(Role.MANAGER)
    assert 'action="/exchange/iati"' in client.get("/exchange/").get_data(as_text=True)
    job = finished(job_id_of(client.post("/exchange/iati")))
    assert job.kind == "iati" and job.status == JobStatus.DONE and not job.personal_data
    assert f"/jobs/{job.id}/download" in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200 and b"<iati-activities" in response.data
        assert "iati-activities.xml" in response.headers["Content-Disposition"]
