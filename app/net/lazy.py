"""httpx, imported when a request is first made rather than when `app.net` is.

An idle window never sends: importing httpx (with the parts of the email, urllib and http.cookiejar modules it
pulls in) cost every window ~5.6 MB of memory before the user had typed a key (issue 11 §7). The modules of
`app.net` use `httpx` as usual; at run time the name is this stand-in, which imports the real module on the
first attribute read (the first client, URL or exception check) and keeps each attribute it hands out, so
later reads cost what a module's would. Type checkers see the real module (TYPE_CHECKING).
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from typing import Any


class LazyModule:
    """Reads attributes of the module `name`, importing it on the first read."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        value = getattr(importlib.import_module(self._name), attr)
        setattr(self, attr, value)  # found in __dict__ from now on: no second __getattr__
        return value

    def __repr__(self) -> str:
        return f"<lazily imported {self._name}>"


httpx = LazyModule("httpx")

# What the first client and the first request import (httpx itself imports httpcore, h11 and anyio's backend
# only then): ~100 ms of imports that would stall the window at the user's first key press.
_NETWORK_STACK = ("httpx", "httpcore", "h11", "anyio._backends._asyncio", "anyio.streams.tls", "certifi")


async def preload_network() -> None:
    """Import the network stack in a worker thread, so the window keeps drawing while it loads (the import
    gives the window's thread the interpreter every few ms; an import on that thread would hold it)."""
    if not all(name in sys.modules for name in _NETWORK_STACK):
        await asyncio.to_thread(_import_all)


def _import_all() -> None:
    for name in _NETWORK_STACK:
        importlib.import_module(name)
