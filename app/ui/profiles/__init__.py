"""Profiles in the window: the editor, its shared widgets and the welcome page."""
