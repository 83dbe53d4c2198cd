"""Sluice: a desktop chat client for OpenAI-compatible LLM gateways."""

__version__ = "0.1.0"
