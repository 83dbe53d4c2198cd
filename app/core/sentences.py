"""Sentences made outside app/ui that remember their template, so the window can say them in its language.

A module marks each of its templates where it defines them::

    MESSAGES = {"exists": QT_TRANSLATE_NOOP("profiles", "a profile named {name!r} already exists")}
    raise ProfileError(MESSAGES["exists"].format(name=name))

`QT_TRANSLATE_NOOP` is ours (no Qt here); pyside6-lupdate recognises the call by its name alone and collects
(context, template) from every file of app/. It returns a `Sentence`: a `str` whose value is the English
text, so the CLI, the logs, the database and `str(exc)` see exactly what they saw before. `.format()` on it
returns another `Sentence` that keeps the context, the template and the fields; the window
(`app.ui.i18n.translated`) looks the template up in the catalogue and fills the translation with the same
fields, translating a field that is itself a Sentence. No finished sentence is ever parsed back.

A Sentence is made only by our code: a gateway's message, the OS's words, paths and names are plain `str`
fields and stay as they were in every language. Operations that make a new string (`+`, `strip()`, slicing,
`redact()`) return a plain `str`: the English, without its template — callers keep the Sentence itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["LIST_SEPARATOR", "QT_TRANSLATE_NOOP", "Joined", "Sentence"]


class Sentence(str):
    """English text, with the lupdate `context` and `template` it came from and the `fields` that filled it.

    `fields` is None for a template not (yet) formatted: its text is the template itself, `{{` and all.
    """

    __slots__ = ("args", "context", "fields", "template")

    context: str
    template: str
    args: tuple[object, ...]
    fields: Mapping[str, object] | None

    def __new__(
        cls,
        context: str,
        template: str,
        args: tuple[object, ...] = (),
        fields: Mapping[str, object] | None = None,
    ) -> Sentence:
        english = template if fields is None else template.format(*args, **fields)
        self = super().__new__(cls, english)
        self.context, self.template, self.args, self.fields = context, template, args, fields
        return self

    def format(self, *args: object, **fields: object) -> Sentence:
        """The template filled like `str.format`, still knowing its template (for translation)."""
        return Sentence(
            self.context, str.__str__(self) if self.fields is not None else self.template, args, fields
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (Sentence, (self.context, self.template, self.args, self.fields))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Sentence:  # noqa: N802 (lupdate finds the call by this name)
    """Mark `text` for lupdate under `context`; returns it as an unformatted Sentence (its English as is)."""
    return Sentence(context, text)


# How a list of sentences is joined (settings.toml's problems); translated like any template.
LIST_SEPARATOR = QT_TRANSLATE_NOOP("list", "; ")


class Joined(str):
    """Several sentences in one field, joined with "; " in English (the catalogue's separator in the UI)."""

    __slots__ = ("parts",)

    parts: tuple[str, ...]

    def __new__(cls, parts: Iterable[str]) -> Joined:
        parts = tuple(parts)
        self = super().__new__(cls, LIST_SEPARATOR.join(parts))
        self.parts = parts
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.parts,))
