import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Defaults; the environment and the dict given to create_app() override them."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    #: earlier keys, comma-separated, still accepted for existing sessions while a new SECRET_KEY is rolled out
    SECRET_KEY_FALLBACKS = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key]
    #: reverse proxies in front of the portal whose X-Forwarded-For/-Proto are trusted (client address for the
    #: sign-in limit, https for HSTS and secure cookies); 0 when the portal is reached directly
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REPORTING_CURRENCY = os.environ.get("REPORTING_CURRENCY", "EUR")
    LANGUAGES = ("en", "fr", "ru")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    ITEMS_PER_PAGE = 25
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: also the absolute limit: a session ends this long after signing in, however active
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    #: signed-in users are signed out after this long without a request
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    #: exports of personal data and role changes need the password typed within this time
    FRESH_LOGIN_MAX_AGE = timedelta(minutes=10)
    #: failed sign-ins within 15 minutes, per e-mail address and per client address, before sign-in is refused
    LOGIN_FAILURE_LIMIT = 10
    LOGIN_IP_FAILURE_LIMIT = 10
    #: administrators and managers must set up two-step sign-in (TOTP) before using the portal
    TOTP_REQUIRED_FOR_ADMINS = os.environ.get("TOTP_REQUIRED_FOR_ADMINS", "0") == "1"
    #: PDF rendering runs in a child process with these limits (security.md W6): seconds of wall-clock time, and
    #: megabytes of memory the render may ask for beyond what the render process starts with
    PDF_TIMEOUT_SECONDS = 60
    PDF_MEMORY_LIMIT_MB = 1024
    WTF_CSRF_TIME_LIMIT = None
    #: the organisation running the portal, named on certificates and as IATI reporting organisation
    ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "")
    IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XI-IATI-EXAMPLE")
    IATI_REPORTING_ORG_NAME = os.environ.get("IATI_REPORTING_ORG_NAME", "Example organisation")
    #: IATI OrganisationType code (40 = multilateral)
    IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "40")
    IATI_LANGUAGE = "en"
    #: indirect support costs of concept-note budgets, as a share of lines 1 to 7
    CONCEPT_NOTE_ISC_RATE = Decimal("0.07")
    #: a concept note longer than this many PDF pages cannot be submitted; above the warning it is flagged
    CONCEPT_NOTE_PAGE_LIMIT = 8
    CONCEPT_NOTE_PAGE_WARNING = 6


def database_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// URLs, as Heroku-style DATABASE_URLs give them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
