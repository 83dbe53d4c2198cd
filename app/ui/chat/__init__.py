"""The chat pane: its controller, composer, top bar and status line."""
