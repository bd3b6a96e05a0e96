from flask import render_template, request
from sqlalchemy.orm.exc import StaleDataError

from portal.i18n import lazy_gettext as _l


class DomainError(Exception):
    """A rule about other records was broken; `field` names the form field it belongs to."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def apply_domain_error(form, error: DomainError) -> None:
    """Show a service's DomainError beside the field it concerns (or at the top of the form)."""
    field = form._fields.get(error.field) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


ERROR_TITLES = {
    400: _l("Bad request"),
    401: _l("Sign-in required"),
    403: _l("Access denied"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Changed by someone else"),
    413: _l("File too large"),
    422: _l("Cannot be processed"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}


#: paths that answer errors as JSON (the read-only API)
JSON_PATH_PREFIX = "/api/"


def json_error(code: int, detail: str | None = None, **extra):
    """An error as the API answers it: {"error": {"status", "title", "detail", ...}}."""
    title = ERROR_TITLES.get(code, "")
    return {"error": {"status": code, "title": str(title), "detail": detail or str(title), **extra}}, code


def register_error_handlers(app) -> None:
    def handle(error):
        code = getattr(error, "code", 500) or 500
        if request.path.startswith(JSON_PATH_PREFIX):
            body, code = json_error(code, getattr(error, "description", None) if code != 500 else None)
            allowed = getattr(error, "valid_methods", None)
            return body, code, {"Allow": ", ".join(allowed)} if allowed else {}
        return render_template("errors/error.html", code=code, title=ERROR_TITLES.get(code, ""), error=error), code

    def stale(error):
        from portal.extensions import db

        db.session.rollback()
        return render_template("errors/error.html", code=409, title=ERROR_TITLES[409], error=error), 409

    for code in ERROR_TITLES:
        app.register_error_handler(code, handle)
    app.register_error_handler(StaleDataError, stale)
