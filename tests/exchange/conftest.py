import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.extensions import db
from tests.conftest import config_for


@pytest.fixture
def app_config(database_url, tmp_path):
    return config_for(
        database_url,
        EXCHANGE_UPLOAD_FOLDER=str(tmp_path / "uploads"),
        EXCHANGE_MAX_UPLOAD=200_000,
        JOB_RESULT_FOLDER=str(tmp_path / "results"),
    )


@pytest.fixture
def row_counts():
    """Every table's row count, to show that nothing was written; jobs, which record the work, are left out."""

    def count():
        db.session.expire_all()
        return {
            table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables
            if table.name != "jobs"
        }

    return count


@pytest.fixture
def empty_database():
    """Remove every row, as if the workbook were imported into a new installation."""

    def empty():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()

    return empty


@pytest.fixture(autouse=True)
def english(app):
    """Messages read outside a request, in English."""
    with force_locale("en"):
        yield
