import sys
from contextlib import contextmanager

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.errors import DomainError
from portal.exchange import services
from portal.exchange.iati import iati_command
from portal.extensions import db

exchange_cli = AppGroup("exchange", help="Import and export the portfolio workbook.")


@exchange_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the workbook and report; write nothing.")
def import_command(path, dry_run):
    """Import a portfolio workbook: all of it, or nothing if anything is wrong."""
    with force_locale("en"):
        _import(path, dry_run)


@contextmanager
def _progress_bar(path, dry_run):
    """A progress bar on stderr over the rows read (and, unless dry_run, written), fed by the import's callback."""
    total = services.workbook_rows(path) or 0
    read: dict[str, int] = {}
    written: dict[str, int] = {}
    with click.progressbar(length=max(total * (1 if dry_run else 2), 1), label="Rows", file=sys.stderr) as bar:

        def progress(sheet, rows_read, rows_written):
            read[sheet] = max(read.get(sheet, 0), rows_read)
            written[sheet] = rows_written
            bar.update(sum(read.values()) + sum(written.values()) - bar.pos)

        yield progress


def _import(path, dry_run):
    try:
        with _progress_bar(path, dry_run) as progress:
            report = services.import_workbook(path, dry_run=dry_run, progress=progress)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    if report.written:
        db.session.commit()
    else:
        db.session.rollback()
    for sheet, counts in report.counts.items():
        click.echo(
            f"{sheet}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.rejected} rejected"
        )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in report.problems:
        click.echo(f"error: {problem}", err=True)
    if report.problem_count > len(report.problems):
        click.echo(f"... and {report.problem_count - len(report.problems)} more errors", err=True)
    if not report.ok:
        raise click.ClickException(f"{report.problem_count} problem(s): nothing was written.")
    click.echo("Dry run: nothing was written." if dry_run else "Imported.")


@exchange_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--without-personal-data", is_flag=True, help="Participants keep only ref, gender, sector, country.")
def export_command(path, without_personal_data):
    """Export the whole portfolio as a workbook."""
    personal_data = not without_personal_data
    total = services.export_rows(personal_data=personal_data)
    written: dict[str, int] = {}
    with click.progressbar(length=max(total, 1), label="Rows", file=sys.stderr) as bar:

        def progress(sheet, _rows_read, rows_written):
            written[sheet] = rows_written
            bar.update(sum(written.values()) - bar.pos)

        services.export_workbook(path, personal_data=personal_data, progress=progress)
    click.echo(f"Exported {sum(written.values())} rows to {path}.")


exchange_cli.add_command(iati_command)

COMMANDS = (exchange_cli,)
