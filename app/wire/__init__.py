"""The OpenAI-compatible streaming protocol, without I/O: bytes → server-sent events → stream events."""

from app.wire.chunks import ChunkInterpreter, completion_events
from app.wire.sse import ServerSentEvent, SSEDecoder

__all__ = ["ChunkInterpreter", "SSEDecoder", "ServerSentEvent", "completion_events"]
