"""action plans: a dialogue's plans with their validity, shared by dialogues; domains belong to a plan; champions

Each dialogue's existing domains move, with their ids and those of their priorities, into one plan of that
dialogue, so that projects' priority mappings and the key figures stay as they were. Each plan gets an initiative
register: data-collection cycles and initiatives of any actor, mapped to priorities and countries.

Revision ID: a7c4d2e8f013
Revises: e3b8f0c4a172
Create Date: 2026-11-30 12:30:00.000000

"""

from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c4d2e8f013"
down_revision = 'e3b8f0c4a172'
branch_labels = None
depends_on = None

dialogues = sa.table(
    "dialogues",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("acronym", sa.String),
    sa.column("started_on", sa.Date),
)
plans = sa.Table(
    "action_plans",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.String),
    sa.Column("valid_from", sa.Date),
    sa.Column("version", sa.Integer),
)
plan_dialogues = sa.table(
    "action_plan_dialogues", sa.column("plan_id", sa.Integer), sa.column("dialogue_id", sa.Integer)
)
domains = sa.table(
    "action_plan_domains",
    sa.column("id", sa.Integer),
    sa.column("plan_id", sa.Integer),
    sa.column("dialogue_id", sa.Integer),
)
#: the tables whose rows cascade from a domain's, parents first
CASCADED = ("action_plan_priorities", "project_priorities")
entries = sa.table(
    "audit_entries",
    sa.column("record_type", sa.String),
    sa.column("record_id", sa.Integer),
    sa.column("parent_id", sa.Integer),
)


def _reparent_domain_entries(connection, new_parent: dict) -> None:
    # a domain's History entries are listed under its parent: the plan now, the dialogue before
    # in one statement, so that no entry is moved twice
    parent = sa.case(new_parent, value=entries.c.parent_id, else_=None) if new_parent else None
    connection.execute(
        sa.update(entries)
        .where(entries.c.record_type == "ActionPlanDomain", entries.c.parent_id.is_not(None))
        .values(parent_id=parent)
    )


@contextmanager
def _keeping(connection, *names):
    # SQLite changes a table's columns by building a new one and dropping the old, and with foreign keys on that
    # drop deletes what cascades from the old one's rows (a domain's priorities, the projects' mappings to them):
    # the rows of those tables are read before and written back after.
    if connection.dialect.name != "sqlite":
        yield
        return
    tables = [sa.Table(name, sa.MetaData(), autoload_with=connection) for name in names]
    kept = [[row._asdict() for row in connection.execute(sa.select(table))] for table in tables]
    yield
    for table in reversed(tables):
        connection.execute(sa.delete(table))
    for table, rows in zip(tables, kept, strict=True):
        if rows:
            connection.execute(sa.insert(table), rows)


