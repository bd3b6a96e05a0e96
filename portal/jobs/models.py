import secrets
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import utcnow
from portal.extensions import db
from portal.i18n import lazy_gettext as _l


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting"),
    JobStatus.RUNNING: _l("Running"),
    JobStatus.DONE: _l("Done"),
    JobStatus.FAILED: _l("Failed"),
}

#: what each kind of job does, as its page names it
KIND_LABELS = {
    "check": _l("Workbook check"),
    "import": _l("Workbook import"),
    "export": _l("Workbook export"),
    "iati": _l("IATI activity file"),
    "iati_publication": _l("IATI publication"),
    "certificates": _l("Certificates"),
    "participant_list": _l("Participant list"),
    "snapshot": _l("Key-figures snapshot"),
}


def new_job_id() -> str:
    return secrets.token_urlsafe(16)


class Job(db.Model):
    """Work done by the task worker for someone: what it is, how it went, and what came out of it. While it runs,
    its progress lives in the queue's store (portal.jobs.progress), as the job's own transaction may lock the
    database until it ends."""

    __tablename__ = "jobs"
    #: the work a job does is audited (an import's batch entry, an export entry); its bookkeeping is not
    __audited__ = False

    #: random, so that a job's address cannot be guessed
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_job_id)
    #: a key of KIND_LABELS
    kind: Mapped[str] = mapped_column(sa.String(30))
    #: who started it; None from the command line
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[JobStatus] = mapped_column(
        sa.Enum(JobStatus, native_enum=False, length=10), default=JobStatus.QUEUED
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    #: what the job works on, as its task needs it (an upload's token, an event's id, …)
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: a short account of the result (counts, a title)
    summary: Mapped[dict | None] = mapped_column(sa.JSON)
    #: the full report of what went wrong, when it failed
    errors: Mapped[dict | None] = mapped_column(sa.JSON)
    #: the result file's name inside the instance folder's jobs/ folder, while it is kept
    result_file: Mapped[str | None] = mapped_column(sa.String(200))
    #: the name the result file is downloaded under
    download_name: Mapped[str | None] = mapped_column(sa.String(200))
    #: does the result hold personal data (participants' names, e-mails)?
    personal_data: Mapped[bool] = mapped_column(default=False)
    #: the starter's language, in which the job's messages are written
    language: Mapped[str] = mapped_column(sa.String(5), default="en")

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
