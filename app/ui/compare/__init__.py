"""Compare mode: one message to 2–4 lanes (profile and model) at once, in columns (issue 16)."""
