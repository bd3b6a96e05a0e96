import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.search.index import MODELS, rebuild

search_cli = AppGroup("search", help="The full-text index of the global search.")


@search_cli.command("rebuild")
@click.option("--kind", type=click.Choice(sorted(MODELS)), multiple=True, help="Only these kinds (default: all).")
def rebuild_index(kind):
    """Rewrite the search index from the records, e.g. after writes that bypassed the session."""
    rebuild(db.session.connection(), kind or None)
    db.session.commit()
    click.echo("Search index rebuilt: " + ", ".join(kind or sorted(MODELS)) + ".")


COMMANDS = (search_cli,)
