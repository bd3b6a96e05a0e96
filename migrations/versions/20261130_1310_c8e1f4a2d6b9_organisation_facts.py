"""organisation facts: a year's employees and nationalities, and the member states with the years they joined and left

Revision ID: c8e1f4a2d6b9
Revises: b5d2e7f19a30
Create Date: 2026-11-30 13:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c8e1f4a2d6b9"
down_revision = "b5d2e7f19a30"
branch_labels = None
depends_on = None


def _bookkeeping():
    return (
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def upgrade():
    op.create_table(
        "organisation_years",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("nationalities", sa.Integer(), nullable=True),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_years")),
        sa.UniqueConstraint("year", name=op.f("uq_organisation_years_year")),
    )
    op.create_table(
        "member_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("joined_year", sa.Integer(), nullable=False),
        sa.Column("left_year", sa.Integer(), nullable=True),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_states")),
        sa.UniqueConstraint("country", name=op.f("uq_member_states_country")),
    )


def downgrade():
    op.drop_table("member_states")
    op.drop_table("organisation_years")
