"""The order of a list page: `?sort=title` or `?sort=-title` (also `?sort=title&dir=desc`), checked against the
keys the list allows. A key the list does not know gives its default order, never an error, and every order ends
with the row id so that pages of a list neither repeat nor skip rows."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Sort:
    """A list's order as asked for: one of its keys, and the direction."""

    key: str
    descending: bool = False

    @property
    def arg(self) -> str:
        """The value of ?sort= for this order."""
        return f"-{self.key}" if self.descending else self.key


@dataclass(frozen=True)
class Sorting:
    """What a list may be sorted by: key -> a function giving the column expressions (called when the query is built,
    so that translated names follow the reader's language), the default order as a ?sort= value, and the row id."""

    columns: Mapping[str, Callable[[], tuple]]
    default: str
    tiebreak: object

    def parse(self, value: str | None, direction: str | None = None) -> Sort:
        """The Sort that `value` (and `direction`, "asc" or "desc") asks for, or the default one."""
        value = (value or "").strip()
        descending = value.startswith("-")
        key = value[1:] if descending else value
        if key not in self.columns:
            return self.parse(self.default)
        if direction in ("asc", "desc"):
            descending = direction == "desc"
        return Sort(key, descending)

    def requested(self) -> Sort:
        """The Sort the request's query string asks for."""
        return self.parse(request.args.get("sort"), request.args.get("dir"))

    def order_by(self, sort: Sort | None = None) -> list:
        """ORDER BY clauses for `sort` (the default order when None), ending with the row id in the same direction."""
        sort = sort if sort is not None and sort.key in self.columns else self.parse(self.default)
        expressions = [*self.columns[sort.key](), self.tiebreak]
        return [expression.desc() if sort.descending else expression.asc() for expression in expressions]
