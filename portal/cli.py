import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent
#: the catalogues' line width: long French and Russian sentences stay on few lines, and updates do not rewrap
WIDTH = "120"

translate = AppGroup("translate", help="Extract, update and compile the interface translations.")


def _pybabel(*args) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603


def _extract():
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--width",
        WIDTH,
        "-o",
        "messages.pot",
        ".",
    )


@translate.command()
def update():
    """Extract the English strings and merge them into the French and Russian catalogues."""
    _extract()
    _pybabel("update", "-i", "messages.pot", "-d", "translations", "--no-fuzzy-matching", "--width", WIDTH)
    (ROOT / "messages.pot").unlink()


@translate.command()
def compile():  # noqa: A001 - the pybabel verb
    """Compile the catalogues into .mo files."""
    _pybabel("compile", "-d", "translations")


@translate.command()
@click.argument("lang")
def init(lang):
    """Start a catalogue for a new language."""
    _extract()
    _pybabel("init", "-i", "messages.pot", "-d", "translations", "-l", lang, "--width", WIDTH)
    (ROOT / "messages.pot").unlink()
