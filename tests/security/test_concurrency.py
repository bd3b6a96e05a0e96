"""No lost updates (security.md R7) and SQLite's write lock taken up front (R8)."""

import pytest
import sqlalchemy as sa
from flask import Blueprint, render_template_string, request
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from wtforms import StringField

from portal.accounts.access import EDITORS, allow
from portal.accounts.models import Role
from portal.concurrency import VersionedFormMixin, unchanged_since_opened
from portal.db import get_or_404
from portal.extensions import db
from portal.projects.models import Project
from tests import factories
from tests.conftest import PASSWORD

# sessions of their own and SQLite's lock: these need real transactions, not savepoints of the test's one
pytestmark = pytest.mark.commits


def test_two_sessions_editing_the_same_project_second_is_refused(app):
    project = factories.project(title="Original")
    db.session.commit()
    with Session(db.engine) as first, Session(db.engine) as second:
        mine, theirs = first.get(Project, project.id), second.get(Project, project.id)
        mine.title = "First save"
        first.commit()
        theirs.title = "Second save"
        with pytest.raises(StaleDataError):
            second.commit()
    db.session.expire_all()
    saved = db.session.get(Project, project.id)
    assert saved.title == "First save" and saved.version == 2


class TitleForm(VersionedFormMixin, FlaskForm):
    title = StringField()


FORM = """{% from "_macros/forms.html" import field, form_errors %}{{ form_errors(form) }}{{ field(form.title) }}"""


@pytest.fixture
def probe_app(make_app):
    app = make_app()
    probe = Blueprint("probe", __name__)
    app.config["between"] = None

    @probe.route("/probe/<int:project_id>", methods=["GET", "POST"])
    @allow(EDITORS)
    def edit(project_id):
        project = get_or_404(Project, project_id)
        form = TitleForm(obj=project)
        if request.method == "GET":
            form.version.data = project.version
        if form.validate_on_submit() and unchanged_since_opened(form, project):
            if app.config["between"]:
                app.config["between"]()
            project.title = form.title.data
            db.session.commit()
            return "saved"
        return render_template_string(FORM, form=form)

    app.register_blueprint(probe)
    return app


def _signed_in_client(app, email):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def test_form_opened_before_another_save_is_refused_and_shows_their_value(probe_app, make_user):
    with probe_app.app_context():
        project = factories.project(title="Original")
        user = make_user(Role.OFFICER)
        db.session.commit()
        project_id, version, email = project.id, project.version, user.email
    alice, bob = _signed_in_client(probe_app, email), _signed_in_client(probe_app, email)
    assert alice.post(f"/probe/{project_id}", data={"title": "Alice", "version": version}).data == b"saved"
    response = bob.post(f"/probe/{project_id}", data={"title": "Bob", "version": version})
    html = response.get_data(as_text=True)
    assert "Changed by someone else since you opened it" in html and "Alice" in html
    with probe_app.app_context():
        assert db.session.get(Project, project_id).title == "Alice"


def test_stale_write_at_flush_answers_409_and_overwrites_nothing(probe_app, make_user):
    with probe_app.app_context():
        project = factories.project(title="Original")
        user = make_user(Role.OFFICER)
        db.session.commit()
        project_id, version, email = project.id, project.version, user.email

    def someone_saved_after_the_check():
        # a save by another worker between the form check and the flush: the row moved on to a newer version
        loaded = db.session.get(Project, project_id)
        set_committed_value(loaded, "version", loaded.version - 1)

    probe_app.config["between"] = someone_saved_after_the_check
    client = _signed_in_client(probe_app, email)
    response = client.post(f"/probe/{project_id}", data={"title": "Mine", "version": version})
    assert response.status_code == 409
    assert "Nothing was overwritten" in response.get_data(as_text=True)
    with probe_app.app_context():
        assert db.session.get(Project, project_id).title == "Original"


def test_writing_requests_take_the_sqlite_write_lock_up_front(app, client, auth):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    auth.login(Role.OFFICER)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.get("/profile")
        assert "BEGIN IMMEDIATE" not in statements
        client.post("/profile", data={"profile-name": "New name", "profile-language": "en"})
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert "BEGIN IMMEDIATE" in statements
