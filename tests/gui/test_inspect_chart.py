"""The Inspect panel's chart (issue 16): bytes and pieces of text over time, from a recorded exchange whose
chunks are known. Pieces are the content and reasoning deltas each chunk completed, read with the client's
own SSE decoder; the gateway's token count, when its usage came, is named beside them, never mixed in.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.core.exchange import ExchangeRecord
from app.ui.inspect.chart import PIECES_COLOUR, _steps
from app.ui.inspect.panel import InspectPanel
from app.ui.inspect.series import stream_series


def data(obj: object) -> bytes:
    return b"data: " + json.dumps(obj).encode() + b"\n\n"


def delta(**fields: str) -> dict[str, object]:
    return {"choices": [{"index": 0, "delta": fields}]}


def record(chunks: list[bytes], times: list[float]) -> ExchangeRecord:
    return ExchangeRecord(
        method="POST",
        url="http://127.0.0.1:9/v1/chat/completions",
        status=200,
        response_headers=[("content-type", "text/event-stream")],
        times_ms=times,
        chunks=chunks,
    )


def panel_for(qtbot: QtBot, exchange: ExchangeRecord) -> InspectPanel:
    panel = InspectPanel(exchange, 7)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_chart_has_a_point_per_chunk_for_bytes_and_for_pieces(qtbot: QtBot) -> None:
    cut = data(delta(content=" world"))
    chunks = [
        b": keep-alive\n\n",  # a comment: bytes, no piece
        data(delta(reasoning_content="think")),
        data(delta(content="Hel")) + data(delta(content="lo")),
        cut[:20],  # half an event: its piece comes with the rest
        cut[20:]
        + data({"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 4}})
        + b"data: [DONE]\n\n",
    ]
    times = [5.0, 12.5, 20.0, 31.0, 250.0]
    panel = panel_for(qtbot, record(chunks, times))
    sizes = [len(c) for c in chunks]
    assert panel.chart.points() == [(t, sum(sizes[: i + 1])) for i, t in enumerate(times)]
    assert panel.chart.piece_points() == [(5.0, 0), (12.5, 1), (20.0, 3), (31.0, 3), (250.0, 4)]
    assert panel.chart.legend() == [
        "Bytes received",
        "Text pieces (content and reasoning deltas); the gateway counted 4 completion tokens",
    ]
    image = panel.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert QColor(PIECES_COLOUR).name() in colours  # the second series is drawn, not only listed


def test_without_usage_the_pieces_are_not_called_tokens(qtbot: QtBot) -> None:
    chunks = [data(delta(content="<think>a")), data(delta(content="b</think>answer")), b"data: [DONE]\n\n"]
    panel = panel_for(qtbot, record(chunks, [1.0, 2.0, 3.0]))
    # "<think>a" is reasoning; "b</think>answer" splits into reasoning "b" and content "answer".
    assert [p for _, p in panel.chart.piece_points()] == [1, 3, 3]
    assert panel.chart.legend()[1] == "Text pieces (content and reasoning deltas; not tokens)"


def test_an_error_in_the_stream_stops_the_count_and_the_bytes_go_on(qtbot: QtBot) -> None:
    chunks = [
        data(delta(content="partial")),
        data({"error": {"message": "upstream died"}}),
        data(delta(content="after the error")),
    ]
    panel = panel_for(qtbot, record(chunks, [1.0, 2.0, 3.0]))
    assert [p for _, p in panel.chart.piece_points()] == [1, 1, 1]
    assert [b for _, b in panel.chart.points()][-1] == sum(len(c) for c in chunks)


def test_a_whole_completion_counts_its_pieces_at_the_last_byte(qtbot: QtBot) -> None:
    body = json.dumps(
        {
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "all at once"}}],
            "usage": {"prompt_tokens": 2, "completion_tokens": 3},
        }
    ).encode()
    panel = panel_for(qtbot, record([body[:30], body[30:]], [100.0, 101.0]))
    assert panel.chart.piece_points() == [(100.0, 0), (101.0, 1)]
    assert "counted 3 completion tokens" in panel.chart.legend()[1]


def test_a_long_record_is_drawn_with_at_most_two_points_per_pixel_column(qtbot: QtBot) -> None:
    chunks = [data(delta(content="w")) for _ in range(20_000)]
    exchange = record(chunks, [float(i) / 10 for i in range(len(chunks))])
    series = stream_series(exchange)
    assert series.pieces[-1] == (1999.9, 20_000)
    area = QRectF(40, 40, 300, 100)
    path = _steps(series.pieces, area, 1999.9, 20_000)
    assert path.elementCount() <= 2 * 301 + 2
    assert path.currentPosition() == QPointF(340, 40)  # it still ends at the last total, at the right edge
