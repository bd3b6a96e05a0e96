"""The French and Russian catalogues translate every string the code and templates mark, as extracted now."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> list:
    """Every marked string, extracted as `flask translate update` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    extract = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l"]
    subprocess.run([*extract, "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as file:
        return [message.id for message in read_po(file) if message.id]


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_marked_string_is_translated(marked, language):
    with (ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file)
    missing = []
    for message_id in marked:
        message = catalogue.get(message_id)
        strings = () if message is None else message.string if isinstance(message.string, tuple) else (message.string,)
        if message is None or message.fuzzy or not all(strings):
            missing.append(message_id)
    assert missing == [], f"make translations-update, then translate in translations/{language}: {missing[:5]}"
