import click
from flask.cli import AppGroup

from portal.concept_notes import services
from portal.extensions import db

concept_notes_cli = AppGroup("concept-notes", help="Concept notes for the Migration Multi-Partner Trust Fund.")


@concept_notes_cli.command("defaults")
def defaults():
    """Install the shipped reference lists (thematic areas, GCM objectives, ...); entries already there stay."""
    added = services.install_reference_defaults()
    db.session.commit()
    click.echo(f"Added {added} reference entries.")


COMMANDS = (concept_notes_cli,)
