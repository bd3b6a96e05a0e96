import pytest

from tests.conftest import config_for


@pytest.fixture
def app_config(database_url, tmp_path):
    return config_for(
        database_url,
        EXCHANGE_UPLOAD_FOLDER=str(tmp_path / "uploads"),
        EXCHANGE_MAX_UPLOAD=200_000,
        JOB_RESULT_FOLDER=str(tmp_path / "results"),
    )
