"""A dialogue's detail in the API: its members by status, states and organisations, and its groups."""

from jsonschema_rs import Draft202012Validator

from portal.accounts.models import Role
from portal.api import openapi
from portal.dialogues.models import DialogueGroup, GroupKind
from portal.extensions import db
from tests import factories


def test_the_detail_gives_memberships_with_status_and_groups(client, bearer):
    iom = factories.partner(ref="IOM", name="International Organization for Migration")
    dialogue = factories.dialogue(code="BP", members=["TR", "HU"])
    dialogue.focus_countries = ["AF"]
    dialogue.observer_organisations = [iom]
    group = DialogueGroup(kind=GroupKind.STEERING_COMMITTEE, name="Steering Committee", name_fr="Comité de pilotage")
    group.chairs, group.co_chairs, group.organisations = ["TR"], ["HU"], [iom]
    dialogue.groups.append(group)
    db.session.commit()
    response = client.get(f"/api/v1/dialogues/{dialogue.id}", headers=bearer(Role.MANAGER))
    detail = response.json
    schema = {"$ref": "#/components/schemas/DialogueDetail", "components": openapi.document()["components"]}
    Draft202012Validator(schema).validate(detail)
    assert detail["members"] == ["HU", "TR"]
    assert [(m["status"], m["country"], m["partner"] and m["partner"]["ref"]) for m in detail["memberships"]] == [
        ("focus_country", "AF", None),
        ("member", "HU", None),
        ("member", "TR", None),
        ("observer", None, "IOM"),
    ]
    (steering,) = detail["groups"]
    assert (steering["kind"], steering["name"], steering["name_fr"]) == (
        "steering_committee",
        "Steering Committee",
        "Comité de pilotage",
    )
    assert [(m["role"], m["country"] or m["partner"]["ref"]) for m in steering["members"]] == [
        ("co_chair", "HU"),
        ("chair", "TR"),
        ("member", "IOM"),
    ]
