from datetime import date, datetime
from decimal import Decimal

import pytest

from portal.exchange.sheets import AMOUNT, BOOLEAN, COUNTRY, CURRENCY, DATE, RATE, YEAR, CellError, ListOf


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (100, Decimal("100")),
        (0.1, Decimal("0.1")),
        (400000.25, Decimal("400000.25")),
        ("12.50", Decimal("12.50")),
        ("7", Decimal("7")),
        (None, None),
        ("  ", None),
        (999999999999.99, Decimal("999999999999.99")),
    ],
)
def test_amounts_are_exact_decimals(raw, expected):
    assert AMOUNT.parse(raw) == expected


@pytest.mark.parametrize("raw", ["1,5", "1.5.0", "12 EUR", 1e-05, 10.555, float("nan"), True, 10**12, -(10**12)])
def test_bad_amounts_are_refused(raw):
    with pytest.raises(CellError):
        AMOUNT.parse(raw)


def test_a_negative_amount_is_read_for_the_funding_rule_to_refuse():
    # the rule, not the cell, refuses it: with the message the services give (tests/exchange/test_domain_rules.py)
    assert AMOUNT.parse(-1) == Decimal("-1") and AMOUNT.parse("-0.01") == Decimal("-0.01")


def test_rates_keep_eight_places():
    assert RATE.parse("0.95123456") == Decimal("0.95123456")
    with pytest.raises(CellError):
        RATE.parse("0.123456789")


def test_numbers_with_more_digits_than_a_double_holds_are_exported_as_text():
    assert AMOUNT.to_cell(Decimal("12.50")) == Decimal("12.50")
    assert RATE.to_cell(Decimal("1234567890.12345678")) == "1234567890.12345678"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2024, 2, 29), date(2024, 2, 29)),
        (date(2024, 1, 1), date(2024, 1, 1)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_dates(raw, expected):
    assert DATE.parse(raw) == expected


@pytest.mark.parametrize("raw", ["2023-02-29", "29/02/2024", "2024-2-1", datetime(2024, 1, 1, 12, 30), 45000])
def test_bad_dates(raw):
    with pytest.raises(CellError):
        DATE.parse(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", True),
        ("No", False),
        ("TRUE", True),
        ("false", False),
        (1, True),
        (0, False),
        ("1", True),
        (True, True),
        (None, None),
    ],
)
def test_booleans(raw, expected):
    assert BOOLEAN.parse(raw) is expected


def test_codes_lists_and_years():
    assert COUNTRY.parse("xk") == "XK"
    assert CURRENCY.parse("chf") == "CHF"
    assert YEAR.parse(2024.0) == 2024 and YEAR.parse("2024") == 2024
    assert ListOf(COUNTRY).parse(" at ; XK;;AT ") == ("AT", "XK")
    for kind, raw in ((COUNTRY, "EU"), (CURRENCY, "EURO"), (CURRENCY, "SUR"), (YEAR, "1850"), (YEAR, 2024.5)):
        with pytest.raises(CellError):
            kind.parse(raw)
