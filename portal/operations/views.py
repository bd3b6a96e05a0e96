import json

from alembic.util import CommandError
from flask import Blueprint, Response, current_app

from portal.accounts.access import public
from portal.extensions import db
from portal.operations.queries import Migrations, check_health, migrations

bp = Blueprint("operations", __name__)

#: where create_app's app keeps the migration scripts' revisions, read once when the blueprint is registered
MIGRATIONS_KEY = "portal.migrations"


@bp.record_once
def _read_migrations(state):
    directory = state.app.extensions["migrate"].directory
    try:
        state.app.extensions[MIGRATIONS_KEY] = migrations(directory)
    except CommandError as error:
        # installed without its migrations/ folder: the portal starts, and its health check answers 503
        state.app.logger.warning("migration scripts not readable in %s: %s", directory, error)
        state.app.extensions[MIGRATIONS_KEY] = Migrations(heads=frozenset(), known=frozenset())


class CookielessResponse(Response):
    """A response that sets no cookie: a load balancer's probe needs none, and a signed-in browser that calls the
    health check keeps its session as it was (not refreshed, not counted as activity)."""

    def set_cookie(self, *args, **kwargs) -> None:
        return None

    def delete_cookie(self, *args, **kwargs) -> None:
        return None


@bp.route("/health")
@public
def health():
    state = check_health(db.session, current_app.extensions[MIGRATIONS_KEY])
    if not state.ok:
        current_app.logger.warning("health check failed: %s", state.problem)
    body = {
        "status": "ok" if state.ok else "unavailable",
        "database": "ok" if state.database else "unreachable",
        "migrations": {True: "ok", False: "not at head", None: "unknown"}[state.migrations],
    }
    return CookielessResponse(
        json.dumps(body),
        status=200 if state.ok else 503,
        mimetype="application/json",
        headers={"Cache-Control": "no-store"},
    )
