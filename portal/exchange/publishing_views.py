"""The published IATI activity files, at public addresses (no sign-in): the newest at a stable address that the
IATI Registry points to, each earlier one at its own. They hold published projects only and no personal data."""

from flask import Blueprint, abort, render_template, send_file

from portal.accounts.access import public
from portal.db import get_or_404
from portal.exchange.models import IatiPublication
from portal.exchange.queries import latest_publication, publication_file, publications
from portal.extensions import db
from portal.mail import external_url

bp = Blueprint("iati_files", __name__, url_prefix="/iati")
#: registered by create_app
BLUEPRINTS = (bp,)
#: how long caches may keep the newest file before asking again (seconds)
LATEST_MAX_AGE = 300


def _send(publication: IatiPublication, *, max_age: int):
    path = publication_file(publication)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="application/xml", etag=publication.sha256, max_age=max_age, conditional=True)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response


@bp.route("/")
@public
def index():
    return render_template(
        "exchange/publications.html",
        publications=publications(db.session),
        stable_url=external_url("iati_files.latest"),
    )


@bp.route("/activities.xml")
@public
def latest():
    publication = latest_publication(db.session)
    if publication is None:
        abort(404)
    return _send(publication, max_age=LATEST_MAX_AGE)


@bp.route("/<int:publication_id>.xml")
@public
def archived(publication_id):
    # a publication never changes once made
    return _send(get_or_404(IatiPublication, publication_id), max_age=365 * 24 * 3600)
