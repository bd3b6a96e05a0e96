"""A project's page and a dialogue's page, and their API details, run a fixed number of queries however many
implementers, deliverables, outputs, indicators, results, dialogues, members and groups they show (security.md X1):
no N+1. Each case asks for the page, adds rows, each with relations of its own, and asks again."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from portal.accounts.models import Role
from portal.api import services as api_services
from portal.dialogues import services as dialogue_services
from portal.dialogues.models import GroupKind, GroupRole, MemberStatus
from portal.extensions import db
from portal.projects import services as project_services
from tests import factories

FEW, MORE = 1, 4
STATES = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV")
_serial = count(1)


def _grow_project(project, n) -> list[str]:
    """n implementers, deliverables, dialogues and outputs (each with two indicators with a result)."""
    shown = []
    for _ in range(n):
        k = next(_serial)
        partner = factories.partner(name=f"Implementer {k}")
        project_services.add_implementer(project, {"partner_id": partner.id, "role": "associate"})
        project_services.add_deliverable(
            project, {"title": f"Deliverable {k}", "due_on": date(2024, 6, 30), "status": "planned"}
        )
        project.dialogues.append(factories.dialogue(name=f"Dialogue {k}"))
        output = project_services.add_output(project, {"title": f"Output {k}"})
        for _ in range(2):
            indicator = project_services.add_indicator(output, {"text": f"Indicator {k}", "target": Decimal(5)})
            project_services.record_result(indicator, {"year": 2024, "actual": Decimal(k)})
        db.session.flush()
        shown += [partner.name, f"Deliverable {k}", f"Dialogue {k}", f"Output {k}", f"Indicator {k}"]
    return shown


def _grow_dialogue(dialogue, n) -> list[str]:
    """n members (a state and an organisation) and n groups, each with a state and an organisation."""
    shown = []
    states = iter(STATES[len(dialogue.member_rows) :])
    for _ in range(n):
        k = next(_serial)
        member = factories.partner(name=f"Observer {k}")
        dialogue_services.add_membership(dialogue, country=next(states), status=MemberStatus.MEMBER)
        dialogue_services.add_membership(dialogue, partner_id=member.id, status=MemberStatus.OBSERVER)
        group = dialogue_services.create_group(dialogue, {"kind": GroupKind.WORKING_GROUP, "name": f"Group {k}"})
        in_group = factories.partner(name=f"Group member {k}")
        dialogue_services.add_group_member(group, country="AT", role=GroupRole.CHAIR)
        dialogue_services.add_group_member(group, partner_id=in_group.id, role=GroupRole.MEMBER)
        db.session.flush()
        shown += [member.name, f"Group {k}", in_group.name]
    return shown


@dataclass(frozen=True)
class Detail:
    name: str
    url: str
    #: make() -> the record; grow(record, n) adds n rows of each kind and returns texts the answer must show
    make: Callable
    grow: Callable
    api: bool = False

    def __str__(self):
        return self.name


def _project():
    return factories.project(code="GROW", start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))


DETAILS = [
    Detail("project page", "/projects/{id}", _project, _grow_project),
    Detail("project API", "/api/v1/projects/{id}", _project, _grow_project, api=True),
    Detail("dialogue page", "/dialogues/{id}", factories.dialogue, _grow_dialogue),
    Detail("dialogue API", "/api/v1/dialogues/{id}", factories.dialogue, _grow_dialogue, api=True),
]


@pytest.mark.parametrize("detail", DETAILS, ids=str)
def test_a_detail_runs_as_many_queries_for_more_rows(client, auth, count_queries, detail):
    manager = auth.login(Role.MANAGER)
    headers = {"Authorization": f"Bearer {api_services.create_token(manager, 'test')[1]}"} if detail.api else None
    record = detail.make()
    db.session.flush()
    url = detail.url.format(id=record.id)
    detail.grow(record, FEW)
    db.session.commit()

    def get():
        db.session.expire_all()
        with count_queries() as counted:
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        return counted, response

    few, _ = get()
    shown = detail.grow(record, MORE)
    db.session.commit()
    more, response = get()

    body = response.get_data(as_text=True)
    assert [text for text in shown if text not in body] == []
    assert few.total == more.total, "\n\n".join(more.statements)
