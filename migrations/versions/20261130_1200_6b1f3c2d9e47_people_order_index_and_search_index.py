"""people listed through an index; the global search's full-text index

Revision ID: 6b1f3c2d9e47
Revises: 5c0e7a1f9b31
Create Date: 2026-11-30 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '6b1f3c2d9e47'
down_revision = '5c0e7a1f9b31'
branch_labels = None
depends_on = None

#: the documents of the records there are now, as portal.search.index writes them, written with the columns every
#: database has at this revision (`flask search rebuild` rewrites them with everything the code indexes later)
KIND_CODES = {"project": 1, "partner": 2, "event": 3, "dialogue": 4, "concept_note": 5, "person": 6}
STRIDE = 2**32


def _text(*columns):
    return " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)


DOCUMENTS = {
    "project": ("projects", "code || ' · ' || title", _text("acronym", "description"), "1 = 1"),
    "partner": ("partners", "name", _text("ref", "acronym", "country"), "1 = 1"),
    "event": ("events", "title", _text("ref", "city", "description"), "1 = 1"),
    "dialogue": ("dialogues", "name", _text("code", "acronym", "description"), "1 = 1"),
    "concept_note": ("concept_notes", "title", _text("contact_organisation", "implementing_partners"), "1 = 1"),
    "person": ("people", _text("first_name", "last_name"), _text("email", "organisation_name"), "erased_at IS NULL"),
}


def upgrade():
    op.create_index(
        'ix_people_name_order', 'people', [sa.text('lower(last_name)'), sa.text('lower(first_name)'), 'id']
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, record_id UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE TABLE search_index (key bigint PRIMARY KEY, kind varchar(20) NOT NULL, "
            "record_id integer NOT NULL, title text NOT NULL, body text NOT NULL, "
            "document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', body), 'B')) STORED)"
        )
        op.execute("CREATE INDEX ix_search_index_document ON search_index USING gin (document)")
    key = "rowid" if sqlite else "key"
    for kind, (table, title, body, condition) in DOCUMENTS.items():
        # every name and expression in this statement is one of this file's constants
        op.execute(
            f"INSERT INTO search_index ({key}, kind, record_id, title, body) "  # noqa: S608
            f"SELECT {KIND_CODES[kind] * STRIDE} + id, '{kind}', id, coalesce({title}, ''), {body} "
            f"FROM {table} WHERE {condition}"
        )


def downgrade():
    op.execute("DROP TABLE IF EXISTS search_index")
    op.drop_index('ix_people_name_order', table_name='people')
