"""A minimal Language Server Protocol client over stdio, to drive yaml-language-server as an editor does."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

SERVER = Path(__file__).parent / "browser" / "node_modules" / ".bin" / "yaml-language-server"


class LanguageServer:
    """yaml-language-server started with --stdio; answers its requests the way VS Code's YAML extension does."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "textDocument": {"completion": {"completionItem": {"snippetSupport": False, "documentationFormat": ["markdown"]}},
                             "hover": {"contentFormat": ["markdown", "plaintext"]}}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings()}})

    @staticmethod
    def settings() -> dict[str, Any]:
        return {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.receive()
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
        raise AssertionError(f"no answer to {method} in {timeout} s")

    def receive(self) -> dict[str, Any]:
        """The next message; the server's own requests and notifications are handled on the way."""
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            assert line, "the language server stopped"
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message = json.loads(self.process.stdout.read(length))
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration" and "id" in message:
            self.send({"id": message["id"], "result": [self.settings() for _ in message["params"]["items"]]})
        elif method and "id" in message:  # client/registerCapability and the like
            self.send({"id": message["id"], "result": None})
        return message

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": path.read_text(encoding="utf-8")}})
        return uri

    def wait_for_diagnostics(self, uri: str, timeout: float = 60) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        self.diagnostics.pop(uri, None)
        while time.monotonic() < deadline:
            if uri in self.diagnostics:
                return self.diagnostics[uri]
            self.receive()
        raise AssertionError(f"no diagnostics for {uri} in {timeout} s")

    def complete(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else (result or [])

    def hover(self, uri: str, line: int, character: int) -> Any:
        return self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
