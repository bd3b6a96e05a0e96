"""E-mail. A mail is rendered in its recipient's language when it is asked for, and handed to the mail server by a
background task once the transaction that asked for it commits; when the server fails, the task tries again
(MAIL_RETRIES, MAIL_RETRY_DELAY), so a mail never breaks the request that caused it.

templates/mail/<name>.txt is a mail: its {% block subject %} is the subject, the rest of it the plain-text body."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage
from flask_mailman.backends.file import EmailBackend as FileEmailBackend

from portal import queue
from portal.extensions import mail

#: MAIL_BACKEND of `make run`: mails are printed by the worker and kept in the outbox folder
OUTBOX = "outbox"


class OutboxEmailBackend(FileEmailBackend):
    """Each message written to a file in MAIL_FILE_PATH (instance/outbox) and printed on the console."""

    def write_message(self, message):
        super().write_message(message)
        sys.stdout.write(message.message().as_bytes().decode("utf-8", "replace") + "\n" + "-" * 79 + "\n")
        sys.stdout.flush()


def init_app(app) -> None:
    if app.config["MAIL_BACKEND"] == OUTBOX:
        app.config["MAIL_BACKEND"] = f"{__name__}.{OutboxEmailBackend.__name__}"
        app.config.setdefault("MAIL_FILE_PATH", str(Path(app.instance_path) / OUTBOX))
    mail.init_app(app)


def external_url(endpoint: str, **values) -> str:
    """An absolute link to a page at EXTERNAL_URL: never built from a request's Host header, which a client sets."""
    base = urlsplit(current_app.config["EXTERNAL_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def render(template: str, language: str | None, **context) -> dict:
    """The mail templates/mail/<template>.txt in `language` (the default language when None), as
    {"subject": …, "body": …}."""
    with force_locale(language or current_app.config["BABEL_DEFAULT_LOCALE"]):
        jinja_template = current_app.jinja_env.get_template(f"mail/{template}.txt")
        context = {"external_url": external_url, **context}
        subject = "".join(jinja_template.blocks["subject"](jinja_template.new_context(context)))
        body = jinja_template.render(context)
    return {"subject": " ".join(subject.split()), "body": body.strip() + "\n"}


def retrying(task, *args):
    """A call of `task`, a task that sends mail, to be queued: tried again MAIL_RETRIES times when it fails, first
    after MAIL_RETRY_DELAY seconds, then after twice as long each time."""
    config = current_app.config
    return task.s(*args, retries=config["MAIL_RETRIES"], retry_delay=config["MAIL_RETRY_DELAY"], retry_backoff=2)


def send(to: str, template: str, language: str | None, **context) -> None:
    """Render a mail now, in `language`, and send it to `to` once the current transaction commits."""
    queue.enqueue_after_commit(retrying(deliver, {"to": to, **render(template, language, **context)}))


def notify(user, template: str, **context) -> None:
    """Tell `user` by e-mail, in their language, unless they turned notifications off or their account is disabled;
    the template gets `recipient` (the user) and `context`."""
    if user.is_notified and user.is_enabled:
        send(user.email, template, user.language, recipient=user, **context)


@queue.task()
def deliver(message: dict) -> None:
    """Hand one rendered mail to the mail server; raising makes the queue try again."""
    # the connection is closed even when the server refuses the mail (Flask-Mailman's send() leaves it open then)
    with mail.get_connection() as connection:
        EmailMessage(message["subject"], message["body"], to=[message["to"]], connection=connection).send()
