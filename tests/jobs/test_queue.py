import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from portal import create_app, queue
from portal.extensions import db

ROOT = Path(__file__).resolve().parent.parent.parent

#: what the test task saw, by the test's key
SEEN = {}
SEEN_CHANGED = threading.Condition()


@queue.task()
def note_what_the_worker_sees(key: str) -> None:
    from flask import current_app

    with SEEN_CHANGED:
        SEEN[key] = (current_app.config["TASK_QUEUE_URL"], db.session.execute(db.select(1)).scalar())
        SEEN_CHANGED.notify_all()


def _storage(**settings):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", **settings}).extensions["huey"].storage


def test_the_queue_is_an_sqlite_file_in_the_instance_folder_by_default(tmp_path):
    production = SimpleNamespace(config={"TASK_QUEUE_URL": None}, testing=False, instance_path=str(tmp_path))
    assert queue.queue_url(production) == f"sqlite:///{tmp_path / 'tasks.db'}"
    under_test = SimpleNamespace(config={}, testing=True, instance_path=str(tmp_path))
    assert queue.queue_url(under_test) == "memory://"


def test_the_queue_is_where_task_queue_url_says(tmp_path):
    assert isinstance(_storage(), MemoryStorage)  # under test, unless a test names one
    sqlite = _storage(TASK_QUEUE_URL=f"sqlite:///{tmp_path / 'queue' / 'tasks.db'}")
    assert isinstance(sqlite, SqliteStorage) and sqlite.filename == str(tmp_path / "queue" / "tasks.db")
    assert not (tmp_path / "queue").exists()  # made when the queue is first used
    assert sqlite.queue_size() == 0
    assert (tmp_path / "queue" / "tasks.db").exists()
    # production: Redis; the client connects when the queue is first used
    redis = _storage(TASK_QUEUE_URL="redis://queue.example.org:6380/2")
    assert isinstance(redis, RedisStorage)
    assert redis.pool.connection_kwargs["host"] == "queue.example.org"
    assert (redis.pool.connection_kwargs["port"], redis.pool.connection_kwargs["db"]) == (6380, 2)
    with pytest.raises(ValueError, match="TASK_QUEUE_URL"):
        _storage(TASK_QUEUE_URL="amqp://broker")


def test_a_task_is_queued_when_the_transaction_commits_and_dropped_when_it_rolls_back(app, make_user):
    huey = app.extensions["huey"]
    queue.enqueue_after_commit(note_what_the_worker_sees.s("rolled back"))
    make_user()
    assert huey.pending_count() == 0
    db.session.rollback()
    db.session.commit()
    assert huey.pending_count() == 0

    queue.enqueue_after_commit(note_what_the_worker_sees.s("committed"))
    make_user()
    assert huey.pending_count() == 0
    db.session.commit()
    assert [task.args for task in huey.pending()] == [("committed",)]


def test_a_task_that_cannot_be_queued_does_not_undo_the_commit(make_app, make_user, caplog):
    app = make_app(TASK_QUEUE_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
    with app.app_context():
        queue.enqueue_after_commit(note_what_the_worker_sees.s("lost"))
        user = make_user(email="kept@example.org")
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(type(user), user.id).email == "kept@example.org"
    assert "could not be queued" in caplog.text


@pytest.fixture
def app_config(mail_config):
    return mail_config


@pytest.mark.commits
def test_a_worker_runs_tasks_inside_the_app_context(app, task_worker):
    queue.enqueue_after_commit(note_what_the_worker_sees.s("context"))
    db.session.commit()
    with SEEN_CHANGED:
        assert SEEN_CHANGED.wait_for(lambda: "context" in SEEN, 30)
    assert SEEN.pop("context") == (app.config["TASK_QUEUE_URL"], 1)


@pytest.mark.commits
def test_flask_jobs_worker_sends_the_queued_mail_to_the_outbox(app, database_url, tmp_path):
    from portal import mail

    mail.send("someone@example.org", "password_reset", "fr", link="https://x", lifetime=timedelta(hours=1))
    db.session.commit()
    outbox = tmp_path / "outbox"
    environment = {
        **os.environ,
        "FLASK_APP": "wsgi",
        "SECRET_KEY": "test secret",
        "DATABASE_URL": database_url,
        "TASK_QUEUE_URL": app.config["TASK_QUEUE_URL"],
        "MAIL_BACKEND": "outbox",
        "PORTAL_MAIL_FILE_PATH": str(outbox),
    }
    with subprocess.Popen(
        [sys.executable, "-m", "flask", "jobs", "worker", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as worker:
        try:
            printed = []
            for line in worker.stdout:
                printed.append(line)
                if line.startswith("-" * 79):
                    break
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=30) == 0
        finally:
            worker.kill()
    printed = "".join(printed)
    # printed on the console, in the recipient's language
    assert "To: someone@example.org" in printed and "Portail des migrations" in printed
    (saved,) = outbox.iterdir()
    assert b"To: someone@example.org" in saved.read_bytes()