def upgrade():
    op.create_table(
        "action_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name=op.f("ck_action_plans_in_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
    )
    op.create_table(
        "action_plan_dialogues",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("dialogue_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dialogue_id"],
            ["dialogues.id"],
            name=op.f("fk_action_plan_dialogues_dialogue_id_dialogues"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["action_plans.id"],
            name=op.f("fk_action_plan_dialogues_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "dialogue_id", name=op.f("pk_action_plan_dialogues")),
    )
    with op.batch_alter_table("action_plan_dialogues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_plan_dialogues_dialogue_id"), ["dialogue_id"], unique=False)
    with op.batch_alter_table("action_plan_domains", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("action_plan_priorities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("champion", sa.String(length=2), nullable=True))

    connection = op.get_bind()
    with_domains = sa.select(domains.c.dialogue_id).distinct()
    plan_of = {}
    for dialogue_id, name, acronym, started_on in connection.execute(
        sa.select(dialogues.c.id, dialogues.c.name, dialogues.c.acronym, dialogues.c.started_on)
        .where(dialogues.c.id.in_(with_domains))
        .order_by(dialogues.c.id)
    ):
        title = f"{acronym or name} action plan"[:255]
        (plan_id,) = connection.execute(
            sa.insert(plans).values(title=title, valid_from=started_on, version=1)
        ).inserted_primary_key
        connection.execute(sa.insert(plan_dialogues).values(plan_id=plan_id, dialogue_id=dialogue_id))
        connection.execute(sa.update(domains).where(domains.c.dialogue_id == dialogue_id).values(plan_id=plan_id))
        plan_of[dialogue_id] = plan_id
    _reparent_domain_entries(connection, plan_of)

    with _keeping(connection, *CASCADED), op.batch_alter_table("action_plan_domains", schema=None) as batch_op:
        batch_op.alter_column("plan_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index(batch_op.f("ix_action_plan_domains_dialogue_id"))
        batch_op.drop_constraint(batch_op.f("fk_action_plan_domains_dialogue_id_dialogues"), type_="foreignkey")
        batch_op.create_index(batch_op.f("ix_action_plan_domains_plan_id"), ["plan_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_action_plan_domains_plan_id_action_plans"),
            "action_plans",
            ["plan_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_column("dialogue_id")

    _create_register()


def _create_register():
    """The initiative register of each plan: its data-collection cycles and initiatives."""
    op.create_table(
        "collection_cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["action_plans.id"], name=op.f("fk_collection_cycles_plan_id_action_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_cycles")),
    )
    with op.batch_alter_table("collection_cycles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collection_cycles_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("PLANNED", "ONGOING", "COMPLETED", name="initiativestatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column(
            "review",
            sa.Enum("SUBMITTED", "VALIDATED", "RETURNED", name="review", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_initiatives_dates_in_order"),
        ),
        sa.CheckConstraint("budget IS NULL OR currency IS NOT NULL", name=op.f("ck_initiatives_budget_has_currency")),
        sa.ForeignKeyConstraint(["actor_id"], ["partners.id"], name=op.f("fk_initiatives_actor_id_partners")),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["collection_cycles.id"], name=op.f("fk_initiatives_cycle_id_collection_cycles")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["action_plans.id"], name=op.f("fk_initiatives_plan_id_action_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["reviewed_by_id"], ["users.id"], name=op.f("fk_initiatives_reviewed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatives")),
    )
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_initiatives_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_review"), ["review"], unique=False)
    op.create_table(
        "initiative_countries",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_countries_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("initiative_id", "country", name=op.f("pk_initiative_countries")),
    )
    op.create_table(
        "initiative_priorities",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("priority_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_priorities_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["priority_id"],
            ["action_plan_priorities.id"],
            name=op.f("fk_initiative_priorities_priority_id_action_plan_priorities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("initiative_id", "priority_id", name=op.f("pk_initiative_priorities")),
    )


def downgrade():
    for table in ("initiative_priorities", "initiative_countries", "initiatives", "collection_cycles"):
        op.drop_table(table)
    # a plan shared by several dialogues goes back to the first of them (by id): the others lose its domains
    with op.batch_alter_table("action_plan_domains", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dialogue_id", sa.Integer(), nullable=True))
    connection = op.get_bind()
    first = (
        sa.select(sa.func.min(plan_dialogues.c.dialogue_id))
        .where(plan_dialogues.c.plan_id == domains.c.plan_id)
        .scalar_subquery()
    )
    connection.execute(sa.update(domains).values(dialogue_id=first))
    connection.execute(sa.delete(domains).where(domains.c.dialogue_id.is_(None)))
    dialogue_of = dict(
        connection.execute(
            sa.select(plan_dialogues.c.plan_id, sa.func.min(plan_dialogues.c.dialogue_id)).group_by(
                plan_dialogues.c.plan_id
            )
        ).all()
    )
    _reparent_domain_entries(connection, dialogue_of)

    with _keeping(connection, *CASCADED), op.batch_alter_table("action_plan_domains", schema=None) as batch_op:
        batch_op.alter_column("dialogue_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index(batch_op.f("ix_action_plan_domains_plan_id"))
        batch_op.drop_constraint(batch_op.f("fk_action_plan_domains_plan_id_action_plans"), type_="foreignkey")
        batch_op.create_index(batch_op.f("ix_action_plan_domains_dialogue_id"), ["dialogue_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_action_plan_domains_dialogue_id_dialogues"),
            "dialogues",
            ["dialogue_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_column("plan_id")
    with _keeping(connection, "project_priorities"), op.batch_alter_table("action_plan_priorities") as batch_op:
        batch_op.drop_column("champion")
    with op.batch_alter_table("action_plan_dialogues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_plan_dialogues_dialogue_id"))
    op.drop_table("action_plan_dialogues")
    op.drop_table("action_plans")
