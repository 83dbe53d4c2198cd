"""`sluice export`: a saved conversation as Markdown or JSON, partial replies included.

A conversation is a tree (Edit and Regenerate add versions): the export is the branch shown in the window,
the one a next message would be sent with. `--format json --all` gives every message instead, each with its
`id` and `parent_id`, so the tree can be rebuilt.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import datetime
from pathlib import Path

from app.cli_output import json_line, shown
from app.core.errors import SluiceError, StoreError
from app.core.models import Attachment, Conversation, Message, MessageStatus
from app.home import Home
from app.store.conversations import ConversationStore

_STATUS_NOTE = {
    MessageStatus.CANCELLED: "stopped",
    MessageStatus.INTERRUPTED: "interrupted",
    MessageStatus.ERROR: "error",
    MessageStatus.STREAMING: "streaming",
}


def message_json(m: Message) -> dict[str, object]:
    usage = None
    if m.usage is not None:
        usage = {
            "prompt_tokens": m.usage.prompt_tokens,
            "completion_tokens": m.usage.completion_tokens,
            "total_tokens": m.usage.total_tokens,
            "reasoning_tokens": m.usage.reasoning_tokens,
            "cached_tokens": m.usage.cached_tokens,
        }
    error = None if m.error_kind is None else {"kind": str(m.error_kind), "message": m.error_message}
    return {
        "id": m.id,
        "parent_id": m.parent_id,
        "role": str(m.role),
        "content": m.content,
        "status": str(m.status),
        "profile": m.profile,
        "model": m.model,
        "finish_reason": m.finish_reason,
        "usage": usage,
        "cost": m.cost.as_json() if m.cost is not None else None,
        "attachments": [attachment_json(a) for a in m.attachments],
        "error": error,
    }


def attachment_json(a: Attachment) -> dict[str, object]:
    """An image as a data URL; a text file or a PDF as the text that was sent."""
    from app.wire.content import data_url

    out: dict[str, object] = {"name": a.name, "kind": a.kind, "mime": a.mime, "size": a.size, "note": a.note}
    if a.is_image:
        out["data_url"] = data_url(a) if a.data else None
    else:
        out["text"] = a.text
    return out


def conversation_json(c: Conversation, messages: list[Message]) -> dict[str, object]:
    return {
        "id": c.id,
        "title": c.title,
        "created": datetime.fromtimestamp(c.created).astimezone().isoformat(timespec="seconds"),
        "messages": [message_json(m) for m in messages],
    }


def conversation_markdown(
    c: Conversation, messages: list[Message], image_paths: dict[str, str] | None = None
) -> str:
    """Markdown; `image_paths` maps an image's sha256 to the relative path it was written to (else it is
    named in brackets, as the model saw it when it took no images)."""
    from app.wire.content import fenced

    lines = [f"# {c.title}", ""]
    if c.system_prompt:
        lines += ["**System:**", "", c.system_prompt, ""]
    for m in messages:
        who = "You" if m.role == "user" else "Assistant"
        meta = " · ".join(x for x in (m.model, _STATUS_NOTE.get(m.status)) if x)
        lines += [f"## {who}" + (f" ({meta})" if meta and m.role == "assistant" else ""), ""]
        if m.reasoning:
            lines += ["<details><summary>Thinking</summary>", "", m.reasoning, "", "</details>", ""]
        lines += [m.content, ""]
        for a in m.attachments:
            if a.is_image:
                where = (image_paths or {}).get(a.sha256)
                lines += [f"![{a.name}]({where})" if where else f"[image: {a.name}]", ""]
            else:
                lines += [fenced(a.name, a.text), ""]
        if m.error_message:
            lines += [f"> **Error ({m.error_kind}):** {m.error_message}", ""]
    return "\n".join(lines)


def run_export(
    home: Home,
    *,
    last: bool,
    conversation_id: int | None,
    fmt: str,
    output: Path | None = None,
    whole_tree: bool = False,
) -> int:
    from app.store.conversations import ConversationStore

    if whole_tree and fmt != "json":
        raise SluiceError("--all exports every version as JSON: add --format json.")
    if not home.db_path.exists():
        raise StoreError("No conversations saved yet.")
    store = ConversationStore.open(home.db_path)
    try:
        if last:
            conversation = store.last_conversation()
            if conversation is None:
                raise StoreError("No conversations saved yet.")
        else:
            assert conversation_id is not None
            conversation = store.get_conversation(conversation_id)
        chosen = store.messages(conversation.id) if whole_tree else store.active_path(conversation.id)
        messages = store.with_attachment_data(chosen)
    finally:
        store.close()
    if fmt == "json":
        text = json_line(conversation_json(conversation, messages)) + "\n"
    else:
        paths = _write_images(messages, output) if output is not None else None
        text = conversation_markdown(conversation, messages, paths)
    if output is None:
        # To a terminal, control characters in the saved text are shown, not obeyed; a pipe gets the bytes.
        sys.stdout.write(text if fmt == "json" else shown(text, sys.stdout))
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"Cannot write {output}: {exc.strerror or exc}.") from None
    return 0


def _write_images(messages: list[Message], output: Path) -> dict[str, str]:
    """Each image once into `<output stem>_files/` beside the Markdown file; sha256 → relative path."""
    folder = output.with_name(output.stem + "_files")
    paths: dict[str, str] = {}
    for m in messages:
        for a in m.attachments:
            if not a.is_image or not a.data or a.sha256 in paths:
                continue
            extension = a.mime.partition("/")[2].replace("jpeg", "jpg")
            safe = re.sub(r"[^\w.-]+", "_", Path(a.name).stem)[:60] or "image"
            name = f"{len(paths) + 1:02d}-{safe}.{extension}"
            try:
                folder.mkdir(exist_ok=True)
                (folder / name).write_bytes(a.data)
            except OSError as exc:
                raise StoreError(f"Cannot write {folder / name}: {exc.strerror or exc}.") from None
            paths[a.sha256] = f"{folder.name}/{name}"
    return paths


def export_all_json(store: ConversationStore, path: Path) -> int:
    """Write every conversation with its messages to `path` as a JSON list (atomically); how many."""
    conversations = store.list_conversations(limit=1_000_000)
    document = [conversation_json(c, store.messages(c.id)) for c in conversations]
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(document)
