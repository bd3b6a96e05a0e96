from tests.api.conftest import bearer  # noqa: F401 - the API's token fixture, for the register's API tests
