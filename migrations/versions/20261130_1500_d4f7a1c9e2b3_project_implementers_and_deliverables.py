"""project implementers and deliverables: the partners that implement a project with their role, and what a project
promises to produce by when

Revision ID: d4f7a1c9e2b3
Revises: d4f7a1c9e352
Create Date: 2026-11-30 15:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f7a1c9e2b3"
down_revision = "d4f7a1c9e352"
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
        "project_partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "LEAD",
                "CO_IMPLEMENTER",
                "IMPLEMENTING_PARTNER",
                "ASSOCIATE",
                name="implementerrole",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        *_bookkeeping(),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_project_partners_partner_id_partners")),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_partners_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_partners")),
        sa.UniqueConstraint("project_id", "partner_id", name=op.f("uq_project_partners_project_id_partner_id")),
    )
    op.create_index(op.f("ix_project_partners_partner_id"), "project_partners", ["partner_id"], unique=False)
    op.create_table(
        "deliverables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("title_fr", sa.String(length=500), nullable=True),
        sa.Column("title_ru", sa.String(length=500), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PLANNED",
                "IN_PROGRESS",
                "DELIVERED",
                "CANCELLED",
                name="deliverablestatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_bookkeeping(),
        sa.CheckConstraint(
            "(status = 'DELIVERED' AND delivered_on IS NOT NULL) OR (status != 'DELIVERED' AND delivered_on IS NULL)",
            name=op.f("ck_deliverables_delivered_on_when_delivered"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_deliverables_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverables")),
        sa.UniqueConstraint("ref", name=op.f("uq_deliverables_ref")),
    )
    op.create_index(op.f("ix_deliverables_project_id"), "deliverables", ["project_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_deliverables_project_id"), table_name="deliverables")
    op.drop_table("deliverables")
    op.drop_index(op.f("ix_project_partners_partner_id"), table_name="project_partners")
    op.drop_table("project_partners")
