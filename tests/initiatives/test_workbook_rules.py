"""The rules of the initiative register that the portfolio workbook shares with the forms, and the references that
identify cycles and initiatives in it."""

from portal.extensions import db
from portal.initiatives import services
from portal.initiatives.rules import cycle_plan_problems, initiative_value_problems, review_state_problems
from tests import factories
from tests.initiatives.test_initiatives import _plan, _values


def test_review_state_rules():
    assert review_state_problems("returned", " ") == [("reason", "Say why the initiative is returned.")]
    assert review_state_problems("validated", "Why") == [("reason", "Only a returned initiative has a reason.")]
    assert review_state_problems("returned", "No source") == review_state_problems("submitted", None) == []


def test_a_cycle_belongs_to_the_initiatives_plan():
    assert cycle_plan_problems(1, 2) == [("cycle_id", "Choose a data-collection cycle of this action plan.")]
    assert cycle_plan_problems(2, 2) == []


def test_the_value_rules_leave_the_cycle_out(app):
    plan, cycle, _domains, (channels, *_rest) = _plan()
    values = _values(cycle, factories.partner(), [channels], budget=None, end_date=None)
    assert initiative_value_problems(values, {channels.id}) == []
    assert initiative_value_problems(values, set()) == [("priority_ids", "Choose priorities of this action plan.")]


def test_cycles_and_initiatives_are_numbered_for_the_workbook(app):
    plan, cycle, _domains, (channels, *_rest) = _plan()
    other = services.create_cycle(plan, {"name": "2026 collection", "is_open": True})
    first = services.submit_initiative(plan, _values(cycle, factories.partner(), [channels]))
    second = services.submit_initiative(plan, _values(cycle, factories.partner(), [channels]))
    db.session.commit()
    assert (cycle.ref, other.ref, first.ref, second.ref) == ("CYC-0001", "CYC-0002", "INI-0001", "INI-0002")
