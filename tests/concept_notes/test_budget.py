from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from portal.concept_notes.budget import compute_budget, round_half_up

RATE = Decimal("0.07")
ORGS = ("IOM", "UNHCR", "UNDP")
CATS = tuple(str(n) for n in range(1, 8))

amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False)
tables = st.dictionaries(st.tuples(st.sampled_from(ORGS), st.sampled_from(CATS)), amounts, max_size=21)


def test_line_8_is_seven_per_cent_rounded_half_up_per_organisation():
    # 7% of 0.50 is 0.035: half a cent, rounded up; 7% of 1,234,567.85 is 86,419.7495
    budget = compute_budget(
        ("IOM", "UNHCR"),
        CATS,
        {("IOM", "1"): Decimal("0.50"), ("UNHCR", "2"): Decimal("1234567.80"), ("UNHCR", "7"): Decimal("0.05")},
        RATE,
    )
    assert budget.indirect == {"IOM": Decimal("0.04"), "UNHCR": Decimal("86419.75")}
    assert budget.direct_total == Decimal("1234568.35")
    assert budget.indirect_total == Decimal("86419.79")
    assert budget.total == Decimal("1320988.14")
    assert budget.totals["UNHCR"] == Decimal("1320987.60")


def test_an_empty_table_is_empty_and_all_zero():
    budget = compute_budget(ORGS, CATS, {}, RATE)
    assert budget.is_empty
    assert budget.total == 0 and set(budget.indirect.values()) == {Decimal(0)}


@given(tables)
def test_line_8_and_every_total_are_exact(table):
    budget = compute_budget(ORGS, CATS, table, RATE)
    for org in ORGS:
        direct = sum((table.get((org, c), Decimal(0)) for c in CATS), Decimal(0))
        assert budget.direct[org] == direct
        assert budget.indirect[org] == round_half_up(RATE * direct)
        assert budget.indirect[org].as_tuple().exponent == -2
        assert budget.totals[org] == direct + budget.indirect[org]
    for cat in CATS:
        assert budget.category_totals[cat] == sum((table.get((o, cat), Decimal(0)) for o in ORGS), Decimal(0))
    assert budget.direct_total == sum(budget.category_totals.values(), Decimal(0))
    assert budget.indirect_total == sum(budget.indirect.values(), Decimal(0))
    assert budget.total == sum(budget.totals.values(), Decimal(0)) == budget.direct_total + budget.indirect_total
    assert all(isinstance(v, Decimal) for v in (*budget.totals.values(), budget.total))


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_round_half_up_is_stable_and_within_half_a_cent(value):
    rounded = round_half_up(value)
    assert round_half_up(rounded) == rounded
    assert abs(rounded - value) <= Decimal("0.005")
