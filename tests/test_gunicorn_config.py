"""The production gunicorn settings agree with the application's limits (README, "Running in production")."""

import runpy
from pathlib import Path

import pytest

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
