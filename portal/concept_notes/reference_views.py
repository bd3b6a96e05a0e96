"""The admins' pages of the concept-note reference lists; the routes belong to the concept-notes blueprint."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.access import ADMINS, allow
from portal.concept_notes import reference_lists, services
from portal.concept_notes.forms import ReferenceItemForm
from portal.concept_notes.models import ReferenceItem, ReferenceKind
from portal.concept_notes.views import bp, ensure_reference
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import LANGUAGES

#: none of its own: its routes join the concept-notes blueprint, registered with views.py
BLUEPRINTS = ()


@bp.route("/reference")
@allow(ADMINS)
def reference_items():
    ensure_reference()
    return render_template(
        "concept_notes/reference.html",
        lists=reference_lists.every_list(),
        unconfirmed=_unconfirmed,
        untranslated_in=_untranslated,
    )


def _unconfirmed(item) -> str:
    return ", ".join(LANGUAGES[language] for language in reference_lists.unconfirmed_languages(item))


def _untranslated(item) -> str:
    return ", ".join(LANGUAGES[language] for language in reference_lists.untranslated_languages(item))


@bp.route("/reference/<kind>/new", methods=["GET", "POST"])
@bp.route("/reference/item/<int:item_id>", methods=["GET", "POST"])
@allow(ADMINS)
def reference_item(kind=None, item_id=None):
    if item_id is not None:
        item = get_or_404(ReferenceItem, item_id)
    elif kind in {k.value for k in ReferenceKind}:
        item = ReferenceItem(kind=ReferenceKind(kind), is_active=True)
    else:
        abort(404)
    form = ReferenceItemForm(obj=item if item.id else None)

    def save(values):
        return services.save_reference_item(
            item, {**values, "title": values["title"] or "", "position": values["position"] or 0}
        )

    if save_submitted(form, save, record=item if item.id else None):
        db.session.commit()
        flash(_("Reference list saved."), "success")
        return redirect(url_for("concept_notes.reference_items", _anchor=item.kind.value))
    return render_template("concept_notes/reference_item.html", form=form, item=item)
