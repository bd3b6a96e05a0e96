"""Every page answers with the security headers (security.md S7, S15)."""

import pytest

from portal.accounts.models import Role


def _get_urls(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods:
            continue
        values = {
            name: 1 if type(conv).__name__ in ("IntegerConverter", "NumberConverter") else "x"
            for name, conv in rule._converters.items()
        }
        yield rule.endpoint, rule.build(values, append_unknown=False)[1]


def _check(response, where, https=False):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives.get("script-src", "'unsafe-inline'"), where
    assert "'nonce-" in directives["script-src"], where
    assert directives.get("frame-ancestors") == "'none'", where
    assert directives.get("object-src") == "'none'" and directives.get("base-uri") == "'none'", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    if https:
        assert "max-age=31536000" in headers.get("Strict-Transport-Security", ""), where
    else:
        assert "Strict-Transport-Security" not in headers, where


def test_every_page_has_the_headers_for_an_admin(app, client, auth):
    auth.login(Role.ADMIN)
    checked = 0
    for endpoint, url in _get_urls(app):
        if endpoint == "accounts.logout":
            continue
        response = client.get(url)
        where = f"GET {url} ({endpoint}): {response.status_code}"
        _check(response, where)
        cache = response.headers.get("Cache-Control", "")
        assert "no-store" in cache or "no-cache" in cache or response.status_code in (301, 302), where
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("path", ["/login", "/no-such-page"])
def test_signed_out_pages_have_the_headers(client, path):
    _check(client.get(path), path)


def test_hsts_over_https(client, auth):
    _check(client.get("/login", base_url="https://localhost"), "https /login", https=True)


def test_nonce_differs_per_request_and_matches_the_scripts(client):
    first, second = client.get("/login"), client.get("/login")
    nonce = first.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert nonce not in second.headers["Content-Security-Policy"]
    html = first.get_data(as_text=True)
    assert "<script>" not in html and " onclick=" not in html
