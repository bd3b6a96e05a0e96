"""project results: outputs, indicators with baseline and target (both with workbook refs), their yearly actuals;
GCM objectives of projects

Revision ID: d4f7a1c9e352
Revises: d4f7b2a9c1e3
Create Date: 2026-11-30 14:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f7a1c9e352"
down_revision = "d4f7b2a9c1e3"
branch_labels = None
depends_on = None


def _bookkeeping():
    return (
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def _project_id(table):
    return (
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f(f"fk_{table}_project_id_projects"), ondelete="CASCADE"
        ),
    )


def upgrade():
    op.create_table(
        "project_gcm_objectives",
        *_project_id("project_gcm_objectives"),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "code", name=op.f("pk_project_gcm_objectives")),
    )
    op.create_table(
        "project_outputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        *_project_id("project_outputs"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("title_fr", sa.String(length=500), nullable=True),
        sa.Column("title_ru", sa.String(length=500), nullable=True),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_outputs")),
        sa.UniqueConstraint("project_id", "number", name=op.f("uq_project_outputs_project_id_number")),
        sa.UniqueConstraint("ref", name=op.f("uq_project_outputs_ref")),
    )
    op.create_index(op.f("ix_project_outputs_project_id"), "project_outputs", ["project_id"])
    op.create_table(
        "project_indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("output_id", sa.Integer(), nullable=False),
        *_project_id("project_indicators"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("text_fr", sa.String(length=500), nullable=True),
        sa.Column("text_ru", sa.String(length=500), nullable=True),
        sa.Column("unit", sa.String(length=60), nullable=True),
        sa.Column("baseline", sa.Numeric(14, 2), nullable=True),
        sa.Column("target", sa.Numeric(14, 2), nullable=True),
        *_bookkeeping(),
        sa.ForeignKeyConstraint(
            ["output_id"],
            ["project_outputs.id"],
            name=op.f("fk_project_indicators_output_id_project_outputs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_indicators")),
        sa.UniqueConstraint("output_id", "number", name=op.f("uq_project_indicators_output_id_number")),
        sa.UniqueConstraint("ref", name=op.f("uq_project_indicators_ref")),
    )
    op.create_index(op.f("ix_project_indicators_output_id"), "project_indicators", ["output_id"])
    op.create_index(op.f("ix_project_indicators_project_id"), "project_indicators", ["project_id"])
    op.create_table(
        "indicator_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        *_project_id("indicator_results"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("actual", sa.Numeric(14, 2), nullable=False),
        sa.Column("comment", sa.String(length=500), nullable=True),
        *_bookkeeping(),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["project_indicators.id"],
            name=op.f("fk_indicator_results_indicator_id_project_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_results")),
        sa.UniqueConstraint("indicator_id", "year", name=op.f("uq_indicator_results_indicator_id_year")),
    )
    op.create_index(op.f("ix_indicator_results_indicator_id"), "indicator_results", ["indicator_id"])
    op.create_index(op.f("ix_indicator_results_project_id"), "indicator_results", ["project_id"])


def downgrade():
    op.drop_table("indicator_results")
    op.drop_table("project_indicators")
    op.drop_table("project_outputs")
    op.drop_table("project_gcm_objectives")
