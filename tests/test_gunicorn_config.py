"""The production gunicorn settings agree with the application's limits (README, "Running in production")."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config as GunicornConfig
from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parent.parent


def _settings() -> dict:
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


@pytest.mark.parametrize("pdf_timeout", [None, "120"])
def test_the_worker_outlives_the_longest_pdf_render(monkeypatch, pdf_timeout):
    if pdf_timeout is None:
        monkeypatch.delenv("PORTAL_PDF_TIMEOUT_SECONDS", raising=False)
        limit = 60
    else:
        monkeypatch.setenv("PORTAL_PDF_TIMEOUT_SECONDS", pdf_timeout)
        limit = int(pdf_timeout)
    assert _settings()["timeout"] >= limit + 30


def test_the_readme_runs_gunicorn_with_these_settings():
    readme = (ROOT / "README.md").read_text()
    assert "gunicorn -c gunicorn.conf.py wsgi:app" in readme


def test_the_access_log_holds_no_search_words(monkeypatch):
    config = GunicornConfig()
    config.set("access_log_format", _settings()["access_log_format"])
    config.set("accesslog", "-")
    logger = Logger(config)
    lines = []
    monkeypatch.setattr(logger.access_log, "info", lambda message, atoms: lines.append(message % atoms))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/search?q=Amina+Diallo",
        "PATH_INFO": "/search",
        "QUERY_STRING": "q=Amina+Diallo",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_REFERER": "https://portal.example/people?q=Amina",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    (line,) = lines
    assert '"GET /search HTTP/1.1" 200 1234' in line
    assert "Amina" not in line
