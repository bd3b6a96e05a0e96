import hashlib
import re

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.api.models import ApiToken
from portal.extensions import db
from tests import factories
from tests.conftest import PASSWORD

SECRET = re.compile(r"pt_[A-Za-z0-9_-]{40,}")


def _create(client, name="Nightly sync"):
    response = client.post("/account/api-tokens/", data={"name": name})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_token_is_shown_once_and_stored_as_a_hash(client, auth):
    user = auth.login(Role.OFFICER)
    page = _create(client)
    secret = SECRET.search(page).group(0)

    token = db.session.scalars(sa.select(ApiToken)).one()
    assert token.user_id == user.id and token.name == "Nightly sync"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = db.session.execute(sa.select(ApiToken.__table__)).one()
    assert all(secret not in str(value) for value in stored)

    again = client.get("/account/api-tokens/").get_data(as_text=True)
    assert "Nightly sync" in again and secret not in again


def test_a_token_needs_a_name(client, auth):
    auth.login(Role.OFFICER)
    page = _create(client, name="  ")
    assert SECRET.search(page) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_bearer_token_reads_the_api_and_notes_its_use(client, auth):
    auth.login(Role.MANAGER)
    secret = SECRET.search(_create(client)).group(0)
    auth.logout()

    assert client.get("/api/v1/projects").status_code == 401
    assert db.session.scalars(sa.select(ApiToken)).one().last_used_at is None
    response = client.get("/api/v1/projects", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200 and response.json["total"] == 0
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    db.session.expire_all()
    assert db.session.scalars(sa.select(ApiToken)).one().last_used_at is not None


def test_revoked_token_is_refused(client, auth):
    auth.login(Role.OFFICER)
    secret = SECRET.search(_create(client)).group(0)
    token = db.session.scalars(sa.select(ApiToken)).one()

    response = client.post(f"/account/api-tokens/{token.id}/revoke")
    assert response.status_code == 302
    db.session.expire_all()
    assert token.revoked_at is not None
    assert "revoked" in client.get("/account/api-tokens/").get_data(as_text=True)
    auth.logout()

    response = client.get("/api/v1/projects", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_users_token(client, auth, bearer):
    owner = factories.user(role=Role.OFFICER)
    headers = bearer(user=owner)
    token = db.session.scalars(sa.select(ApiToken)).one()
    auth.login(Role.ADMIN)
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 404
    auth.logout()
    assert client.get("/api/v1/projects", headers=headers).status_code == 200


def test_wrong_or_malformed_tokens_are_refused(client, bearer):
    bearer(Role.ADMIN)
    for header in ("Bearer pt_not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "pt_x"):
        response = client.get("/api/v1/partners", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.is_json


def test_token_of_a_disabled_user_is_refused(client, bearer):
    user = factories.user(role=Role.OFFICER)
    headers = bearer(user=user)
    user.is_enabled = False
    db.session.commit()
    assert client.get("/api/v1/projects", headers=headers).status_code == 401


def test_applicants_may_not_use_the_api(client, auth, bearer):
    response = client.get("/api/v1/projects", headers=bearer(Role.APPLICANT))
    assert response.status_code == 403 and response.json["error"]["status"] == 403
    auth.login(Role.APPLICANT)
    assert client.get("/account/api-tokens/").status_code == 403
    assert client.get("/api/v1/projects").status_code == 403


def test_token_opens_only_the_api(client, bearer):
    headers = bearer(Role.ADMIN)
    response = client.get("/account/api-tokens/", headers=headers)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/profile", headers=headers).status_code == 302


def test_profile_links_to_the_token_page(client, auth):
    auth.login(Role.OFFICER)
    assert "/account/api-tokens/" in client.get("/profile").get_data(as_text=True)
    auth.logout()
    auth.login(Role.APPLICANT)
    assert "/account/api-tokens/" not in client.get("/profile").get_data(as_text=True)


def test_creating_a_token_needs_the_csrf_token(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf})
    assert response.status_code == 302
    assert client.get("/account/api-tokens/").status_code == 200
    assert client.post("/account/api-tokens/", data={"name": "no csrf"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
