"""The conversation history: one SQLite file (WAL), numbered migrations, rows converted to core models."""

from app.store.conversations import DEFAULT_TITLE, TITLE_LIMIT, ConversationStore, title_from_text

__all__ = ["DEFAULT_TITLE", "TITLE_LIMIT", "ConversationStore", "title_from_text"]
