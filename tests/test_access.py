"""The role x page matrix: every route, every role and signed out, against what each domain declares."""

import importlib
from pathlib import Path

import pytest

from portal.accounts.access import PUBLIC
from portal.accounts.models import Role


def _expected():
    expected = {}
    for path in sorted(Path(__file__).parent.glob("*/access.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access")
        expected.update(module.ACCESS)
    return expected


EXPECTED = _expected()


def _url(rule):
    values = {}
    for name, converter in rule._converters.items():
        values[name] = 1 if type(converter).__name__ in ("IntegerConverter", "NumberConverter") else "x"
    return rule.build(values, append_unknown=False)[1]


def _routes(app):
    # signing out last, so that the other routes are visited signed in
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "accounts.logout"):
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        yield rule.endpoint, method, _url(rule)


def test_every_route_is_in_the_matrix(app):
    endpoints = {endpoint for endpoint, _, _ in _routes(app)}
    assert endpoints - set(EXPECTED) == set(), "routes missing from tests/<domain>/access.py"
    assert set(EXPECTED) - endpoints == set(), "matrix lists routes that do not exist"


@pytest.mark.parametrize("role", [None, *Role])
def test_role_matrix(app, client, auth, role):
    if role is not None:
        auth.login(role)
    for endpoint, method, url in _routes(app):
        allowed = EXPECTED[endpoint]
        response = client.open(url, method=method)
        status = response.status_code
        where = f"{method} {url} ({endpoint}) as {role or 'anonymous'}: {status}"
        if allowed == PUBLIC:
            assert status != 403, where
        elif role is None and response.is_json:
            assert status == 401, where  # a JSON API answers 401 instead of redirecting to the sign-in page
        elif role is None:
            assert status == 302 and "/login" in response.headers["Location"], where
        elif role in allowed:
            assert status != 403 and not (status == 302 and "/login?" in response.headers.get("Location", "")), where
        else:
            assert status == 403, where
        # the test database is made by create_all, not by the migrations: the health check rightly answers 503
        assert status < 500 or (endpoint == "operations.health" and status == 503), where
