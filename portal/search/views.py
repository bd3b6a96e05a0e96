"""The global search: /search?q=… over the records the user may see, grouped by kind."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from portal.accounts.access import ALL_ROLES, allow
from portal.query_args import page_number
from portal.search import queries, text

bp = Blueprint("search", __name__)

#: results of each kind on the page of all kinds, and per page when one kind is paged through
FIRST_RESULTS = 10
PER_PAGE = 25


@bp.app_template_filter("highlight")
def highlight(value, words):
    return text.highlight(value, words)


@bp.app_template_filter("excerpt")
def excerpt(value, words):
    return text.excerpt(value, words)


@bp.route("/search")
@allow(ALL_ROLES)
def index():
    q = request.args.get("q", "")[:200]
    kind = request.args.get("kind")
    if kind in queries.KIND_ORDER:
        page = page_number()
        results = queries.search(q, current_user, kinds=(kind,), limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    else:
        kind, page = None, 1
        results = queries.search(q, current_user, limit=FIRST_RESULTS)
    return render_template(
        "search/index.html",
        q=q,
        words=queries.words_of(q),
        results=results,
        kind=kind,
        page=page,
        shown=PER_PAGE if kind else FIRST_RESULTS,
    )
