"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), keeping what arrives."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class SmtpServer:
    """Receives mail on a free port of 127.0.0.1. `messages` are the mails that arrived (email.message.EmailMessage);
    set `refuse` to answer the next that many mails with a temporary failure (451), as a busy server does."""

    def __init__(self):
        self.messages = []
        self.refused = 0
        self.refuse = 0
        self._changed = threading.Condition()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    @property
    def settings(self) -> dict:
        """The app's settings to send here."""
        return {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_TIMEOUT": 10}

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler hook
        with self._changed:
            if self.refuse:
                self.refuse -= 1
                self.refused += 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(message)
            self._changed.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30):
        """The mails, once `count` have arrived; fails when they have not within `timeout` seconds."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} of {count} mails arrived")
            return list(self.messages)
