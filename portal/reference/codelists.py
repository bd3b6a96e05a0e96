"""The IATI codelists shipped in iati_codelists/ (their source and version are in its README): which codes a list
holds, and their names in the reader's language where the list gives one (DAC sectors come in English and French)."""

from functools import cache
from pathlib import Path

from lxml import etree

FOLDER = Path(__file__).with_name("iati_codelists")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class UnknownCodelist(LookupError):
    pass


@cache
def _items(name: str) -> dict[str, tuple[str, dict[str, str]]]:
    """code -> (status, {language: name}) of one codelist."""
    path = FOLDER / f"{name}.xml"
    if not path.is_file():
        raise UnknownCodelist(name)
    root = etree.parse(str(path)).getroot()
    default = root.get(XML_LANG, "en")
    items = {}
    for item in root.iter("codelist-item"):
        names = {
            narrative.get(XML_LANG, default): (narrative.text or "").strip()
            for narrative in item.findall("name/narrative")
        }
        items[item.findtext("code").strip()] = (item.get("status", "active"), names)
    return items


def codes(name: str, *, withdrawn: bool = False) -> frozenset[str]:
    """The active codes of a codelist (and the withdrawn ones too when asked)."""
    return frozenset(code for code, (status, _) in _items(name).items() if withdrawn or status == "active")


def is_code(name: str, code: str | None) -> bool:
    """Whether `code` is an active code of the codelist."""
    return code is not None and code in codes(name)


def code_name(name: str, code: str, language: str = "en") -> str:
    """A code's name in `language` when the list gives it, else in English; the code itself when unknown."""
    _, names = _items(name).get(code, ("", {}))
    return names.get(language) or names.get("en") or code


def choices(name: str, language: str = "en") -> list[tuple[str, str]]:
    """(code, "code name") of the active codes, by code, for a select."""
    return [(code, f"{code} {code_name(name, code, language)}") for code in sorted(codes(name))]
