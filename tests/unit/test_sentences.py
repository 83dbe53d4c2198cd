"""Sentences: our messages keep their template and fields (for the window) and read as English elsewhere."""

from __future__ import annotations

import copy
import json
import pickle
import sqlite3

from app.core.errors import ChatError, ErrorKind, ProfileError, redact, register_secret
from app.core.sentences import QT_TRANSLATE_NOOP, Joined, Sentence
from app.profiles import store as profiles

EXISTS = QT_TRANSLATE_NOOP("profiles", "a profile named {name!r} already exists")


def test_a_formatted_template_reads_as_its_english_and_remembers_how_it_was_made() -> None:
    sentence = EXISTS.format(name="zen")
    assert sentence == "a profile named 'zen' already exists"
    assert isinstance(sentence, Sentence) and isinstance(sentence, str)
    assert (sentence.context, sentence.template, sentence.fields) == (
        "profiles",
        str(EXISTS),
        {"name": "zen"},
    )
    assert (
        str(ProfileError(sentence)) == "a profile named 'zen' already exists"
    )  # the CLI's and the log's text
    assert f"{sentence}!" == "a profile named 'zen' already exists!"


def test_an_unformatted_template_is_its_text_braces_and_all() -> None:
    raw = QT_TRANSLATE_NOOP("import", "e.g. -d '{{\"model\": …}}'")
    assert raw == "e.g. -d '{{\"model\": …}}'" and raw.fields is None
    assert raw.format() == "e.g. -d '{\"model\": …}'" and raw.format().fields == {}


def test_a_sentence_survives_pickling_copying_json_and_sqlite() -> None:
    sentence = profiles.MESSAGES["in_file"].format(path="/p", error=EXISTS.format(name="zen"))
    for again in (pickle.loads(pickle.dumps(sentence)), copy.deepcopy(sentence)):
        assert again == sentence and isinstance(again, Sentence) and again.template == sentence.template
    assert json.loads(json.dumps({"message": sentence})) == {"message": str(sentence)}
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (x TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (sentence,))
    assert db.execute("SELECT x, typeof(x) FROM t").fetchone() == (str(sentence), "text")
    joined = Joined([EXISTS.format(name="a"), EXISTS.format(name="b")])
    assert joined == "a profile named 'a' already exists; a profile named 'b' already exists"
    assert pickle.loads(pickle.dumps(joined)).parts == joined.parts


def test_an_error_hands_over_its_sentence_and_plain_text_has_none() -> None:
    sentence = EXISTS.format(name="zen")
    assert ProfileError(sentence).sentence is sentence
    assert ProfileError("typed by hand").sentence is None
    assert ProfileError().sentence is None
    assert ChatError(ErrorKind.AUTH, "the gateway's words").sentence is None  # never translated
    assert ChatError(ErrorKind.KEY, sentence).sentence is sentence


def test_a_sentence_that_needed_redaction_is_shown_redacted_not_translated() -> None:
    key = "zq81-unshaped-secret-77aa"
    register_secret(key)
    error = ChatError(ErrorKind.KEY, EXISTS.format(name=key))  # a key in a field must not survive in it
    assert key not in error.message and error.sentence is None
    assert error.message == redact(f"a profile named {key!r} already exists")
