"""The window shell: start-up, composition root, main window, single instance, crash dialog."""
