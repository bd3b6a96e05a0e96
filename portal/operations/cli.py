from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.operations.services import BackupError, create_backup, restore_backup
from portal.operations.views import MIGRATIONS_KEY

backup_cli = AppGroup("backup", help="Back up the database while the portal runs, and restore a backup.")

PATH = click.Path(dir_okay=False, path_type=Path)


@backup_cli.command("create")
@click.argument("path", type=PATH)
def create(path):
    """Write a consistent backup of the configured database to PATH (SQLite: a database file; PostgreSQL: a pg_dump
    archive in custom format). Safe while the portal runs."""
    scripts = current_app.extensions[MIGRATIONS_KEY]
    try:
        made = create_backup(db.engine, path, scripts, pg_bindir=current_app.config.get("PG_BINDIR"))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {made.path} ({_size(made.size)}, {made.engine}, revision {_list(made.revisions)}).")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data the configured database already holds.")
def restore(path, force):
    """Restore the backup at PATH into the configured database, which must be empty (or add --force). Stop the
    portal first."""
    scripts = current_app.extensions[MIGRATIONS_KEY]
    db.session.remove()
    try:
        restored = restore_backup(db.engine, path, scripts, force=force, pg_bindir=current_app.config.get("PG_BINDIR"))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {restored.path} (revision {_list(restored.revisions)}).")
    if not scripts.is_at_head(restored.revisions):
        click.echo(
            f"The backup is older than this version of the portal (head {_list(scripts.heads)}): run flask db upgrade."
        )


def _list(revisions) -> str:
    return ", ".join(sorted(revisions))


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


COMMANDS = (backup_cli,)
