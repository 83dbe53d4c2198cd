"""`sluice export`: a saved conversation as Markdown or JSON, partial replies included."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path

from app.core.errors import StoreError
from app.core.models import Conversation, Message, MessageStatus
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
        }
    error = None if m.error_kind is None else {"kind": str(m.error_kind), "message": m.error_message}
    return {
        "role": str(m.role),
        "content": m.content,
        "status": str(m.status),
        "profile": m.profile,
        "model": m.model,
        "finish_reason": m.finish_reason,
        "usage": usage,
        "error": error,
    }


def conversation_json(c: Conversation, messages: list[Message]) -> dict[str, object]:
    return {
        "id": c.id,
        "title": c.title,
        "created": datetime.fromtimestamp(c.created).astimezone().isoformat(timespec="seconds"),
        "messages": [message_json(m) for m in messages],
    }


def conversation_markdown(c: Conversation, messages: list[Message]) -> str:
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
        if m.error_message:
            lines += [f"> **Error ({m.error_kind}):** {m.error_message}", ""]
    return "\n".join(lines)


def run_export(home: Home, *, last: bool, conversation_id: int | None, fmt: str) -> int:
    from app.store.conversations import ConversationStore

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
        messages = store.messages(conversation.id)
    finally:
        store.close()
    if fmt == "json":
        sys.stdout.write(json.dumps(conversation_json(conversation, messages), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(conversation_markdown(conversation, messages))
    return 0


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
