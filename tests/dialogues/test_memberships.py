"""A dialogue's members, observers and focus countries (states and organisations), and its groups with theirs."""

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.services import acting_as
from portal.dialogues import rules, services
from portal.dialogues.models import Dialogue, DialogueGroup, DialogueGroupMember, DialogueMember, GroupKind, GroupRole
from portal.dialogues.models import MemberStatus as S
from portal.errors import DomainError
from portal.extensions import db
from portal.history.queries import history_entries
from portal.partners.models import Partner, PartnerType
from tests import factories


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# ---- rules


def test_a_membership_names_a_state_or_an_organisation():
    assert rules.member_problems("MA", None) == []
    assert rules.member_problems(None, 7) == []
    assert rules.member_problems(None, None)[0][0] == "country"
    assert rules.member_problems("MA", 7)[0][0] == "country"
    assert rules.member_problems("QQ", None)[0][0] == "country"


def test_only_a_state_is_a_focus_country_or_chairs_a_group():
    assert rules.status_problems(S.FOCUS_COUNTRY, "AF") == []
    assert rules.status_problems(S.OBSERVER, None) == []
    assert rules.status_problems(S.FOCUS_COUNTRY, None)[0][0] == "status"
    assert rules.role_problems(GroupRole.CO_CHAIR, "HU") == []
    assert rules.role_problems(GroupRole.MEMBER, None) == []
    assert rules.role_problems(GroupRole.CHAIR, None)[0][0] == "role"


def test_a_state_in_two_lists_of_a_row_is_refused_on_the_later_list():
    assert rules.listed_once_problems({"members": ("AT", "HU"), "observers": ("US",)}) == []
    problems = rules.listed_once_problems({"members": ("AT", "HU"), "observers": ("HU", "US"), "focus": ("AT",)})
    assert [column for column, _ in problems] == ["observers", "focus"]
    assert "HU already listed in members" in str(problems[0][1])


# ---- the model and the services


def test_members_are_the_member_states_and_setting_them_keeps_the_other_statuses(app):
    ngo = factories.partner(ref="IOM")
    dialogue = factories.dialogue(members=["HU", "AT"])
    dialogue.observers = ["US"]
    dialogue.focus_countries = ["AF"]
    dialogue.member_organisations = [ngo]
    db.session.flush()
    assert dialogue.members == ["AT", "HU"] and dialogue.observers == ["US"] and dialogue.focus_countries == ["AF"]
    assert dialogue.member_organisations == [ngo] and dialogue.observer_organisations == []
    dialogue.members = ["AT", "US"]
    db.session.flush()
    assert (dialogue.members, dialogue.observers, dialogue.focus_countries) == (["AT", "US"], [], ["AF"])
    assert dialogue.member_organisations == [ngo]


def test_organisations_not_yet_flushed_are_told_apart(app):
    dialogue = Dialogue(code="BP", name="Budapest Process")
    iom, unhcr, commission = (Partner(ref=ref, name=ref, type=PartnerType.UN_AGENCY) for ref in ("IOM", "UNHCR", "EC"))
    dialogue.member_organisations = [commission]
    dialogue.observer_organisations = [unhcr, iom]
    db.session.add(dialogue)
    db.session.flush()
    assert [p.ref for p in dialogue.member_organisations] == ["EC"]
    assert [p.ref for p in dialogue.observer_organisations] == ["IOM", "UNHCR"]


def test_a_member_who_becomes_an_observer_keeps_one_row(app):
    dialogue = factories.dialogue(members=["HU", "AT"])
    db.session.flush()
    row = next(row for row in dialogue.member_rows if row.country == "HU")
    # as the import sets the lists, one after the other: HU leaves the members first, then becomes an observer
    dialogue.members = ["AT"]
    dialogue.observers = ["HU"]
    db.session.flush()
    assert (dialogue.members, dialogue.observers) == (["AT"], ["HU"])
    assert _count(DialogueMember) == 2 and row.status == S.OBSERVER


