from datetime import date

import pytest

from portal.dialogues import services
from portal.dialogues.queries import priority_counts, supporting_projects
from portal.errors import DomainError
from portal.extensions import db
from tests import factories


def _dialogue_data(**overrides):
    return {
        "code": "RP",
        "name": "Rabat Process",
        "acronym": "RP",
        "region_id": None,
        "secretariat_id": None,
        "members": ["MA", "SN", "XK"],
        "started_on": date(2006, 7, 10),
        "description": "",
        **overrides,
    }


def test_create_dialogue_with_members(app):
    dialogue = services.create_dialogue(_dialogue_data())
    assert dialogue.members == ["MA", "SN", "XK"]
    assert dialogue.description is None


def test_dialogue_codes_are_unique_whatever_their_case(app):
    services.create_dialogue(_dialogue_data())
    with pytest.raises(DomainError) as error:
        services.create_dialogue(_dialogue_data(code="rp", name="Another"))
    assert error.value.field == "code"


def test_members_must_be_countries(app):
    with pytest.raises(DomainError) as error:
        services.create_dialogue(_dialogue_data(members=["MA", "QQ"]))
    assert error.value.field == "members"


def test_update_dialogue_keeps_its_own_code(app):
    dialogue = services.create_dialogue(_dialogue_data())
    services.update_dialogue(dialogue, _dialogue_data(name="Euro-African Dialogue", members=["SN"]))
    assert (dialogue.name, dialogue.members) == ("Euro-African Dialogue", ["SN"])


def test_chairmanships_follow_each_other_without_overlap(app):
    dialogue = factories.dialogue()
    first = services.add_chairmanship(dialogue, country="PT", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    services.add_chairmanship(dialogue, country="GQ", start_date=date(2021, 1, 1), end_date=None)
    assert dialogue.chair_on(date(2020, 6, 1)) is first
    assert dialogue.chair_on(date(2026, 11, 22)).country == "GQ"
    with pytest.raises(DomainError) as error:
        services.add_chairmanship(dialogue, country="FR", start_date=date(2023, 1, 1), end_date=date(2023, 12, 31))
    assert error.value.field == "start_date"
    with pytest.raises(DomainError) as error:
        services.add_chairmanship(dialogue, country="FR", start_date=date(2019, 6, 1), end_date=date(2020, 1, 1))
    assert error.value.field == "start_date"
    assert len(dialogue.chairmanships) == 2


def test_chairmanship_dates_in_order_and_a_real_country(app):
    dialogue = factories.dialogue()
    with pytest.raises(DomainError) as error:
        services.add_chairmanship(dialogue, country="PT", start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))
    assert error.value.field == "end_date"
    with pytest.raises(DomainError) as error:
        services.add_chairmanship(dialogue, country="", start_date=date(2020, 1, 1), end_date=None)
    assert error.value.field == "country"


def test_a_chairmanship_may_be_moved_within_its_own_period(app):
    dialogue = factories.dialogue()
    chair = services.add_chairmanship(dialogue, country="PT", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    services.update_chairmanship(chair, country="ES", start_date=date(2020, 2, 1), end_date=date(2020, 11, 30))
    assert (chair.country, chair.start_date) == ("ES", date(2020, 2, 1))
    services.delete_chairmanship(chair)
    db.session.flush()
    assert dialogue.chairmanships == []


def _plan(dialogue):
    domain = services.add_domain(services.create_plan(dialogue, {"title": "Action plan"}), title="Legal migration")
    first = services.add_priority(domain, code="2.1", title="Regular channels")
    second = services.add_priority(domain, code="2.2", title="Student mobility")
    return domain, first, second


def test_mapping_projects_to_priorities_counts_initiatives(app):
    dialogue = factories.dialogue()
    _domain, first, second = _plan(dialogue)
    supporting, mapped_only = factories.project(dialogues=[dialogue]), factories.project()
    other_dialogue = factories.dialogue()
    services.map_project(dialogue, supporting, [first.id, second.id])
    services.map_project(dialogue, mapped_only, [first.id])
    assert mapped_only.dialogues == [dialogue]
    # a project supports every dialogue it is mapped to, and keeps the others
    services.map_project(other_dialogue, mapped_only, [])
    assert mapped_only.dialogues == sorted([dialogue, other_dialogue], key=lambda d: d.code)
    services.unmap_project(other_dialogue, mapped_only)
    assert mapped_only.dialogues == [dialogue]
    assert priority_counts(db.session, dialogue) == {first.id: 2, second.id: 1}
    assert {p.id for p in supporting_projects(db.session, dialogue)} == {supporting.id, mapped_only.id}
    services.map_project(dialogue, supporting, [second.id])
    assert priority_counts(db.session, dialogue) == {first.id: 1, second.id: 1}


def test_only_the_dialogues_priorities_can_be_mapped(app):
    dialogue, other = factories.dialogue(), factories.dialogue()
    _plan(dialogue)
    _domain, foreign, _second = _plan(other)
    project = factories.project()
    with pytest.raises(DomainError) as error:
        services.map_project(dialogue, project, [foreign.id])
    assert error.value.field == "priority_ids"
    assert project.priorities == [] and project.dialogues == []


def test_unmapping_keeps_other_dialogues_priorities(app):
    dialogue, other = factories.dialogue(), factories.dialogue()
    _d, own, _s = _plan(dialogue)
    _d, foreign, _s = _plan(other)
    project = factories.project()
    services.map_project(dialogue, project, [own.id])
    services.map_project(other, project, [foreign.id])
    services.unmap_project(dialogue, project)
    assert project.priorities == [foreign] and project.dialogues == [other]
    assert supporting_projects(db.session, dialogue) == []


def test_deleting_a_domain_removes_its_priorities_and_their_mappings(app):
    dialogue = factories.dialogue()
    domain, first, _second = _plan(dialogue)
    project = factories.project()
    services.map_project(dialogue, project, [first.id])
    db.session.commit()
    services.delete_domain(domain)
    db.session.commit()
    db.session.expire_all()
    assert dialogue.domains == [] and project.priorities == []
    assert priority_counts(db.session, dialogue) == {}


def test_priorities_are_added_in_order_and_can_be_renamed(app):
    dialogue = factories.dialogue()
    domain, first, second = _plan(dialogue)
    assert [p.position for p in domain.priorities] == [1, 2]
    services.update_priority(first, code="2.9", title="Pilot projects", position=3)
    db.session.commit()
    db.session.expire_all()
    assert [p.code for p in domain.priorities] == ["2.2", "2.9"]
    services.delete_priority(second)
    assert [p.code for p in domain.priorities] == ["2.9"]
