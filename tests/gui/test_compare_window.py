"""Compare mode in the window (issue 16 §2): one message to two gateways at once, in columns.

The real window against two real local servers: the columns fill as each lane streams, a failing lane says
so in its own column while the other finishes, Stop (Esc) hangs up on both, and "Continue with this one"
sends the next turn to the chosen lane with the other reply kept as its sibling version.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.errors import ErrorKind
from app.core.models import MessageStatus, Profile, Role
from app.core.pricing import format_amount
from app.profiles.store import ProfileStore
from app.ui.compare.controller import CompareController
from app.ui.shell.composition import WindowParts
from tests.gui.window_harness import WindowHarness
from tests.support.server import (
    CHAT_PATH,
    TestServer,
    endless_sse_reply,
    json_error_reply,
    models_reply,
    sse_reply,
)

USAGE = {"prompt_tokens": 4, "completion_tokens": 7, "total_tokens": 11}


def _two_gateways(harness: WindowHarness) -> TestServer:
    """Profile "a" on the harness's server (with a price) and "b" on another, each with its own model."""
    other = harness.another_server()
    profiles = ProfileStore(harness.home.profiles_path)
    profiles.load()
    price = (("a-model", "1/2 USD"),)  # per million tokens: a's cost is known, b's is not
    profiles.add(
        Profile(name="a", base_url=harness.server.base_url, model="a-model", auth="none", prices=price)
    )
    profiles.add(Profile(name="b", base_url=other.base_url, model="b-model", auth="none"))
    profiles.save()
    harness.server.set_default(lambda _r: models_reply(["a-model"]), "/v1/models")
    other.set_default(lambda _r: models_reply(["b-model"]), "/v1/models")
    return other


def _compare(parts: WindowParts) -> CompareController:
    assert parts.compare is not None
    return parts.compare


def _chat_requests(server: TestServer) -> list[dict[str, object]]:
    return [r.json() for r in server.requests if r.path == CHAT_PATH]


def _enter_with_the_button(parts: WindowParts) -> CompareController:
    compare = _compare(parts)
    QTest.mouseClick(parts.window.topbar.compare, Qt.MouseButton.LeftButton)
    assert compare.active and parts.window.topbar.compare.isChecked()
    assert compare.view is not None and compare.view.isVisible()
    assert not parts.window.transcript.isVisible()  # the columns stand in the transcript's place
    return compare


def test_two_lanes_stream_into_two_columns_and_save_as_sibling_replies(harness: WindowHarness) -> None:
    other = _two_gateways(harness)
    harness.server.queue(sse_reply(["from ", "A"], usage=USAGE))
    other.queue(sse_reply(["from ", "B"]))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        assert [lane.label for lane in compare.lanes] == ["a", "b"]  # the open profile, then the next
        view = compare.view
        assert view is not None
        assert [c.title.text() for c in view.columns] == ["a", "b"]
        harness.type_and_send(parts, "same question")
        assert compare.busy and parts.window.composer.is_streaming()
        await harness.until(lambda: not compare.busy, "both lanes ended")
        a, b = view.columns
        assert (a.text(), b.text()) == ("from A", "from B")
        # Each column's own figures, in the status line's words: TTFT, rate, tokens where reported.
        assert "first token" in a.metrics.text() and "↑4 ↓7 tokens" in a.metrics.text()
        assert format_amount(Decimal("0.000018"), "USD") in a.metrics.text()  # 4 × 1 + 7 × 2 per 1M
        assert "first token" in b.metrics.text() and "tokens" not in b.metrics.text()
        assert a.continue_button.isVisible() and b.continue_button.isVisible()
        assert not parts.window.composer.is_streaming()
        # The next message waits until a reply is chosen: it would not know which one it follows.
        harness.type_and_send(parts, "and then?")
        assert not compare.busy and parts.window.composer.text() == "and then?"

    harness.run(scenario())
    assert len(_chat_requests(harness.server)) == len(_chat_requests(other)) == 1
    assert _chat_requests(harness.server)[0]["model"] == "a-model"
    assert _chat_requests(other)[0]["model"] == "b-model"
    assert _chat_requests(harness.server)[0]["messages"] == [{"role": "user", "content": "same question"}]
    assert _chat_requests(other)[0]["messages"] == _chat_requests(harness.server)[0]["messages"]
    question, *replies = harness.stored_messages()
    assert question.role == Role.USER and question.content == "same question"
    assert [(r.profile, r.content, r.parent_id) for r in replies] == [
        ("a", "from A", question.id),
        ("b", "from B", question.id),
    ]