def test_services_give_one_status_per_state_or_organisation(app):
    dialogue = factories.dialogue(members=["HU"])
    ngo = factories.partner()
    db.session.flush()
    services.add_membership(dialogue, country="af", status=S.FOCUS_COUNTRY)
    services.add_membership(dialogue, partner_id=ngo.id, status=S.OBSERVER)
    assert dialogue.focus_countries == ["AF"] and dialogue.observer_organisations == [ngo]
    with pytest.raises(DomainError) as error:
        services.add_membership(dialogue, country="HU", status=S.OBSERVER)
    assert error.value.field == "country"
    with pytest.raises(DomainError) as error:
        services.add_membership(dialogue, partner_id=ngo.id, status=S.MEMBER)
    assert error.value.field == "partner_id"
    with pytest.raises(DomainError) as error:
        services.add_membership(dialogue, partner_id=factories.partner().id, status=S.FOCUS_COUNTRY)
    assert error.value.field == "status"
    row = next(row for row in dialogue.member_rows if row.partner_id == ngo.id)
    with pytest.raises(DomainError):
        services.update_membership(row, status=S.FOCUS_COUNTRY)
    services.update_membership(row, status=S.MEMBER)
    assert dialogue.member_organisations == [ngo]
    services.delete_membership(row)
    assert dialogue.member_organisations == [] and _count(DialogueMember) == 2


def test_groups_have_names_of_their_own_and_states_chair_them(app):
    dialogue = factories.dialogue()
    other = factories.dialogue()
    ngo = factories.partner()
    db.session.flush()
    group = services.create_group(dialogue, {"kind": GroupKind.STEERING_COMMITTEE, "name": "Steering Committee"})
    services.create_group(other, {"kind": GroupKind.STEERING_COMMITTEE, "name": "Steering Committee"})
    with pytest.raises(DomainError) as error:
        services.create_group(dialogue, {"kind": GroupKind.OTHER, "name": "steering committee"})
    assert error.value.field == "name"
    services.add_group_member(group, country="TR", role=GroupRole.CHAIR)
    services.add_group_member(group, country="HU", role=GroupRole.CO_CHAIR)
    services.add_group_member(group, partner_id=ngo.id, role=GroupRole.MEMBER)
    with pytest.raises(DomainError) as error:
        services.add_group_member(group, partner_id=factories.partner().id, role=GroupRole.CHAIR)
    assert error.value.field == "role"
    with pytest.raises(DomainError):
        services.add_group_member(group, country="TR", role=GroupRole.MEMBER)
    assert (group.chairs, group.co_chairs, group.states, group.organisations) == (["TR"], ["HU"], [], [ngo])
    services.update_group_member(group.member_rows[1], role=GroupRole.MEMBER)
    assert group.states == ["HU"]
    services.delete_group(group)
    assert _count(DialogueGroup) == 1 and _count(DialogueGroupMember) == 0


def test_a_dialogue_history_lists_its_memberships_and_groups(app):
    dialogue = factories.dialogue()
    db.session.commit()
    with acting_as(None):
        services.add_membership(dialogue, country="AF", status=S.FOCUS_COUNTRY)
        services.create_group(dialogue, {"kind": GroupKind.REFERENCE_GROUP, "name": "Reference group"})
        db.session.commit()
    admin = factories.user(role=Role.ADMIN)
    types = {entry.record_type for entry in db.session.scalars(history_entries("Dialogue", dialogue.id, admin))}
    assert {"DialogueMember", "DialogueGroup"} <= types


# ---- the pages


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_shows_members_by_status_and_the_groups(client, auth, language):
    auth.login(Role.MANAGER, language=language)
    iom = factories.partner(name="International Organization for Migration")
    dialogue = factories.dialogue(members=["MA"])
    dialogue.observers = ["DZ"]
    dialogue.observer_organisations = [iom]
    group = DialogueGroup(kind=GroupKind.STEERING_COMMITTEE, name="Steering Committee", name_fr="Comité de pilotage")
    group.chairs = ["XK"]
    dialogue.groups.append(group)
    db.session.commit()
    page = client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
    members = page.split('id="members"')[1].split("</section>")[0]
    words = {"en": ("Morocco", "Algeria", "Steering Committee"), "fr": ("Maroc", "Algérie", "Comité de pilotage")}
    morocco, algeria, group_name = words[language]
    assert members.index('id="status-member"') < members.index(morocco) < members.index('id="status-observer"')
    assert members.index('id="status-observer"') < members.index(algeria)
    assert f'href="/partners/{iom.id}"' in members and "International Organization for Migration" in members
    groups = page.split('id="groups"')[1].split("</section>")[0]
    assert group_name in groups and "Kosovo*" in groups and 'class="badge text-bg-primary"' in groups
    # Kosovo* is named only in a group: the footnote is there all the same
    assert "1244" in page
    assert f"/dialogues/{dialogue.id}/members/new" not in page


