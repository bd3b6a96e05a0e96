import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.reference.defaults import install_defaults

reference_cli = AppGroup("reference", help="Reference data: regions, thematic areas, donor categories, rates.")


@reference_cli.command("defaults")
def defaults():
    """Add the shipped reference data that is missing; existing records are left as they are."""
    added = install_defaults(db.session, reporting_currency=current_app.config["REPORTING_CURRENCY"])
    db.session.commit()
    click.echo("Added: " + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in added.items()) + ".")


COMMANDS = (reference_cli,)
