"""The page where staff create and revoke their personal API tokens (HTML, so outside the JSON blueprint)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import STAFF, allow
from portal.api import services
from portal.api.forms import RevokeForm, TokenForm
from portal.api.models import ApiToken
from portal.db import get_or_404
from portal.extensions import db

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")


def _page(form: TokenForm, secret: str | None = None, created: ApiToken | None = None):
    return render_template(
        "api/tokens.html", form=form, tokens=services.user_tokens(current_user), secret=secret, created=created
    )


@bp.route("/")
@allow(STAFF)
def index():
    return _page(TokenForm())


@bp.route("/", methods=["POST"])
@allow(STAFF)
def create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form)
    token, secret = services.create_token(current_user, form.name.data)
    db.session.commit()
    # shown in this response only: a redirect would have to carry the secret through the session cookie
    return _page(TokenForm(formdata=None), secret=secret, created=token)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@allow(STAFF)
def revoke(token_id):
    token = get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if RevokeForm().validate_on_submit():
        services.revoke_token(token)
        db.session.commit()
        flash(_("Token “%(name)s” revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))
