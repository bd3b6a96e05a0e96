import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str) -> bool | None:
    """An on/off setting from the environment (1/0, true/false, yes/no, on/off); None when it is not set."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return None
    return value not in ("0", "false", "no", "off")


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
    #: cookies only over HTTPS, the session's named __Host-session; None (unset) means on, except in debug mode, under
    #: test and under `flask run` (the development server, plain http on 127.0.0.1): see secure_cookies()
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE")
    REMEMBER_COOKIE_SECURE = None  # follows SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: also the absolute limit: a session ends this long after signing in, however active
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    #: signed-in users are signed out after this long without a request
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    #: exports of personal data and role changes need the password typed within this time
    FRESH_LOGIN_MAX_AGE = timedelta(minutes=10)
    #: a session works only from the browser (User-Agent) it signed in with and, while this is on, from the same client
    #: address; a session cookie replayed elsewhere is signed out. Turn off (0) if users' addresses change often.
    SESSION_BIND_TO_CLIENT_ADDRESS = _flag("SESSION_BIND_TO_CLIENT_ADDRESS") is not False
    #: failed sign-ins within 15 minutes, per e-mail address from one client address and per client address, before
    #: sign-in is refused to that client; others can still sign in to the address
    LOGIN_FAILURE_LIMIT = 10
    LOGIN_IP_FAILURE_LIMIT = 10
    #: failed sign-ins of an e-mail address within an hour, from every client address together, before sign-in to it is
    #: refused to everyone: the limit on guessing spread over many clients
    LOGIN_ADDRESS_FAILURE_LIMIT = 50
    #: administrators and managers must set up two-step sign-in (TOTP) before using the portal
    TOTP_REQUIRED_FOR_ADMINS = os.environ.get("TOTP_REQUIRED_FOR_ADMINS", "0") == "1"
    #: PDF rendering runs in a child process with these limits (security.md W6): seconds of wall-clock time, and
    #: megabytes of memory the render may ask for beyond what the render process starts with
    PDF_TIMEOUT_SECONDS = 60
    PDF_MEMORY_LIMIT_MB = 1024
    WTF_CSRF_TIME_LIMIT = None
    #: the organisation running the portal, named on certificates
    ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "")
    #: the IATI reporting organisation's identifier (org-id.guide form, e.g. XM-DAC-41301) and name; every activity
    #: identifier starts with the identifier. The IATI export is refused while either is unset.
    IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "").strip()
    IATI_REPORTING_ORG_NAME = os.environ.get("IATI_REPORTING_ORG_NAME", "").strip()
    #: IATI OrganisationType code (40 = multilateral)
    IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "40")
    IATI_LANGUAGE = "en"
    #: the activities' defaults, IATI 2.03 codes: CollaborationType (1 bilateral), FlowType (10 ODA), FinanceType
    #: (110 standard grant), AidType of the OECD DAC vocabulary (C01 project-type interventions); empty leaves one out
    IATI_COLLABORATION_TYPE = os.environ.get("IATI_COLLABORATION_TYPE", "1")
    IATI_DEFAULT_FLOW_TYPE = os.environ.get("IATI_DEFAULT_FLOW_TYPE", "10")
    IATI_DEFAULT_FINANCE_TYPE = os.environ.get("IATI_DEFAULT_FINANCE_TYPE", "110")
    IATI_DEFAULT_AID_TYPE = os.environ.get("IATI_DEFAULT_AID_TYPE", "C01")
    #: indirect support costs of concept-note budgets, as a share of lines 1 to 7
    CONCEPT_NOTE_ISC_RATE = Decimal("0.07")
    #: a concept note longer than this many PDF pages cannot be submitted; above the warning it is flagged
    CONCEPT_NOTE_PAGE_LIMIT = 8
    CONCEPT_NOTE_PAGE_WARNING = 6
    #: where background tasks wait for the worker (`flask jobs worker`): redis://… in production; unset, an SQLite
    #: file in the instance folder (a queue in memory under test)
    TASK_QUEUE_URL = os.environ.get("TASK_QUEUE_URL")
    #: worker threads of `flask jobs worker`
    TASK_WORKERS = int(os.environ.get("TASK_WORKERS", "2"))
    #: people without consent, seen at no event for this many years, are anonymised every night; 0 keeps everyone
    PERSONAL_DATA_RETENTION_YEARS = int(os.environ.get("PERSONAL_DATA_RETENTION_YEARS", "0"))
    #: the address people open the portal at, for the links in e-mails (never taken from a request's Host header)
    EXTERNAL_URL = os.environ.get("EXTERNAL_URL", "http://127.0.0.1:5000")
    #: "smtp", or "outbox" (make run): every mail printed by the worker and written to MAIL_FILE_PATH
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = bool(_flag("MAIL_USE_TLS"))
    MAIL_USE_SSL = bool(_flag("MAIL_USE_SSL"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "portal@localhost")
    #: seconds an SMTP connection may take before the attempt counts as failed
    MAIL_TIMEOUT = 30
    #: a mail the server refuses or cannot take is tried again this many times, the first after MAIL_RETRY_DELAY
    #: seconds, each next one after twice as long
    MAIL_RETRIES = 4
    MAIL_RETRY_DELAY = 60
    #: how long the links in invitations and in password-reset mails work
    INVITATION_MAX_AGE = timedelta(days=7)
    PASSWORD_RESET_MAX_AGE = timedelta(hours=1)


def database_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// URLs, as Heroku-style DATABASE_URLs give them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def secure_cookies(app) -> None:
    """Settle SESSION_COOKIE_SECURE (and REMEMBER_COOKIE_SECURE with it) when neither the environment
    (SESSION_COOKIE_SECURE or PORTAL_SESSION_COOKIE_SECURE) nor create_app's settings gave it: Secure, and so the
    __Host- name, unless the app runs in debug mode, under test, or under `flask run` without a certificate."""
    secure = app.config.get("SESSION_COOKIE_SECURE")
    if secure is None:
        secure = not (app.debug or app.testing or _development_server())
    app.config["SESSION_COOKIE_SECURE"] = bool(secure)
    if app.config.get("REMEMBER_COOKIE_SECURE") is None:
        app.config["REMEMBER_COOKIE_SECURE"] = bool(secure)


def _development_server() -> bool:
    """Is `flask run` loading the app? Werkzeug's development server serves plain http unless given --cert, and is
    never the production server (gunicorn is)."""
    import click
    from flask.cli import FlaskGroup

    context = click.get_current_context(silent=True)
    return (
        context is not None
        and context.command.name == "run"
        and isinstance(context.find_root().command, FlaskGroup)
        and not context.params.get("cert")
    )
