"""Signing in never conflicts (security.md R7): what sign-in writes on the account leaves its version alone, so
that simultaneous sign-ins of one account, or a sign-in while the account is edited, never answer 409."""

import threading
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts import services
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.extensions import db
from tests.conftest import PASSWORD


def _row(user_id):
    users = User.__table__
    return db.session.execute(sa.select(users).where(users.c.id == user_id)).one()


@pytest.fixture
def rows_move_on():
    """Every account loaded looks one version behind the database, as if another worker had saved it just after:
    a flush of the account's row would then raise StaleDataError (409)."""

    def behind(target, context):
        set_committed_value(target, "version", target.version - 1)

    sa.event.listen(User, "load", behind)
    yield
    sa.event.remove(User, "load", behind)


def test_sign_in_leaves_the_version_alone(client, make_user, rows_move_on):
    user = make_user(Role.OFFICER)
    db.session.commit()
    before = _row(user.id)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert client.get("/profile").status_code == 200
    after = _row(user.id)
    assert after.version == before.version and after.updated_at == before.updated_at
    assert after.last_login_at is not None


def test_two_step_sign_in_leaves_the_version_alone(app, client, make_user, rows_move_on):
    user = make_user(Role.OFFICER)
    secret = pyotp.random_base32()
    now = utcnow()
    users = User.__table__
    db.session.execute(sa.update(users).where(users.c.id == user.id).values(totp_secret=secret))
    db.session.commit()
    version = _row(user.id).version
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    code = pyotp.TOTP(secret).at(now)
    response = client.post("/login/code", data={"code": code})
    assert response.status_code == 302 and response.headers["Location"] == "/", response.get_data(as_text=True)
    assert _row(user.id).version == version
    # the code is used up: signing in again with it is refused, with no conflict either
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    response = other.post("/login/code", data={"code": code})
    assert response.status_code == 200 and "not right" in response.get_data(as_text=True)


def test_a_code_is_accepted_once_even_by_a_copy_of_the_account_loaded_earlier(app, make_user):
    user = make_user(Role.OFFICER)
    secret = pyotp.random_base32()
    now = utcnow()
    before = now - timedelta(seconds=60)
    services.enable_totp(user, secret, pyotp.TOTP(secret).at(before), now=before)
    db.session.commit()
    code = pyotp.TOTP(secret).at(now)
    earlier = User(id=user.id, totp_secret=secret, totp_last_step=user.totp_last_step)  # another request's copy
    assert services.verify_totp(user, code, now=now)
    assert not services.verify_totp(earlier, code, now=now)


@pytest.mark.commits
def test_simultaneous_sign_ins_of_one_account_all_succeed(app, make_user, monkeypatch):
    user = make_user(Role.OFFICER)
    db.session.commit()
    email, user_id = user.email, user.id
    version = _row(user_id).version
    db.session.remove()
    clients = 12  # fewer than the connection pool holds: each waits below with its connection in use
    answers, errors = [], []
    postgresql = db.engine.dialect.name == "postgresql"
    everyone_checked = threading.Barrier(clients, timeout=20)
    check_password = User.check_password

    def checked_together(self, password):
        # On PostgreSQL every request has loaded the account before any writes: the interleaving that gave 409s.
        # SQLite's writing requests take the write lock before they read (R8), so they run one after another.
        ok = check_password(self, password)
        if postgresql:
            everyone_checked.wait()
        return ok

    monkeypatch.setattr(User, "check_password", checked_together)

    def sign_in():
        try:
            client = app.test_client()
            response = client.post("/login", data={"email": email, "password": PASSWORD})
            answers.append((response.status_code, client.get("/profile").status_code))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=sign_in) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert answers == [(302, 200)] * clients
    assert _row(user_id).version == version


@pytest.mark.commits
def test_two_browsers_of_one_person_saving_their_profile_at_once_both_succeed(app, make_user, monkeypatch):
    from portal.accounts import views

    user = make_user(Role.OFFICER)
    db.session.commit()
    email, user_id = user.email, user.id
    db.session.remove()
    browsers = []
    for _ in range(4):
        browser = app.test_client()
        assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        browsers.append(browser)
    postgresql = db.engine.dialect.name == "postgresql"
    everyone_loaded = threading.Barrier(len(browsers), timeout=20)
    validate = views.ProfileForm.validate_on_submit

    def validated_together(self, *args, **kwargs):
        # on PostgreSQL every request has loaded the account before any saves it (SQLite's writers take turns)
        valid = validate(self, *args, **kwargs)
        if postgresql:
            everyone_loaded.wait()
        return valid

    monkeypatch.setattr(views.ProfileForm, "validate_on_submit", validated_together)
    answers, errors = [], []

    def save(browser, n):
        try:
            form = {"profile-name": f"Name {n}", "profile-language": "en"}
            answers.append(browser.post("/profile", data=form).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(browser, n)) for n, browser in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and answers == [302] * len(browsers)
    assert _row(user_id).name in {f"Name {n}" for n in range(len(browsers))}
