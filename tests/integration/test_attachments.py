"""Attachments through the real `sluice ask -a` and a real local gateway: the request body it receives."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from tests.integration.conftest import Sluice
from tests.support import files
from tests.support.server import TestServer, json_error_reply, json_reply, sse_reply


def add_profile(sluice: Sluice, server: TestServer, *extra: str) -> None:
    done = sluice.run(
        "profile", "add", "gw", "--base-url", server.base_url, "--model", "m1", "--auth", "none", *extra
    )
    assert done.returncode == 0, done.stderr


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def sent_content(server: TestServer) -> object:
    return server.requests[-1].json()["messages"][-1]["content"]


def image_bytes(part: dict[str, object]) -> tuple[str, bytes]:
    url = part["image_url"]["url"]  # type: ignore[index]
    head, _, payload = str(url).partition(",")
    return head, base64.b64decode(payload)


def test_a_message_without_attachments_is_sent_exactly_as_before(sluice: Sluice, server: TestServer) -> None:
    add_profile(sluice, server)
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "hi").returncode == 0
    assert sent_content(server) == "hi"


def test_a_small_png_goes_byte_for_byte_after_the_text(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    add_profile(sluice, server)
    png = files.png(64, 48)
    server.queue(sse_reply(["a red box"]))
    done = sluice.run(
        "ask", "-a", write(tmp_path, "shot.PDF", png), "what is this?"
    )  # name says PDF: content wins
    assert done.returncode == 0, done.stderr
    text, image = sent_content(server)  # type: ignore[misc]
    assert text == {"type": "text", "text": "what is this?"}
    assert image["type"] == "image_url"
    assert image_bytes(image) == ("data:image/png;base64", png)


def test_a_large_png_is_scaled_to_2048_on_its_long_side(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    from PIL import Image

    add_profile(sluice, server)
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "-a", write(tmp_path, "wide.png", files.png(4100, 1025)), "q").returncode == 0
    head, data = image_bytes(sent_content(server)[1])  # type: ignore[index]
    assert head == "data:image/png;base64"
    assert Image.open(io.BytesIO(data)).size == (2048, 512)


def test_a_jpeg_with_a_location_is_sent_without_its_metadata_and_the_user_is_told(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    from PIL import Image

    add_profile(sluice, server)
    server.queue(sse_reply(["ok"]))
    original = files.jpeg(320, 240, gps=True)
    done = sluice.run("ask", "-a", write(tmp_path, "holiday.jpg", original), "where?")
    assert done.returncode == 0 and "location data removed from holiday.jpg" in done.stderr
    head, data = image_bytes(sent_content(server)[1])  # type: ignore[index]
    assert head == "data:image/jpeg;base64" and data != original
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}
    # A JPEG without a location goes as it is, its camera make included.
    server.queue(sse_reply(["ok"]))
    plain = files.jpeg(320, 240)
    assert sluice.run("ask", "-a", write(tmp_path, "plain.jpg", plain), "q").returncode == 0
    assert image_bytes(sent_content(server)[1])[1] == plain  # type: ignore[index]


def test_webp_text_and_pdf_in_one_message(sluice: Sluice, server: TestServer, tmp_path: Path) -> None:
    add_profile(sluice, server)
    server.queue(sse_reply(["ok"]))
    notes = "第一行\n```python\nprint(1)\n```\n".encode("utf-16")
    done = sluice.run(
        "ask",
        "-a", write(tmp_path, "pic.webp", files.webp(40, 30)),
        "-a", write(tmp_path, "notes.md", notes),
        "-a", write(tmp_path, "paper.pdf", files.pdf_with_text(["Alpha beta", "Gamma"])),
        "summarise",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text, webp, note, pdf = sent_content(server)  # type: ignore[misc]
    assert text == {"type": "text", "text": "summarise"}
    assert image_bytes(webp)[0] == "data:image/webp;base64"
    # The fence is longer than the backticks inside the file.
    assert note == {"type": "text", "text": "notes.md:\n````\n第一行\n```python\nprint(1)\n```\n\n````"}
    assert pdf["text"].startswith("paper.pdf:\n```\n--- page 1 ---\nAlpha beta")
    assert "--- page 2 ---\nGamma" in pdf["text"]


def test_a_pdf_without_text_goes_as_page_images_only_to_a_model_that_takes_images(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    add_profile(sluice, server)
    scan = write(tmp_path, "scan.pdf", files.pdf_scan(2))
    done = sluice.run("ask", "-a", scan, "read it")
    assert done.returncode == 1 and "no text layer" in done.stderr and server.requests == []
    assert sluice.run("profile", "add", "v", "--base-url", server.base_url, "--model", "m1", "--auth", "none",
                      "--vision", "m1=on").returncode == 0  # fmt: skip
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "-p", "v", "-a", scan, "read it").returncode == 0
    parts = sent_content(server)
    assert [p["type"] for p in parts] == ["text", "image_url", "image_url"]  # type: ignore[index,union-attr]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("tool.bin", b"\x7fELF\x02\x01\x01" + bytes(200), "not an image"),
        ("huge.txt", b"x" * (2 * 1024 * 1024 + 1), "the limit is 2 MB"),
    ],
)
def test_a_file_that_cannot_be_sent_is_refused_before_anything_reaches_the_gateway(
    sluice: Sluice, server: TestServer, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    add_profile(sluice, server)
    done = sluice.run("ask", "--json", "-a", write(tmp_path, name, data), "q")
    assert done.returncode == 1
    error = json.loads(done.stdout.splitlines()[-1])
    assert error["type"] == "error" and error["kind"] == "attachment" and words in error["message"]
    assert server.requests == []


def test_images_for_a_model_known_to_take_none_are_refused_and_earlier_ones_become_notes(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    add_profile(sluice, server)
    text_only = {"data": [{"id": "m1", "architecture": {"input_modalities": ["text"]}}]}
    server.queue(json_reply(text_only), path="/v1/models")
    assert sluice.run("models").returncode == 0
    done = sluice.run("ask", "-a", write(tmp_path, "a.png", files.png(8, 8)), "q")
    assert done.returncode == 1 and server.requests[-1].path.endswith("/models")
    assert "m1 on profile gw takes no images" in done.stderr and "--vision m1=on" in done.stderr
    # The user's word wins over /models.
    assert sluice.run("profile", "add", "v", "--base-url", server.base_url, "--model", "m1", "--auth", "none",
                      "--vision", "m1=off").returncode == 0  # fmt: skip
    assert sluice.run("ask", "-p", "v", "-a", write(tmp_path, "b.png", files.png(8, 8)), "q").returncode == 1


def test_an_unknown_model_that_rejects_the_image_keeps_the_gateways_words_as_kind_attachment(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    add_profile(sluice, server)
    server.queue(json_error_reply(400, "This model does not support image input."))
    done = sluice.run("ask", "--json", "-a", write(tmp_path, "a.png", files.png(8, 8)), "q")
    assert done.returncode == 1
    error = json.loads(done.stdout.splitlines()[-1])
    assert error["kind"] == "attachment" and error["message"] == "This model does not support image input."
    # A 400 about something else stays bad_request.
    server.queue(json_error_reply(400, "max_tokens is too large"))
    done = sluice.run("ask", "--json", "-a", write(tmp_path, "a.png", files.png(8, 8)), "q")
    assert json.loads(done.stdout.splitlines()[-1])["kind"] == "bad_request"


def test_export_writes_images_beside_the_markdown_and_as_data_urls_in_json(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    add_profile(sluice, server)
    png = files.png(16, 16)
    server.queue(sse_reply(["seen"]))
    assert sluice.run("ask", "-a", write(tmp_path, "a b.png", png), "look").returncode == 0
    out = tmp_path / "chat.md"
    assert sluice.run("export", "--last", "-o", str(out)).returncode == 0
    markdown = out.read_text(encoding="utf-8")
    assert "![a b.png](chat_files/01-a_b.png)" in markdown
    assert (tmp_path / "chat_files" / "01-a_b.png").read_bytes() == png
    exported = json.loads(sluice.run("export", "--last", "--format", "json").stdout)
    attachment = exported["messages"][0]["attachments"][0]
    assert attachment["name"] == "a b.png"
    assert attachment["data_url"] == "data:image/png;base64," + base64.b64encode(png).decode()
