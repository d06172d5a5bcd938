"""Suite-wide fixtures: no test may reach the network."""

from __future__ import annotations

import socket

import pytest


class _NoNetwork(socket.socket):
    def connect(self, address):  # noqa: D401 - refuse every outward connection
        if self.family == socket.AF_UNIX:
            return super().connect(address)
        raise OSError("tests may not use the network")

    def connect_ex(self, address):
        if self.family == socket.AF_UNIX:
            return super().connect_ex(address)
        raise OSError("tests may not use the network")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(OSError("tests may not use the network")))
