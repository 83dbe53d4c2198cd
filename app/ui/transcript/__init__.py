"""The transcript: an incremental Markdown renderer (renderer.py) and the message view (view.py).

markdown_stream.py splits the streaming text into blocks and imports no Qt, so it is tested without a display.
"""
