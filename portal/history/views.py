"""History and the audit log: the pages that read the trail portal/audit records, each entry shown only to those
who may read its record (rules.py), with labels and names in the reader's language (display.py, labels.py)."""

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.accounts.access import ADMINS, STAFF, allow, can
from portal.audit.models import AuditEntry, record_class
from portal.db import get_or_404
from portal.extensions import db
from portal.history import queries
from portal.history.display import readable
from portal.history.forms import AuditSearchForm
from portal.history.labels import record_name, type_label
from portal.history.rules import can_read, read_denial

bp = Blueprint("audit", __name__)


def _check_read(record_type: str | None, record_id: int | None) -> None:
    """Answer as the record's own page would when the current user may not read it (403 or 404)."""
    denial = read_denial(current_user, record_type, record_id)
    if denial is not None:
        current_app.logger.warning("audit read denied: user %s to %s %s", current_user.id, record_type, record_id)
        abort(denial)


@bp.app_template_global()
def history_url(record) -> str | None:
    """The History page of a record, when the current user may read it (portal.history.rules)."""
    record_id = getattr(record, "id", None)
    record_type = type(record).__name__
    if not isinstance(record_id, int) or record_class(record_type) is None or not can(STAFF):
        return None
    if not can_read(current_user, record_type, record_id):
        return None
    return url_for("audit.history", record_type=record_type, record_id=record_id)


def _page(query):
    return db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)


@bp.route("/audit/")
@allow(ADMINS)
def index():
    form = AuditSearchForm(request.args)
    form.user.choices = [
        SelectChoice("", _("Anyone")),
        SelectChoice("0", _("Command line")),
        *(SelectChoice(str(i), name) for i, name in queries.users_by_name()),
    ]
    types = sorted(((str(type_label(t)), t) for t in queries.logged_record_types()), key=lambda t: t[0].casefold())
    form.record_type.choices = [SelectChoice("", _("Any record")), *(SelectChoice(t, label) for label, t in types)]
    filters = {}
    if form.validate():
        filters = {
            "actor_id": form.user.data,
            "record_type": form.record_type.data,
            "action": form.action.data,
            "date_from": form.date_from.data,
            "date_to": form.date_to.data,
        }
    page = _page(queries.log_entries(current_user, **filters))
    return render_template(
        "audit/index.html",
        page=page,
        lines=readable(page.items, current_user),
        form=form,
        actors=queries.actor_names(page.items),
    )


@bp.route("/audit/<int:entry_id>")
@allow(ADMINS)
def entry(entry_id):
    entry = get_or_404(AuditEntry, entry_id)
    _check_read(entry.record_type, entry.record_id)
    rows = _page(queries.batch_rows(entry, current_user))
    line, *lines = readable([entry, *rows.items], current_user)
    return render_template(
        "audit/entry.html",
        line=line,
        rows=rows,
        lines=lines,
        actors=queries.actor_names([entry, *rows.items]),
    )


@bp.route("/history/<record_type>/<int:record_id>")
@allow(STAFF)
def history(record_type, record_id):
    model = record_class(record_type)
    if model is None:
        abort(404)
    _check_read(record_type, record_id)
    subject = db.session.get(model, record_id)
    page = _page(queries.history_entries(record_type, record_id, current_user))
    if subject is None and not page.total:
        abort(404)
    name = record_name(subject) if subject is not None else None
    known = {(record_type, record_id): name} if name else {}
    return render_template(
        "audit/history.html",
        page=page,
        lines=readable(page.items, current_user, known),
        record_type=record_type,
        record_id=record_id,
        record_label=type_label(record_type),
        record_name=name or f"#{record_id}",
        is_gone=subject is None,
        actors=queries.actor_names(page.items),
    )