def test_officer_manages_memberships_and_groups_through_the_pages(client, auth):
    auth.login(Role.OFFICER)
    ngo = factories.partner(name="ICMPD")
    dialogue = factories.dialogue(members=["HU"])
    db.session.commit()
    base = f"/dialogues/{dialogue.id}"
    add = client.post(f"{base}/members/new", data={"country": "", "partner_id": str(ngo.id), "status": "observer"})
    assert add.status_code == 302
    refused = client.post(f"{base}/members/new", data={"country": "HU", "partner_id": "", "status": "observer"})
    assert refused.status_code == 200 and "already listed" in refused.get_data(as_text=True)
    refused = client.post(
        f"{base}/members/new", data={"country": "", "partner_id": str(ngo.id), "status": "focus_country"}
    )
    assert refused.status_code == 200 and "Only a state can be a focus country." in refused.get_data(as_text=True)
    db.session.expire_all()
    row = next(row for row in dialogue.member_rows if row.country == "HU")
    edit = f"{base}/members/{row.id}"
    assert client.post(edit, data={"status": "observer", "version": str(row.version)}).status_code == 302
    db.session.expire_all()
    assert dialogue.members == [] and dialogue.observers == ["HU"] and dialogue.observer_organisations == [ngo]

    assert client.post(f"{base}/groups/new", data={"kind": "steering_committee", "name": "SC"}).status_code == 302
    db.session.expire_all()
    group = dialogue.groups[0]
    data = {"country": "TR", "partner_id": "", "role": "chair"}
    assert client.post(f"{base}/groups/{group.id}/members/new", data=data).status_code == 302
    data = {"country": "", "partner_id": str(ngo.id), "role": "co_chair"}
    refused = client.post(f"{base}/groups/{group.id}/members/new", data=data)
    assert refused.status_code == 200 and "Only a state can chair a group." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert group.chairs == ["TR"]
    chair = group.member_rows[0]
    page = client.get(base).get_data(as_text=True)
    assert f"{base}/group-members/{chair.id}/delete" in page and f"{base}/members/{row.id}/delete" in page
    edit_role = client.get(f"{base}/group-members/{chair.id}").get_data(as_text=True)
    assert 'name="role"' in edit_role and 'name="country"' not in edit_role
    assert client.post(f"{base}/group-members/{chair.id}/delete").status_code == 302
    assert client.post(f"{base}/groups/{group.id}/delete").status_code == 302
    assert client.post(f"{base}/members/{row.id}/delete").status_code == 302
    db.session.expire_all()
    assert dialogue.groups == [] and dialogue.observers == [] and _count(DialogueGroupMember) == 0


def test_a_stale_status_edit_saves_nothing(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue(members=["HU"])
    db.session.commit()
    row = dialogue.member_rows[0]
    opened = row.version
    row.status = S.OBSERVER
    db.session.commit()
    response = client.post(
        f"/dialogues/{dialogue.id}/members/{row.id}", data={"status": "focus_country", "version": str(opened)}
    )
    assert response.status_code == 200 and "Changed by someone else" in response.get_data(as_text=True)
    db.session.expire_all()
    assert row.status == S.OBSERVER


def test_a_group_of_another_dialogue_is_not_found(client, auth):
    auth.login(Role.OFFICER)
    dialogue, other = factories.dialogue(), factories.dialogue()
    group = DialogueGroup(kind=GroupKind.OTHER, name="G")
    other.groups.append(group)
    db.session.commit()
    assert client.get(f"/dialogues/{dialogue.id}/groups/{group.id}").status_code == 404
    assert client.post(f"/dialogues/{dialogue.id}/groups/{group.id}/delete").status_code == 404
    assert _count(DialogueGroup) == 1


def test_editing_kosovo_s_status_shows_the_footnote(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue(members=["XK", "HU"])
    db.session.commit()
    rows = {row.country: row.id for row in dialogue.member_rows}
    kosovo = client.get(f"/dialogues/{dialogue.id}/members/{rows['XK']}").get_data(as_text=True)
    hungary = client.get(f"/dialogues/{dialogue.id}/members/{rows['HU']}").get_data(as_text=True)
    assert "Kosovo*" in kosovo and "1244" in kosovo
    assert "1244" not in hungary
