"""The thematic_areas sheet carries each area's DAC sectors: checked against the IATI Sector codelist, 15190 when
blank or left out."""

import sqlalchemy as sa

from portal.exchange import services
from portal.extensions import db
from portal.reference.models import ThematicArea
from tests.exchange import workbooks


def test_sectors_are_read_checked_and_defaulted(app, tmp_path):
    header = ["code", "name", "dac_sectors"]
    path = workbooks.save(
        tmp_path / "in.xlsx",
        {"thematic_areas": [header, ["thb", "Trafficking", "15190, 15180"], ["legal", "Legal migration", None]]},
    )
    assert services.import_workbook(path).ok
    db.session.flush()
    assert dict(db.session.execute(sa.select(ThematicArea.code, ThematicArea.dac_sectors)).all()) == {
        "thb": "15190 15180",
        "legal": "15190",
    }

    wrong = workbooks.save(tmp_path / "wrong.xlsx", {"thematic_areas": [header, ["thb", "Trafficking", "15180 1519"]]})
    report = services.import_workbook(wrong)
    assert not report.ok
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("thematic_areas", 2, "dac_sectors")]
    assert "1519" in str(report.problems[0].message)
