from portal.accounts.models import Role, User
from portal.extensions import db
from tests.conftest import PASSWORD


def test_sign_in_and_out(client, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    response = client.post("/login", data={"email": "OFFICER@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    client.post("/logout")
    assert client.get("/profile").status_code == 302
    assert db.session.get(User, user.id)


def test_wrong_password_is_refused_with_a_message(client, make_user):
    make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    response = client.post("/login", data={"email": "officer@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "Wrong e-mail address or password." in response.get_data(as_text=True)


def test_replayed_session_cookie_after_sign_out_is_rejected(client, auth):
    auth.login(Role.MANAGER)
    cookie = client.get_cookie("session")
    assert client.get("/profile").status_code == 200
    auth.logout()
    client.set_cookie("session", cookie.value)
    response = client.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_password_change_signs_out_other_sessions(app, client, auth):
    user = auth.login(Role.OFFICER)
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    assert other.get("/profile").status_code == 200
    response = client.post(
        "/profile",
        data={
            "password-current_password": PASSWORD,
            "password-new_password": "a much longer new passphrase",
            "password-confirm": "a much longer new passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    assert other.get("/profile").status_code == 302


def test_disabled_account_cannot_sign_in(client, make_user):
    make_user(Role.OFFICER, email="gone@example.org", is_enabled=False)
    db.session.commit()
    response = client.post("/login", data={"email": "gone@example.org", "password": PASSWORD})
    assert response.status_code == 200


def test_next_url_must_stay_on_the_site(client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    response = client.post("/login?next=https://evil.example/", data={"email": user.email, "password": PASSWORD})
    assert "evil.example" not in response.headers["Location"]


def test_language_choice_is_remembered(client, auth):
    user = auth.login(Role.OFFICER)
    client.post("/language", data={"language": "fr", "next": "/profile"})
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "fr"
    assert 'lang="fr"' in client.get("/profile").get_data(as_text=True)


def test_users_cli_creates_an_account(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "new@example.org",
            "--name",
            "New",
            "--role",
            "manager",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User).where(User.email == "new@example.org")).role == Role.MANAGER


def test_admin_creates_user_with_field_errors_and_nothing_written(client, auth):
    auth.login(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={"email": "not-an-email", "name": "", "role": "officer", "language": "en", "password": "short"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "is-invalid" in html
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_csrf_is_enforced(app, make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "reload the page and try again" in response.get_data(as_text=True)
