"""The team of a note: the owner invites collaborators by e-mail address, the invited accept or decline, the owner
withdraws invitations and removes collaborators. The routes belong to the concept-notes blueprint."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import APPLICANTS, allow
from portal.concept_notes import queries, services
from portal.concept_notes.forms import InviteForm
from portal.concept_notes.views import bp, editor_context, team_note
from portal.errors import DomainError
from portal.extensions import db
from portal.form_saving import save_submitted

#: none of its own: its routes join the concept-notes blueprint, registered with views.py
BLUEPRINTS = ()


@bp.route("/<int:note_id>/collaborators", methods=["GET", "POST"])
@allow(APPLICANTS)
def collaborators(note_id):
    note = team_note(note_id)
    form = InviteForm()
    if invitation := save_submitted(
        form, lambda values: services.invite_collaborator(note, values["email"], actor=current_user)
    ):
        db.session.commit()
        flash(
            _(
                "%(email)s is invited. Whoever signs in with an applicant account of this address can accept "
                "and then edit the note with you.",
                email=invitation.email,
            ),
            "success",
        )
        return redirect(url_for("concept_notes.collaborators", note_id=note.id))
    return render_template("concept_notes/collaborators.html", form=form, **editor_context(note, "collaborators"))


@bp.route("/<int:note_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@allow(APPLICANTS)
def withdraw_invitation(note_id, invitation_id):
    note = team_note(note_id)
    invitation = next((i for i in note.invitations if i.id == invitation_id), None)
    if invitation is None:
        abort(404)
    try:
        services.withdraw_invitation(invitation, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Invitation withdrawn."), "success")
    return redirect(url_for("concept_notes.collaborators", note_id=note.id))


@bp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
@allow(APPLICANTS)
def accept_invitation(invitation_id):
    invitation = queries.invitation_for(invitation_id, current_user) or abort(404)
    note = invitation.note
    services.accept_invitation(invitation, current_user)
    db.session.commit()
    flash(_("You can now edit “%(title)s”.", title=note.title), "success")
    return redirect(url_for("concept_notes.view", note_id=note.id))


@bp.route("/invitations/<int:invitation_id>/decline", methods=["POST"])
@allow(APPLICANTS)
def decline_invitation(invitation_id):
    invitation = queries.invitation_for(invitation_id, current_user) or abort(404)
    services.withdraw_invitation(invitation, actor=current_user)
    db.session.commit()
    flash(_("Invitation declined."), "success")
    return redirect(url_for("concept_notes.index"))


@bp.route("/<int:note_id>/collaborators/<int:user_id>/remove", methods=["POST"])
@allow(APPLICANTS)
def remove_collaborator(note_id, user_id):
    note = team_note(note_id)
    try:
        services.remove_collaborator(note, user_id, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Collaborator removed."), "success")
    return redirect(url_for("concept_notes.collaborators", note_id=note.id))