def test_the_palette_enters_and_leaves_compare(harness: WindowHarness) -> None:
    _two_gateways(harness)

    async def scenario() -> None:
        parts = harness.open()
        assert parts.commands is not None
        command = next(e for e in parts.commands.entries() if e.text == "Compare side by side (on or off)")
        assert callable(command.payload)
        command.payload()
        assert _compare(parts).active and parts.window.topbar.compare.isChecked()
        command.payload()
        assert not _compare(parts).active and parts.window.transcript.isVisible()
        # Opening another conversation (here from the palette) leaves Compare.
        parts.controller.store.create_conversation("Older chat", profile="a", model="a-model")
        command.payload()
        assert _compare(parts).active
        older = next(e for e in parts.commands.entries() if e.text == "Older chat")
        assert callable(older.payload)
        older.payload()
        assert not _compare(parts).active and parts.window.transcript.isVisible()
        assert parts.window.topbar.pill.isEnabled()  # the chat's pill is back

    harness.run(scenario())


def test_one_lane_failing_shows_its_error_while_the_other_finishes(harness: WindowHarness) -> None:
    other = _two_gateways(harness)
    harness.server.queue(sse_reply(["alpha ", "answers"]))
    other.queue(json_error_reply(503, "上游繁忙 <b>B is down</b>", type_="server_error"))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        harness.type_and_send(parts, "q")
        await harness.until(lambda: not compare.busy, "both lanes ended")
        assert compare.view is not None
        a, b = compare.view.columns
        assert a.text() == "alpha answers" and a.error_head.isHidden()
        assert b.text() == "" and b.error_head.isVisible()
        # The gateway's words as sent, as plain text (the markup is not rendered).
        assert b.error_detail.text() == "上游繁忙 <b>B is down</b>"
        assert b.error_detail.textFormat() == Qt.TextFormat.PlainText
        assert a.continue_button.isVisible() and not b.continue_button.isVisible()

    harness.run(scenario())
    replies = {m.profile: m for m in harness.stored_messages() if m.role == Role.ASSISTANT}
    assert replies["a"].status == MessageStatus.COMPLETE
    assert replies["b"].status == MessageStatus.ERROR and replies["b"].error_kind == ErrorKind.SERVER
    assert len(_chat_requests(other)) == 1  # no failover, no retry: a comparison is about these gateways


def test_escape_stops_both_lanes_closes_both_connections_and_keeps_the_text(harness: WindowHarness) -> None:
    other = _two_gateways(harness)
    harness.server.queue(endless_sse_reply("tick "))
    other.queue(endless_sse_reply("tock "))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        harness.type_and_send(parts, "count")
        assert compare.view is not None
        a, b = compare.view.columns
        await harness.until(
            lambda: a.text().count("tick") >= 3 and b.text().count("tock") >= 3, "both lanes streaming"
        )
        harness.press_escape(parts)
        await harness.until(lambda: not compare.busy, "both lanes stopped")
        await harness.until(lambda: len(harness.server.disconnect_times) == 1, "a's server saw the hang-up")
        await harness.until(lambda: len(other.disconnect_times) == 1, "b's server saw the hang-up")
        assert a.flag.text() == "Stopped" and b.flag.text() == "Stopped"
        assert a.text().startswith("tick tick tick") and b.text().startswith("tock tock tock")
        assert compare.active  # the columns stay, with what arrived

    harness.run(scenario())
    replies = {m.profile: m for m in harness.stored_messages() if m.role == Role.ASSISTANT}
    assert replies["a"].status == replies["b"].status == MessageStatus.CANCELLED
    assert replies["a"].content.startswith("tick tick tick")
    assert replies["b"].content.startswith("tock tock tock")


def test_continue_with_one_lane_sends_the_next_turn_there_and_keeps_the_other_as_a_version(
    harness: WindowHarness,
) -> None:
    other = _two_gateways(harness)
    harness.server.queue(sse_reply(["from A"]))
    other.queue(sse_reply(["from B"]))
    other.queue(sse_reply(["B again"]))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        harness.type_and_send(parts, "first")
        await harness.until(lambda: not compare.busy, "both lanes ended")
        assert compare.view is not None
        QTest.mouseClick(compare.view.columns[1].continue_button, Qt.MouseButton.LeftButton)
        assert not compare.active and not parts.window.topbar.compare.isChecked()
        assert parts.window.transcript.isVisible()
        assert parts.window.topbar.pill_text() == "b · b-model"
        text = harness.transcript_text(parts)
        assert "from B" in text and "from A" not in text
        assert "‹ 2/2 ›" in text  # A's reply is one click away
        harness.type_and_send(parts, "second")
        await harness.until(lambda: "B again" in harness.transcript_text(parts), "the next reply")
        await harness.until(lambda: not parts.controller.busy, "the next reply ended")

    harness.run(scenario())
    assert len(_chat_requests(harness.server)) == 1  # the next turn did not go to lane a
    assert _chat_requests(other)[-1]["messages"] == [
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": "from B"},
        {"role": "user", "content": "second"},
    ]
    branch = harness.shown_branch()
    assert [(m.role, m.content) for m in branch] == [
        (Role.USER, "first"),
        (Role.ASSISTANT, "from B"),
        (Role.USER, "second"),
        (Role.ASSISTANT, "B again"),
    ]
    question = branch[0]
    siblings = [m for m in harness.stored_messages() if m.parent_id == question.id]
    assert sorted(m.content for m in siblings) == ["from A", "from B"]


