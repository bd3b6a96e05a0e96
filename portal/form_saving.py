"""The save step create and edit views share: validate the form, refuse a stale edit, call the service and show
its DomainError beside the field. The view keeps the rest: commit once, flash, redirect, or render the form."""

from flask import request

from portal.concurrency import FORM_BOOKKEEPING, label_conflicts, unchanged_since_opened
from portal.errors import DomainError, apply_domain_error


def form_values(form) -> dict:
    """The submitted values a service takes: every field but the CSRF token and the version."""
    return {name: field.data for name, field in form._fields.items() if name not in FORM_BOOKKEEPING}


def save_submitted(form, save, *, record=None):
    """Return what `save(form_values(form))` returns once a valid form is saved, or None while the form must be
    shown (again). For an edit form pass the `record`: the form is opened at its version and saved only at it."""
    if record is not None and request.method == "GET":
        form.version.data = record.version
    if not form.validate_on_submit():
        return None
    if record is not None and not unchanged_since_opened(form, record):
        label_conflicts(form)
        return None
    try:
        return save(form_values(form))
    except DomainError as error:
        apply_domain_error(form, error)
        return None
