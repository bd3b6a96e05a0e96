"""The workbook's dialogue members by status (columns of the dialogues sheet) and the dialogue_groups sheet."""

import pytest
import sqlalchemy as sa

from portal.dialogues.models import Dialogue, DialogueGroup, DialogueMember
from portal.exchange import services
from portal.extensions import db
from tests import factories
from tests.exchange import workbooks

DIALOGUES = [
    "code",
    "name",
    "acronym",
    "region",
    "secretariat",
    "members",
    "started_on",
    "observers",
    "focus_countries",
    "member_organisations",
    "observer_organisations",
]


def _places(report):
    return {(p.sheet, p.row, p.column) for p in report.problems}


def _dialogue(code="BP") -> Dialogue:
    db.session.expire_all()
    return db.session.scalar(sa.select(Dialogue).where(Dialogue.code == code))


def test_members_observers_focus_countries_and_groups_are_imported(app, tmp_path):
    report = services.import_workbook(workbooks.save(tmp_path / "w.xlsx", workbooks.portfolio()))
    db.session.commit()
    assert report.ok and report.counts["dialogue_groups"].created == 2
    budapest = _dialogue()
    assert (budapest.members, budapest.observers, budapest.focus_countries) == (
        ["AT", "CH", "XK"],
        ["US"],
        ["AF", "PK"],
    )
    assert [p.ref for p in budapest.member_organisations] == ["EU-COM"]
    assert [p.ref for p in budapest.observer_organisations] == ["NGO1"]
    group = next(group for group in budapest.groups if group.name == "Steering Committee")
    assert (group.kind, group.name_fr) == ("steering_committee", "Comité de pilotage")
    assert (group.chairs, group.co_chairs, group.states) == (["AT"], ["XK"], ["CH", "US"])
    assert [p.ref for p in group.organisations] == ["EU-COM"]


def test_a_workbook_with_only_the_members_column_imports_member_states(app, tmp_path):
    path = workbooks.save(tmp_path / "w.xlsx", {"dialogues": [["code", "name", "members"], ["RP", "Rabat", "MA; SN"]]})
    report = services.import_workbook(path)
    db.session.commit()
    assert report.ok
    rabat = _dialogue("RP")
    assert rabat.members == ["MA", "SN"] and {row.status for row in rabat.member_rows} == {"member"}


def test_a_member_who_becomes_an_observer_is_moved_not_doubled(app, tmp_path):
    services.import_workbook(workbooks.save(tmp_path / "w.xlsx", workbooks.portfolio()))
    db.session.commit()
    rows = _dialogue().member_rows
    ids = {row.country or row.partner.ref: row.id for row in rows}
    sheets = workbooks.portfolio()
    bp = sheets["dialogues"][1]
    bp[5], bp[7] = "XK; CH; US", "AT"  # Austria leaves the members for the observers, the US the other way round
    bp[9], bp[10] = "NGO1", "EU-COM"
    sheets["dialogue_groups"][1][4:7] = ["CH", None, "AT; US"]  # Switzerland takes the chair from Austria
    report = services.import_workbook(workbooks.save(tmp_path / "changed.xlsx", sheets))
    db.session.commit()

    assert report.ok, [str(p) for p in report.problems]
    assert report.counts["dialogues"].updated == 1 and report.counts["dialogue_groups"].updated == 1
    budapest = _dialogue()
    assert (budapest.members, budapest.observers) == (["CH", "US", "XK"], ["AT"])
    assert [p.ref for p in budapest.member_organisations] == ["NGO1"]
    assert [p.ref for p in budapest.observer_organisations] == ["EU-COM"]
    assert {row.country or row.partner.ref: row.id for row in budapest.member_rows} == ids
    group = next(group for group in budapest.groups if group.name == "Steering Committee")
    assert (group.chairs, group.co_chairs, group.states) == (["CH"], [], ["AT", "US"])


def test_one_status_per_state_or_organisation_and_one_role_per_state(app, tmp_path, row_counts):
    before = row_counts()
    sheets = workbooks.portfolio()
    sheets["dialogues"][1][7] = "US; AT"  # Austria is a member already
    sheets["dialogues"][1][10] = "EU-COM"  # and so is the Commission
    sheets["dialogue_groups"][1][6] = "CH; AT"  # Austria chairs the group
    report = services.import_workbook(workbooks.save(tmp_path / "w.xlsx", sheets))

    assert not report.ok and not report.written
    assert _places(report) == {
        ("dialogues", 2, "observers"),
        ("dialogues", 2, "observer_organisations"),
        ("dialogue_groups", 2, "states"),
    }
    messages = {p.column: str(p.message) for p in report.problems}
    assert messages["observers"] == "AT already listed in members"
    assert messages["states"] == "AT already listed in chairs"
    assert row_counts() == before


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["BP", "steering committee", "other"], "name"),  # the stored group's name in another case
        (["BP", "Other", "committee"], "kind"),
        (["XX", "Other", "other"], "dialogue"),
    ],
)
def test_group_rows_are_checked(app, tmp_path, row, column):
    services.import_workbook(workbooks.save(tmp_path / "w.xlsx", workbooks.portfolio()))
    db.session.commit()
    path = workbooks.save(tmp_path / "g.xlsx", {"dialogue_groups": [["dialogue", "name", "kind"], row]})
    report = services.import_workbook(path)
    assert _places(report) == {("dialogue_groups", 2, column)}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DialogueGroup)) == 2


def test_the_export_names_organisations_by_ref_and_states_by_code(app, tmp_path):
    ngo = factories.partner(ref="IOM")
    dialogue = factories.dialogue(code="KP", members=["ER", "ET"])
    dialogue.focus_countries = ["SD"]
    dialogue.observer_organisations = [ngo]
    group = DialogueGroup(kind="reference_group", name="Reference group")
    group.co_chairs = ["ET"]
    group.organisations = [ngo]
    dialogue.groups.append(group)
    db.session.commit()
    services.export_workbook(tmp_path / "out.xlsx", personal_data=False)
    sheets = workbooks.read(tmp_path / "out.xlsx")
    header, row = sheets["dialogues"][0], sheets["dialogues"][1]
    values = dict(zip(header, row, strict=True))
    assert values["members"] == "ER; ET" and values["focus_countries"] == "SD"
    assert values["observers"] is None and values["observer_organisations"] == "IOM"
    group_values = dict(zip(sheets["dialogue_groups"][0], sheets["dialogue_groups"][1], strict=True))
    assert group_values == {
        "dialogue": "KP",
        "name": "Reference group",
        "kind": "reference_group",
        "name_fr": None,
        "name_ru": None,
        "chairs": None,
        "co_chairs": "ET",
        "states": None,
        "organisations": "IOM",
    }
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DialogueMember)) == 4
