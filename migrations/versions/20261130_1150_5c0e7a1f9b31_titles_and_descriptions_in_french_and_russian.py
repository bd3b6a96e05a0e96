"""titles and descriptions in French and Russian: projects, events and dialogues

Revision ID: 5c0e7a1f9b31
Revises: f465e14a9ef4
Create Date: 2026-11-30 11:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5c0e7a1f9b31"
down_revision = 'f465e14a9ef4'
branch_labels = None
depends_on = None

#: each table's texts that may also be written in French and Russian, with their type
TRANSLATED = {
    "projects": (("title", sa.String(length=500)), ("description", sa.Text())),
    "events": (("title", sa.String(length=500)), ("description", sa.Text())),
    "dialogues": (("name", sa.String(length=255)), ("description", sa.Text())),
}
LANGUAGES = ("fr", "ru")


def upgrade():
    for table, fields in TRANSLATED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for field, type_ in fields:
                for language in LANGUAGES:
                    batch_op.add_column(sa.Column(f"{field}_{language}", type_, nullable=True))


def downgrade():
    # plain ALTER TABLE DROP COLUMN (SQLite 3.35+): a batch would rebuild the tables, and SQLite's rebuild loses the
    # unique index on lower(code) of projects and dialogues
    for table, fields in TRANSLATED.items():
        for field, _ in fields:
            for language in LANGUAGES:
                op.drop_column(table, f"{field}_{language}")
