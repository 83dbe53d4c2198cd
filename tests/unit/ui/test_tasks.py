"""app.ui.tasks.Tasks: held until done, failures reported at once, cancelled on close."""

from __future__ import annotations

import asyncio
from typing import Any

from app.ui.tasks import Tasks


def test_a_failed_task_is_reported_when_it_ends_and_close_cancels_the_rest() -> None:
    reported: list[dict[str, Any]] = []

    async def fail() -> None:
        raise ValueError("boom")

    async def forever() -> None:
        await asyncio.Event().wait()

    async def scenario() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, context: reported.append(context))
        tasks = Tasks()
        failing = tasks.run(fail())
        waiting = tasks.run(forever())
        await asyncio.sleep(0.01)
        assert failing.done() and tasks.busy  # the failed one is gone, the other still held
        assert [type(c["exception"]) for c in reported] == [ValueError]
        await tasks.aclose()
        assert waiting.cancelled() and not tasks.busy
        assert len(reported) == 1  # a cancelled task is not a failure

    asyncio.run(scenario())
