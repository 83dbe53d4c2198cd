"""Background work started by a part of the window (a reply's model list, a profile save, a probe).

qasync, like asyncio, keeps only a weak reference to a task: one nobody holds can be collected mid-flight.
`Tasks` holds each task until it ends, reports a task that failed at once (through the loop's exception
handler: the crash dialog in the app, an ERROR log in tests) instead of whenever it happens to be collected,
and cancels what is still running when its owner closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class Tasks:
    """The background tasks of one owner (a controller, a page, a dialog)."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Start `coro` now, held until it ends."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._ended)
        return task

    @property
    def busy(self) -> bool:
        return any(not t.done() for t in self._tasks)

    async def aclose(self) -> None:
        """Cancel what is still running and wait until it has ended."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _ended(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()  # retrieved here, so asyncio will not report it again when collected
        if exc is not None:
            task.get_loop().call_exception_handler(
                {"message": "background task failed", "exception": exc, "task": task}
            )
