from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError


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
    403: _l("Access denied"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Changed by someone else"),
    413: _l("File too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}


def register_error_handlers(app) -> None:
    def handle(error):
        code = getattr(error, "code", 500) or 500
        return render_template("errors/error.html", code=code, title=ERROR_TITLES.get(code, ""), error=error), code

    def stale(error):
        from portal.extensions import db

        db.session.rollback()
        return render_template("errors/error.html", code=409, title=ERROR_TITLES[409], error=error), 409

    for code in ERROR_TITLES:
        app.register_error_handler(code, handle)
    app.register_error_handler(StaleDataError, stale)
