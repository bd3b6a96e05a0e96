"""Domains import one way: each only from the domains below it (README, "Layout of the code"). A page that shows a
higher domain's records asks for them through portal/signals.py instead of importing that domain."""

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parent.parent / "portal"
#: from the bottom up; domains on one floor import neither each other nor anything above
FLOORS = (("reference",), ("partners",), ("projects",), ("dialogues", "funding"), ("events",), ("participants",))
FLOOR = {domain: i for i, floor in enumerate(FLOORS) for domain in floor}


def _imported_domains(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.split(".")[1] for name in names if name.startswith("portal.") and name.count(".") >= 1}


@pytest.mark.parametrize("domain", sorted(FLOOR))
def test_a_domain_imports_only_the_domains_below_it(domain):
    wrong = {
        f"{path.relative_to(PORTAL.parent)} imports portal.{other}"
        for path in sorted((PORTAL / domain).glob("*.py"))
        for other in _imported_domains(path)
        if other in FLOOR and other != domain and FLOOR[other] >= FLOOR[domain]
    }
    assert not wrong, sorted(wrong)


def test_no_domain_imports_reports():
    wrong = [
        str(path.relative_to(PORTAL.parent))
        for domain in FLOOR
        for path in (PORTAL / domain).glob("*.py")
        if "reports" in _imported_domains(path)
    ]
    assert not wrong
