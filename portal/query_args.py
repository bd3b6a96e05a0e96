"""Whole numbers read from requests: page numbers and row ids, bounded to what the database can hold.

Python's int has no limit, the database's columns do: a query string or form choice such as
``?page=99999999999999999999999`` or ``?donor=99999999999999999999999`` parsed with ``int()`` makes the driver
raise OverflowError (SQLite) or the server reject the statement (PostgreSQL). Every page number and id taken from
a request goes through here instead, and one that no row could have is treated as if it had not been given.
"""

from flask import request
from werkzeug import routing

#: the largest value an sa.Integer column holds on every engine (PostgreSQL's integer is 32-bit, SQLite's 64)
MAX_INTEGER = 2**31 - 1
#: the largest row id: Integer primary keys are 32-bit on PostgreSQL
MAX_ID = MAX_INTEGER
#: the largest page number of an HTML list; (page - 1) × items per page stays far within LIMIT/OFFSET's 64 bits
MAX_PAGE = MAX_INTEGER


def parse_int(value, *, minimum: int, maximum: int) -> int | None:
    """`value` as an int between minimum and maximum, or None for anything else (text, decimals, other digits
    than 0–9, numbers out of range). Ints pass through when in range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] == "-" else text
        # int() would also take "1_000", " ١٢ " or "²"-like digits of other scripts (or raise on some of them)
        if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > len(str(maximum)) + 1:
            return None
        number = int(text)
    else:
        return None
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A row id from text: a whole number from 0 (which no row has; some filters use it) to MAX_ID, else None."""
    return parse_int(value, minimum=0, maximum=MAX_ID)


def optional_id(value) -> int | None:
    """Coerce for SelectFields of ids, whose blank choice is "": None when blank; an id; ValueError (the field's
    "not a valid choice") for anything else, so that the value never reaches a query. Not "None" either: that
    would pass InputRequired and then be no choice at all."""
    if value in (None, ""):
        return None
    number = parse_id(value)
    if number is None:
        raise ValueError(f"not an id: {value!r}")
    return number


def arg_id(name: str) -> int | None:
    """The id in the query string's `name`, or None when absent or not an id (an absent filter)."""
    return parse_id(request.args.get(name))


def page_number() -> int:
    """The list page asked for by ``?page=``: 1 unless it is a whole number from 1 to MAX_PAGE."""
    return parse_int(request.args.get("page"), minimum=1, maximum=MAX_PAGE) or 1


def link_args() -> dict[str, str]:
    """The query string's parameters to keep in links to other pages of a list. Names starting with "_" are left
    out: url_for() reads those as options (_external, _scheme, _anchor, _method), not as parameters."""
    return {name: value for name, value in request.args.items() if not name.startswith("_")}


class IntegerConverter(routing.IntegerConverter):
    """`<int:...>` in routes (installed by create_app): werkzeug's, at most MAX_ID unless the route says otherwise,
    so that a longer number in a URL is a 404 rather than an id no column can hold. (Same class name as werkzeug's:
    tools that recognise integer arguments by it keep working.)"""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
