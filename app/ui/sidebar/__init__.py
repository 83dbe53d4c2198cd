"""The conversation list: view and controller."""
