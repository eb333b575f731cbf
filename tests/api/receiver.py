"""A webhook receiver on loopback that verifies every delivery with the standardwebhooks package."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    webhook_id: str
    seq: int
    answered: int


@dataclass
class Receiver:
    """Answers each delivery with `answer(path, body)`'s status, after checking its signature."""

    answer: Callable[[str, dict], int] = lambda path, body: 204
    secrets: dict[str, str] = field(default_factory=dict)  # path -> the subscription's secret
    received: list[Received] = field(default_factory=list)
    forged: list[str] = field(default_factory=list)

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802  # the name http.server calls
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    body = Webhook(receiver.secrets[self.path]).verify(raw, dict(self.headers))
                except (WebhookVerificationError, KeyError) as error:
                    receiver.forged.append(f"{self.path}: {error!r}")
                    self.send_response(401)
                    self.end_headers()
                    return
                status = receiver.answer(self.path, body)
                receiver.received.append(Received(self.headers["webhook-id"], body["seq"], status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def accepted(self) -> list[Received]:
        return [r for r in self.received if 200 <= r.answered < 300]
