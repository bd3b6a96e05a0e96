"""Writes of the initiative register: cycles, initiatives and their review."""

from portal.db import utcnow
from portal.dialogues.models import ActionPlan, ActionPlanPriority
from portal.extensions import db
from portal.initiatives.models import CollectionCycle, Initiative, Review
from portal.initiatives.rules import initiative_problems, return_problems, review_problems
from portal.reference.services import suggest_ref
from portal.rules import enforce

INITIATIVE_FIELDS = ("title", "actor_id", "cycle_id", "status", "budget", "currency", "start_date", "end_date")


def create_cycle(plan: ActionPlan, data: dict) -> CollectionCycle:
    """Open (or record) a data-collection cycle of an action plan."""
    cycle = CollectionCycle(
        plan=plan, ref=suggest_ref(CollectionCycle.ref, "CYC-"), name=data["name"], is_open=bool(data.get("is_open"))
    )
    db.session.add(cycle)
    db.session.flush()
    return cycle


def update_cycle(cycle: CollectionCycle, data: dict) -> CollectionCycle:
    """Rename a cycle, or open or close it."""
    cycle.name, cycle.is_open = data["name"], bool(data.get("is_open"))
    db.session.flush()
    return cycle


def _plan_priorities(plan: ActionPlan) -> dict[int, ActionPlanPriority]:
    return {p.id: p for domain in plan.domains for p in domain.priorities}


def _apply(initiative: Initiative, plan: ActionPlan, data: dict) -> None:
    own = _plan_priorities(plan)
    cycle = db.session.get(CollectionCycle, data["cycle_id"])
    is_open = cycle is not None and cycle.plan_id == plan.id and cycle.is_open
    enforce(initiative_problems(data, own, is_open))
    for name in INITIATIVE_FIELDS:
        setattr(initiative, name, data.get(name))
    initiative.currency = (data.get("currency") or "").upper() or None
    initiative.source = data.get("source") or None
    initiative.countries = data.get("countries") or []
    initiative.priorities = [own[pid] for pid in data["priority_ids"]]
    # an initiative written (or put right) goes to review again
    initiative.review, initiative.return_reason = Review.SUBMITTED, None
    initiative.reviewed_by_id = initiative.reviewed_at = None


def submit_initiative(plan: ActionPlan, data: dict) -> Initiative:
    """Submit an initiative to a plan's register in one of its open cycles; it counts once validated."""
    initiative = Initiative(plan=plan, ref=suggest_ref(Initiative.ref, "INI-"))
    _apply(initiative, plan, data)
    db.session.add(initiative)
    db.session.flush()
    return initiative


def update_initiative(initiative: Initiative, data: dict) -> Initiative:
    """Change an initiative (in an open cycle); it is submitted for review again."""
    _apply(initiative, initiative.plan, data)
    db.session.flush()
    return initiative


def validate_initiative(initiative: Initiative, reviewer_id: int) -> Initiative:
    """Accept a submitted initiative: from now on it counts in the figures."""
    enforce(review_problems(initiative.review))
    initiative.review, initiative.return_reason = Review.VALIDATED, None
    initiative.reviewed_by_id, initiative.reviewed_at = reviewer_id, utcnow()
    db.session.flush()
    return initiative


def return_initiative(initiative: Initiative, reviewer_id: int, reason: str) -> Initiative:
    """Send a submitted initiative back with the reason; it counts nowhere until resubmitted and validated."""
    enforce(review_problems(initiative.review) or return_problems(reason))
    initiative.review, initiative.return_reason = Review.RETURNED, reason.strip()
    initiative.reviewed_by_id, initiative.reviewed_at = reviewer_id, utcnow()
    db.session.flush()
    return initiative
