from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.accounts.access import ADMINS, STAFF, allow, can
from portal.accounts.models import User
from portal.audit.forms import AuditSearchForm
from portal.audit.models import AuditEntry
from portal.audit.rules import can_read, read_denial, readable_entries
from portal.db import get_or_404
from portal.extensions import db

bp = Blueprint("audit", __name__)


def model_class(name: str):
    """The mapped class called `name`, or None."""
    for mapper in db.Model.registry.mappers:
        if mapper.class_.__name__ == name:
            return mapper.class_
    return None


def _check_read(record_type: str | None, record_id: int | None) -> None:
    """Answer as the record's own page would when the current user may not read it (403 or 404)."""
    denial = read_denial(current_user, record_type, record_id)
    if denial is not None:
        current_app.logger.warning("audit read denied: user %s to %s %s", current_user.id, record_type, record_id)
        abort(denial)


@bp.app_template_global()
def history_url(record) -> str | None:
    """The History page of a record, when the current user may read it (portal.audit.rules)."""
    record_id = getattr(record, "id", None)
    record_type = type(record).__name__
    if not isinstance(record_id, int) or model_class(record_type) is None or not can(STAFF):
        return None
    if not can_read(current_user, record_type, record_id):
        return None
    return url_for("audit.history", record_type=record_type, record_id=record_id)


def _actor_names(entries) -> dict[int, str]:
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))).all())


@bp.route("/audit/")
@allow(ADMINS)
def index():
    form = AuditSearchForm(request.args)
    users = db.session.execute(sa.select(User.id, User.name).order_by(User.name)).all()
    form.user.choices = [
        SelectChoice("", _("Anyone")),
        SelectChoice("0", _("Command line")),
        *(SelectChoice(str(i), name) for i, name in users),
    ]
    types = db.session.scalars(
        sa.select(AuditEntry.record_type)
        .where(AuditEntry.record_type.is_not(None))
        .distinct()
        .order_by(AuditEntry.record_type)
    ).all()
    form.record_type.choices = [SelectChoice("", _("Any record")), *(SelectChoice(t, t) for t in types)]
    query = sa.select(AuditEntry).where(AuditEntry.batch_id.is_(None), readable_entries(current_user))
    if form.validate():
        if form.user.data == 0:
            query = query.where(AuditEntry.actor_id.is_(None))
        elif form.user.data:
            query = query.where(AuditEntry.actor_id == form.user.data)
        if form.record_type.data:
            query = query.where(AuditEntry.record_type == form.record_type.data)
        if form.action.data:
            query = query.where(AuditEntry.action == form.action.data)
        if form.date_from.data:
            query = query.where(AuditEntry.created_at >= datetime.combine(form.date_from.data, time(), UTC))
        if form.date_to.data and form.date_to.data < date.max:  # up to the calendar's last day: no upper bound
            end = datetime.combine(form.date_to.data + timedelta(days=1), time(), UTC)
            query = query.where(AuditEntry.created_at < end)
    query = query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("audit/index.html", page=page, form=form, actors=_actor_names(page.items))


@bp.route("/audit/<int:entry_id>")
@allow(ADMINS)
def entry(entry_id):
    entry = get_or_404(AuditEntry, entry_id)
    _check_read(entry.record_type, entry.record_id)
    query = (
        sa.select(AuditEntry)
        .where(AuditEntry.batch_id == entry.id, readable_entries(current_user))
        .order_by(AuditEntry.id)
    )
    rows = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("audit/entry.html", entry=entry, rows=rows, actors=_actor_names([entry, *rows.items]))


@bp.route("/history/<record_type>/<int:record_id>")
@allow(STAFF)
def history(record_type, record_id):
    model = model_class(record_type)
    if model is None:
        abort(404)
    _check_read(record_type, record_id)
    subject = db.session.get(model, record_id)
    query = (
        sa.select(AuditEntry)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    if subject is None and not page.total:
        abort(404)
    return render_template(
        "audit/history.html",
        page=page,
        subject=subject,
        record_type=record_type,
        record_id=record_id,
        actors=_actor_names(page.items),
    )
