"""Issue 16 in the window: the Inspect panel, and the status line of a reply that came via a fallback."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from app.core.models import Profile
from app.profiles.store import ProfileStore
from app.settings import Settings, load_settings, save_settings
from app.ui.inspect.panel import InspectPanel
from app.ui.settings.page import SettingsPage
from tests.gui.window_harness import WindowHarness
from tests.support.server import TestServer, json_error_reply, sse_reply


def test_inspect_opens_a_panel_with_the_chunks_the_request_and_a_curl_command(
    harness: WindowHarness,
) -> None:
    harness.add_profile("local")
    reply = sse_reply(["<b>bold?</b> ", "plain"])
    sent = b"".join(reply.chunks)
    harness.server.queue(reply)

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        harness.click_link(parts, "Inspect")
        panel = parts.controller.inspect_panel
        assert isinstance(panel, InspectPanel) and panel.isVisible()  # opened without a nested loop
        events = panel.events
        assert events.rowCount() == len(panel.record.chunks) >= 1
        assert b"".join(panel.record.chunks) == sent
        shown = [events.item(row, 2).text() for row in range(events.rowCount())]
        assert any('content "<b>bold?</b> "' in text for text in shown)
        assert any("[DONE]" in text for text in shown)
        assert panel.chart.points()[-1][1] == len(sent)  # the chart ends at every byte received
        assert panel.request_text.toPlainText().startswith(f"POST {harness.server.base_url}/chat/completions")
        assert '"content": "Hi"' in panel.request_text.toPlainText()
        for label in panel.findChildren(QLabel):
            assert label.textFormat().name == "PlainText"
        panel.copy_curl.click()
        command = QGuiApplication.clipboard().text()
        assert command.startswith("curl ") and "--data-binary" in command
        panel.close()

    harness.run(scenario())


def test_inspect_is_not_offered_when_recording_is_off(harness: WindowHarness) -> None:
    harness.add_profile("local")
    save_settings(harness.home.settings_path, Settings(record_exchanges=False))
    harness.server.queue(sse_reply(["ok"]))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert harness.links(parts, "Inspect") == []
        assert harness.links(parts, "Copy")

    harness.run(scenario())


def test_status_line_says_the_reply_came_via_the_fallback(harness: WindowHarness) -> None:
    with TestServer() as other:
        profiles = ProfileStore(harness.home.profiles_path)
        profiles.load()
        profiles.add(Profile(name="b", base_url=other.base_url, model="b-model", auth="none"))
        profiles.add(
            Profile(
                name="a", base_url=harness.server.base_url, model="a-model", auth="none", fallbacks=("b",)
            )
        )
        profiles.set_default("a")
        profiles.save()
        harness.server.queue(json_error_reply(503, "HTTP 503 upstream overloaded", type_="server_error"))
        other.queue(sse_reply(["from b"]))

        async def scenario() -> None:
            parts = harness.open()
            harness.type_and_send(parts, "Hi")
            await harness.until(lambda: not parts.controller.busy, "the reply ended")
            text = harness.transcript_text(parts)
            assert "from b" in text
            assert "via b (a: HTTP 503 upstream overloaded)" in text
            assert "b-model" in text  # the status line names what answered

        harness.run(scenario())
    reply = harness.last_reply()
    assert (reply.profile, reply.model, reply.content) == ("b", "b-model", "from b")


def test_settings_switch_recording_and_keep_the_other_settings(harness: WindowHarness) -> None:
    harness.add_profile("local")
    save_settings(harness.home.settings_path, Settings(keep_image_metadata=True))
    harness.server.queue(sse_reply(["one"]))
    harness.server.queue(sse_reply(["two"]))

    async def scenario() -> None:
        parts = harness.open()
        parts.window.topbar.settings_requested.emit()  # the ⋯ menu's "Settings…"
        page = parts.window.findChild(SettingsPage, "settingsPage")
        assert page is not None
        assert page.record_exchanges.isChecked()
        page.record_exchanges.setChecked(False)  # the page applies a change as it is made
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert harness.links(parts, "Inspect") == []
        assert parts.controller.store.last_exchange_message() is None  # nothing was recorded

    harness.run(scenario())
    saved, problem = load_settings(harness.home.settings_path)
    assert problem is None
    assert saved.record_exchanges is False and saved.keep_image_metadata is True


def test_a_reply_cut_after_text_offers_retry_on_the_fallback(harness: WindowHarness) -> None:
    with TestServer() as other:
        profiles = ProfileStore(harness.home.profiles_path)
        profiles.load()
        profiles.add(Profile(name="b", base_url=other.base_url, model="b-model", auth="none"))
        profiles.add(
            Profile(
                name="a", base_url=harness.server.base_url, model="a-model", auth="none", fallbacks=("b",)
            )
        )
        profiles.set_default("a")
        profiles.save()
        cut = sse_reply(["half ", "a reply"], finish=None)
        cut.chunks = [c for c in cut.chunks if b"[DONE]" not in c]
        cut.end = "drop"
        harness.server.queue(cut)
        other.queue(sse_reply(["whole from b"]))

        async def scenario() -> None:
            parts = harness.open()
            harness.type_and_send(parts, "Hi")
            await harness.until(lambda: not parts.controller.busy, "the reply broke")
            assert other.requests == []  # text had arrived: no failover
            harness.click_link(parts, "Retry on b")
            await harness.until(lambda: "whole from b" in harness.transcript_text(parts), "b answered")
            await harness.until(lambda: not parts.controller.busy, "the retry ended")
            assert harness.links(parts, "Retry on") == []

        harness.run(scenario())
    reply = harness.last_reply()
    assert (reply.profile, reply.model, reply.content) == ("b", "b-model", "whole from b")


def test_retry_after_wait_counts_down_and_stop_cancels_it(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(json_error_reply(429, "slow down", headers={"retry-after": "3"}))
    harness.server.queue(sse_reply(["must not be asked for"]))
    notices: list[str] = []

    async def scenario() -> None:
        parts = harness.open()
        parts.controller.notice.connect(notices.append)
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: any("trying again in 3 s" in n for n in notices), "the countdown")
        await harness.until(lambda: any("trying again in 2 s" in n for n in notices), "it counts down")
        harness.press_escape(parts)
        await harness.until(lambda: not parts.controller.busy, "stopped")

    harness.run(scenario())
    chats = [r for r in harness.server.requests if r.path.endswith("/chat/completions")]
    assert len(chats) == 1  # the retry never went out
    assert harness.last_reply().status.value == "cancelled"
