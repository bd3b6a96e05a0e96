"""projects support several dialogues: project_dialogues replaces projects.dialogue_id

Revision ID: e2a9c6b41f57
Revises: c8e1f4a2d6b9
Create Date: 2026-11-30 14:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e2a9c6b41f57"
down_revision = "c8e1f4a2d6b9"
branch_labels = None
depends_on = None

projects = sa.table("projects", sa.column("id"), sa.column("dialogue_id"))
dialogues = sa.table("dialogues", sa.column("id"), sa.column("code"))


def _restore_lower_code_index():
    # SQLite's batch mode rebuilds projects from what it reflects, and it cannot reflect an index on an expression
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("uq_projects_lower_code", "projects", [sa.text("lower(code)")], unique=True)


def upgrade():
    link = op.create_table(
        "project_dialogues",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("dialogue_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dialogue_id"],
            ["dialogues.id"],
            name=op.f("fk_project_dialogues_dialogue_id_dialogues"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_dialogues_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("project_id", "dialogue_id", name=op.f("pk_project_dialogues")),
    )
    op.execute(
        sa.insert(link).from_select(
            ["project_id", "dialogue_id"],
            sa.select(projects.c.id, projects.c.dialogue_id).where(projects.c.dialogue_id.is_not(None)),
        )
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_projects_dialogue_id_dialogues"), type_="foreignkey")
        batch_op.drop_column("dialogue_id")
    _restore_lower_code_index()


def downgrade():
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dialogue_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_projects_dialogue_id_dialogues"), "dialogues", ["dialogue_id"], ["id"]
        )
    _restore_lower_code_index()
    # a project keeps one dialogue: the first by code, as the project page lists them
    link = sa.table("project_dialogues", sa.column("project_id"), sa.column("dialogue_id"))
    first = (
        sa.select(link.c.dialogue_id)
        .join(dialogues, dialogues.c.id == link.c.dialogue_id)
        .where(link.c.project_id == projects.c.id)
        .order_by(dialogues.c.code)
        .limit(1)
        .scalar_subquery()
    )
    op.execute(sa.update(projects).values(dialogue_id=first))
    op.drop_table("project_dialogues")
