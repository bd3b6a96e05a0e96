"""Reading the full-text index: the records of each kind a user may see that match what they typed.

What users type never reaches the engines' query syntax as written: it is cut into words of letters and digits,
and each word becomes a quoted prefix term (FTS5 `"word"*`, tsquery `word:*`), so that quotes, `*`, `NEAR(`, `&`
or `!` are just separators."""

import re
from dataclasses import dataclass

import sqlalchemy as sa

from portal.accounts.access import PERSONAL_DATA, STAFF
from portal.accounts.models import User
from portal.concept_notes.queries import readable_note_ids
from portal.extensions import db
from portal.search.index import TABLE

#: the kinds in the order the results page shows them
KIND_ORDER = ("project", "partner", "event", "dialogue", "concept_note", "person")
#: how many words of a query count
MAX_WORDS = 8
#: a word is letters and digits; anything else separates words
WORD = re.compile(r"[^\W_]+")

_index = sa.table(
    TABLE,
    sa.column("kind"),
    sa.column("record_id"),
    sa.column("title"),
    sa.column("body"),
    sa.column("document"),
    sa.column("rank"),
)


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: int
    title: str
    body: str


@dataclass(frozen=True)
class KindResults:
    kind: str
    total: int
    hits: tuple[Hit, ...]


def words_of(text: str | None) -> list[str]:
    """The words of a query that count: letters and digits, lower case, at most MAX_WORDS."""
    return WORD.findall((text or "").casefold())[:MAX_WORDS]


def kinds_for(user: User) -> tuple[str, ...]:
    """The kinds a user's search covers: the staff's registers, concept notes for those who may read some, and
    people only for the roles that see personal data."""
    kinds = []
    if user.role in STAFF:
        kinds += ["project", "partner", "event", "dialogue"]
    kinds.append("concept_note")
    if user.role in PERSONAL_DATA:
        kinds.append("person")
    return tuple(kind for kind in KIND_ORDER if kind in kinds)


def _matching(words: list[str]):
    """The condition "the document has every word (as a word's start)" and the ORDER BY of the best first."""
    if db.session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{word}"*' for word in words)
        return sa.literal_column(TABLE).op("MATCH")(match), _index.c.rank
    query = sa.func.to_tsquery("simple", " & ".join(f"{word}:*" for word in words))
    return _index.c.document.op("@@")(query), sa.func.ts_rank(_index.c.document, query).desc()


def _in_kind(kind: str, user: User):
    condition = _index.c.kind == kind
    if kind == "concept_note":
        condition = sa.and_(condition, _index.c.record_id.in_(readable_note_ids(user)))
    return condition


def search(text: str | None, user: User, *, kinds=None, limit: int = 10, offset: int = 0) -> list[KindResults]:
    """For each kind the user may search (of `kinds`, all by default), how many records match `text` and the best
    `limit` of them from `offset`; an empty list when `text` has no words."""
    words = words_of(text)
    if not words:
        return []
    found, best_first = _matching(words)
    results = []
    for kind in kinds_for(user):
        if kinds is not None and kind not in kinds:
            continue
        condition = sa.and_(found, _in_kind(kind, user))
        total = db.session.scalar(sa.select(sa.func.count()).select_from(_index).where(condition))
        if not total:
            continue
        rows = db.session.execute(
            sa.select(_index.c.kind, _index.c.record_id, _index.c.title, _index.c.body)
            .where(condition)
            .order_by(best_first, _index.c.record_id)
            .limit(limit)
            .offset(offset)
        )
        hits = tuple(Hit(kind, int(record_id), title, body) for kind, record_id, title, body in rows)
        results.append(KindResults(kind, total, hits))
    return results