def test_a_lane_added_in_the_picker_can_be_another_model_of_the_same_profile(harness: WindowHarness) -> None:
    harness.add_profile("solo", model="small")
    harness.server.set_default(lambda _r: models_reply(["small", "large"]), "/v1/models")
    harness.server.set_default(
        lambda request: sse_reply([f"I am {request.json()['model']}"])  # each lane says who answered
    )

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        assert [lane.label for lane in compare.lanes] == ["solo"]  # one profile: one lane to start with
        harness.type_and_send(parts, "who are you?")
        assert not compare.busy and parts.window.composer.text() == "who are you?"  # 2 lanes needed
        parts.window.composer.set_text("")
        assert compare.view is not None
        QTest.mouseClick(compare.view.add_button, Qt.MouseButton.LeftButton)
        picker = compare.open_lane_picker()
        assert picker.isVisible()
        QTest.keyClicks(picker.search, "solo:large")
        QTest.keyClick(picker.search, Qt.Key.Key_Return)
        assert [lane.label for lane in compare.lanes] == ["solo", "solo:large"]
        assert [c.model.text() for c in compare.view.columns] == ["small", "large"]
        harness.type_and_send(parts, "who are you?")
        await harness.until(lambda: not compare.busy, "both lanes ended")
        assert [c.text() for c in compare.view.columns] == ["I am small", "I am large"]

    harness.run(scenario())
    assert sorted(str(r["model"]) for r in _chat_requests(harness.server)) == ["large", "small"]


def test_closing_the_window_mid_comparison_saves_every_lane_as_stopped(harness: WindowHarness) -> None:
    other = _two_gateways(harness)
    harness.server.queue(endless_sse_reply("tick "))
    other.queue(endless_sse_reply("tock "))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        harness.type_and_send(parts, "count")
        assert compare.view is not None
        a, b = compare.view.columns
        await harness.until(lambda: "tick" in a.text() and "tock" in b.text(), "both lanes streaming")
        await harness.close(parts)  # what closing the window does: stop, save, close the connections
        assert len(harness.server.disconnect_times) == len(other.disconnect_times) == 1

    harness.run(scenario())
    replies = {m.profile: m for m in harness.stored_messages() if m.role == Role.ASSISTANT}
    assert replies["a"].status == replies["b"].status == MessageStatus.CANCELLED
    assert "tick" in replies["a"].content and "tock" in replies["b"].content


def test_an_ended_lane_reads_as_markdown_without_html_under_the_question(harness: WindowHarness) -> None:
    other = _two_gateways(harness)
    harness.server.queue(sse_reply(["Use **SSE**", " <b>now</b>\n\n", "| x | y |\n|---|---|\n| 1 | 2 |\n"]))
    other.queue(endless_sse_reply("tock "))

    async def scenario() -> None:
        parts = harness.open()
        compare = _enter_with_the_button(parts)
        view = compare.view
        assert view is not None
        harness.type_and_send(parts, "SSE   or  WebSockets?")
        assert view.question.isVisible() and view.question.text().endswith("SSE or WebSockets?")
        a, b = view.columns
        await harness.until(lambda: compare.results.get(0) is not None, "lane a ended")
        await harness.until(lambda: "tock tock" in b.text_view.toPlainText(), "lane b streams")
        shown = a.text_view.toPlainText()
        assert "Use SSE <b>now</b>" in shown  # Markdown drawn; the HTML is text, not markup
        assert "**" not in shown and "|---|" not in shown
        assert a.text_view.document().toHtml().count("<td") == 4  # the table is a table
        assert a.text().startswith("Use **SSE**")  # the source is kept as it arrived
        assert "tock" in b.text_view.toPlainText()  # a lane still streaming stays plain text
        compare.stop()
        await harness.until(lambda: not compare.busy, "stopped")

    harness.run(scenario())
