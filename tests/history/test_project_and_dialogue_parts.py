"""The parts of a project (outputs, indicators, actuals) and of a dialogue (memberships, groups, group members) are
portfolio records: every staff role that reads the project or the dialogue reads their history too, on the parent's
History page and on their own. Written out here, never imported from the code under test."""

from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from portal.accounts.models import Role
from portal.audit.services import acting_as
from portal.dialogues import services as dialogue_services
from portal.dialogues.models import GroupKind, GroupRole, MemberStatus
from portal.extensions import db
from portal.history.labels import record_name
from portal.projects import services as project_services
from tests import factories

STAFF_ROLES = (Role.ADMIN, Role.MANAGER, Role.OFFICER)


@pytest.fixture
def parts(app):
    project = factories.project(start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))
    dialogue = factories.dialogue()
    partner = factories.partner(name="Observer Organisation")
    db.session.commit()
    with acting_as(None):
        output = project_services.add_output(project, {"title": "Statistics improved"})
        indicator = project_services.add_indicator(output, {"text": "Countries reporting", "target": Decimal(8)})
        result = project_services.record_result(indicator, {"year": 2024, "actual": Decimal(3), "comment": "Halfway"})
        membership = dialogue_services.add_membership(dialogue, partner_id=partner.id, status=MemberStatus.OBSERVER)
        group = dialogue_services.create_group(dialogue, {"kind": GroupKind.WORKING_GROUP, "name": "Data group"})
        member = dialogue_services.add_group_member(group, country="AT", role=GroupRole.CHAIR)
        db.session.commit()
    return {
        "project": ("Project", project.id, ["Statistics improved", "Countries reporting", "Halfway"]),
        "output": ("ProjectOutput", output.id, ["Statistics improved"]),
        "indicator": ("ProjectIndicator", indicator.id, ["Countries reporting"]),
        "result": ("IndicatorResult", result.id, ["Halfway"]),
        "dialogue": ("Dialogue", dialogue.id, ["Observer Organisation", "Data group"]),
        "membership": ("DialogueMember", membership.id, ["Observer Organisation"]),
        "group": ("DialogueGroup", group.id, ["Data group"]),
        "group member": ("DialogueGroupMember", member.id, ["Austria"]),
    }


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_staff_role_reads_the_history_of_a_projects_and_a_dialogues_parts(client, auth, parts, role):
    auth.login(role)
    for name, (record_type, record_id, texts) in parts.items():
        response = client.get(f"/history/{record_type}/{record_id}")
        assert response.status_code == 200, name
        body = response.get_data(as_text=True)
        assert [text for text in texts if text not in body] == [], name


def test_an_applicant_reads_none_of_them(client, auth, parts):
    auth.login(Role.APPLICANT)
    for name, (record_type, record_id, _texts) in parts.items():
        assert client.get(f"/history/{record_type}/{record_id}").status_code == 403, name


def test_a_group_and_a_plan_are_named_in_the_readers_language(app):
    dialogue = factories.dialogue()
    group = dialogue_services.create_group(
        dialogue,
        {"kind": GroupKind.STEERING_COMMITTEE, "name": "Steering Committee", "name_fr": "Comité de pilotage"},
    )
    plan = dialogue_services.create_plan(
        dialogue, {"title": "Joint Valletta Action Plan", "title_fr": "Plan de La Valette"}
    )
    member = dialogue_services.add_group_member(group, country="DE", role=GroupRole.CHAIR)
    with app.test_request_context(), force_locale("fr"):
        assert (record_name(group), record_name(plan), record_name(member)) == (
            "Comité de pilotage",
            "Plan de La Valette",
            "Allemagne",
        )
