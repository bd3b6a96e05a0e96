"""A running job's progress, kept in the queue's store (the tasks.db file or Redis) rather than in the database: on
SQLite the job's own transaction holds the database's write lock until it ends, all or nothing. A thread refreshes
the job's heartbeat while it runs, so that a job whose worker died is seen to have stopped."""

import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from portal.queue import huey

#: seconds between two heartbeats of a running job
HEARTBEAT = 10
#: a running job whose heartbeat is older than this has lost its worker
STALE_AFTER = 60


@dataclass
class Progress:
    #: a key of portal.jobs.views.STAGE_LABELS: reading, writing, rendering…
    stage: str = "starting"
    sheet: str | None = None
    rows_read: int = 0
    rows_written: int = 0
    #: rows (or pages) in all, when known
    total: int | None = None
    #: time.time() of the last heartbeat
    beat: float = 0.0

    @property
    def is_stale(self) -> bool:
        return time.time() - self.beat > STALE_AFTER


def _key(job_id: str) -> str:
    return f"portal.jobs.progress.{job_id}"


def read_progress(job_id: str) -> Progress | None:
    """The last progress a job reported, or None if it has reported none (or it was cleared)."""
    values = huey.get(_key(job_id), peek=True)
    return Progress(**values) if values else None


def save_progress(job_id: str, progress: Progress) -> None:
    """Store a job's progress as it stands (tests set it directly)."""
    huey.put(_key(job_id), asdict(progress))


def clear_progress(job_id: str) -> None:
    """Forget a finished job's progress: its record holds the outcome."""
    huey.delete(_key(job_id))


class Reporter:
    """What a job's work calls as it goes: reporter.stage("reading", total=…), and reporter(sheet, rows_read,
    rows_written), the callback of read_workbook, with a sheet's counts so far; the progress adds up the sheets."""

    def __init__(self, job_id: str | None):
        self.job_id = job_id
        self.progress = Progress()
        self._lock = threading.RLock()
        self._sheets: dict[str | None, tuple[int, int]] = {}

    def stage(self, stage: str, total: int | None = None) -> None:
        with self._lock:
            self.progress = Progress(stage=stage, total=total)
            self._sheets = {}
        self._save()

    def __call__(self, sheet: str | None, rows_read: int, rows_written: int) -> None:
        with self._lock:
            self._sheets[sheet] = (rows_read, rows_written)
            self.progress.sheet = sheet
            self.progress.rows_read = sum(read for read, _ in self._sheets.values())
            self.progress.rows_written = sum(written for _, written in self._sheets.values())
            if self.progress.rows_written and self.progress.stage == "reading":
                self.progress.stage = "writing"
        self._save()

    def _save(self) -> None:
        if self.job_id is None:
            return
        with self._lock:
            self.progress.beat = time.time()
            save_progress(self.job_id, self.progress)

    @contextmanager
    def beating(self):
        """Refresh the heartbeat every HEARTBEAT seconds while the block runs."""
        stop = threading.Event()

        def beat():
            while not stop.wait(HEARTBEAT):
                self._save()

        self._save()
        thread = threading.Thread(target=beat, name=f"heartbeat-{self.job_id}", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            thread.join()
