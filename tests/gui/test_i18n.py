"""The window in 简体中文 and 繁體中文: complete catalogues, placeholders intact, the language resolved from
settings or the system locale, the real window built in Chinese (with the provider's words left as sent), and
a scan that fails on a user-visible literal that escapes tr().
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from app import credentials, keystore, reply_saver, session, settings
from app.attachments import policy as attachment_policy
from app.attachments import prepare as attachment_limits
from app.core.errors import KIND_EXPLANATIONS, ChatError, ErrorKind, ProfileError, StoreError
from app.core.models import Message, Role
from app.core.sentences import Sentence
from app.keystore import Keystore
from app.net.probe import TEXT
from app.profiles import importer, snippets
from app.profiles import store as profiles
from app.profiles.presets import PRESETS, preset_by_id
from app.settings import Settings, save_settings
from app.store import conversations, schema
from app.ui import i18n
from app.ui.chat.status_text import error_text
from app.ui.profiles.editor import ProfileEditor
from app.ui.profiles.widgets import SnippetDialog
from app.ui.settings.page import SettingsPage
from app.ui.shell.app import install_language
from app.ui.shell.composition import WindowParts, build_window
from tests.gui.window_harness import WindowHarness
from tests.support.server import json_error_reply
from tests.unit.test_keystore import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
APP = ROOT / "app"
UI = APP / "ui"
LUPDATE = Path(PySide6.__file__).resolve().parent / ("lupdate.exe" if os.name == "nt" else "lupdate")
LANGS = ("zh_CN", "zh_TW")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages(lang: str) -> list[ET.Element]:
    root = ET.parse(I18N / f"sluice_{lang}.ts").getroot()
    assert root.get("language") == lang and root.get("sourcelanguage") == "en"
    return root.findall("context/message")


def keys(path: Path) -> set[tuple[str, str]]:
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(path).getroot().findall("context")
        for message in context.findall("message")
    }


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[i18n.Installed]:
    installed = i18n.install_translators(qapp, "zh_CN", tmp_path / "cache")
    try:
        yield installed
    finally:
        i18n.remove_translators(qapp, installed)


# ---- the catalogues ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_none_is_unfinished_or_obsolete(lang: str) -> None:
    found = messages(lang)
    assert len(found) > 200
    for message in found:
        translation = message.find("translation")
        assert translation is not None
        source = message.findtext("source")
        assert translation.get("type") is None, f"{source!r} is marked {translation.get('type')}"
        assert (translation.text or "").strip(), f"{source!r} has no translation"


@pytest.mark.parametrize("lang", LANGS)
def test_each_translation_keeps_the_placeholders_of_its_source(lang: str) -> None:
    for message in messages(lang):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), source
        fields = {name: 1.5 for name in re.findall(r"\{(\w+)", source)}  # a number suits any format spec
        positional = [1.5] * source.count("{}")
        translation.format(*positional, **fields)  # no stray brace that would break .format()


def test_the_catalogues_hold_exactly_the_strings_the_code_marks(tmp_path: Path) -> None:
    """lupdate over all of app/ finds nothing new and nothing gone: a string added untranslated fails.

    app/ui marks with tr() and QT_TRANSLATE_NOOP; the rest of app/ with core's QT_TRANSLATE_NOOP (Sentences).
    """
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in APP.rglob("*.py"))
    subprocess.run([str(LUPDATE), "-silent", *sources, "-ts", str(fresh)], check=True, timeout=120)
    marked = keys(fresh)
    assert len(marked) > 200
    for lang in LANGS:
        committed = keys(I18N / f"sluice_{lang}.ts")
        assert marked - committed == set(), f"not in sluice_{lang}.ts (run lupdate, then translate)"
        assert committed - marked == set(), f"no longer in the code, still in sluice_{lang}.ts"


def test_traditional_is_written_the_taiwan_way_not_just_converted() -> None:
    tw = {m.findtext("source"): m.findtext("translation") or "" for m in messages("zh_TW")}
    assert tw["Settings"] == "設定" and tw["API key"] == "API 金鑰"
    assert tw["A table of {} rows, shown as text."] == "共 {} 列的表格，以文字顯示。"  # 列 is a row there
    assert (
        "連線" in tw["Test connection"]
        and "訊息" in tw["Choose or type a model first."] + tw["Editing a message — Esc to cancel"]
    )
    every = "".join(tw.values())
    mainland = ("设置", "设定", "信息", "连接", "文档", "文檔", "代码", "默认", "网络", "软件", "服务器")
    for word in mainland:
        assert word not in every, word


# ---- text from outside app/ui ----------------------------------------------------------------------------

# Every table of templates made outside app/ui, by the lupdate context its marks use.
TEMPLATE_TABLES: dict[str, tuple[dict[Any, str], ...]] = {
    "errors": (KIND_EXPLANATIONS,),
    "probe": (TEXT,),
    "profiles": (profiles.MESSAGES,),
    "import": (importer.MESSAGES, snippets.MESSAGES),
    "keystore": (keystore.MESSAGES,),
    "store": (conversations.MESSAGES, schema.MESSAGES),
    "settings": (settings.MESSAGES,),
    "session": (session.MESSAGES, reply_saver.MESSAGES),
    "credentials": (credentials.MESSAGES,),
    "attachments": (attachment_limits.MESSAGES, {"no_images": attachment_policy.NO_IMAGES}),
}
TEMPLATES = sorted(
    {(context, t) for context, tables in TEMPLATE_TABLES.items() for table in tables for t in table.values()}
)
OUTSIDE_UI = sorted(str(p) for p in APP.rglob("*.py") if UI not in p.parents)


def _sample(template: str) -> dict[str, object]:
    """A value for each field: a number where the field has a format spec ({seconds:g}, {length:,})."""
    fields: dict[str, object] = {}
    for _literal, name, spec, _conversion in string.Formatter().parse(template):
        if name is not None:
            fields[name] = 123456.0 if spec else f"<{name}>"
    return fields


def test_every_template_outside_the_ui_is_a_marked_sentence_that_lupdate_collects(tmp_path: Path) -> None:
    fresh = tmp_path / "outside.ts"
    subprocess.run([str(LUPDATE), "-silent", *OUTSIDE_UI, "-ts", str(fresh)], check=True, timeout=120)
    collected = keys(fresh)
    for context, template in TEMPLATES:
        assert isinstance(template, Sentence) and template.context == context, template
        assert (context, str(template)) in collected, template
    hints = {(p.docs_hint.context, str(p.docs_hint)) for p in PRESETS if isinstance(p.docs_hint, Sentence)}
    assert len(hints) == len(PRESETS) and hints <= collected


@pytest.mark.parametrize(("context", "template"), TEMPLATES)
def test_every_template_round_trips_in_chinese_with_its_fields(
    context: str, template: Sentence, chinese: i18n.Installed
) -> None:
    fields = _sample(template)
    sentence = template.format(**fields)
    assert str(sentence) == str.format(str(template), **fields)  # the English, for the CLI and the logs
    translation = QCoreApplication.translate(context, template)
    if re.search(r"[A-Za-z]", re.sub(r"\{[^{}]*\}", "", template)):  # words, not only fields
        assert translation != template and re.search(r"[\u4e00-\u9fff]", translation)
    shown = i18n.translated(sentence)
    assert shown == translation.format(**fields)
    for value in fields.values():
        if isinstance(value, str):
            assert value in shown  # a path, a name, the OS's or a gateway's words: shown as they were


def test_an_english_window_shows_each_sentence_as_it_was_made() -> None:
    for _context, template in TEMPLATES:
        sentence = template.format(**_sample(template))
        assert i18n.translated(sentence) == sentence
    assert i18n.translated(snippets.MESSAGES["kind.curl"]) == "cURL command"  # a template used without fields


def _zh(context: str, template: str, **fields: object) -> str:
    return QCoreApplication.translate(context, template).format(**fields)


def test_a_nested_sentence_is_translated_inside_its_template(chinese: i18n.Installed) -> None:
    line_break = profiles.MESSAGES["header_line_break"]
    inner = line_break.format(name="zen", header="X-A")
    outer = profiles.MESSAGES["in_file"].format(path="/home/u/profiles.toml", error=inner)
    inner_zh = _zh("profiles", line_break, name="zen", header="X-A")
    assert re.search(r"[\u4e00-\u9fff]", inner_zh)
    assert i18n.translated(outer) == _zh(
        "profiles", "{path}: {error}", path="/home/u/profiles.toml", error=inner_zh
    )
    # Two levels, and an exception as the field: "{path}: {error}" around "Could not {action}: …".
    action = keystore.MESSAGES["action.save"].format(name="zen")
    locked = ProfileError(keystore.MESSAGES["locked"].format(action=action))
    wrapped = profiles.MESSAGES["in_file"].format(path="p", error=locked)
    action_zh = _zh("keystore", "save the API key of profile {name!r}", name="zen")
    locked_zh = _zh("keystore", keystore.MESSAGES["locked"], action=action_zh)
    assert i18n.translated(wrapped) == _zh("profiles", "{path}: {error}", path="p", error=locked_zh)
    assert "zen" in locked_zh and "save" not in locked_zh and "locked" not in locked_zh


def test_the_gateways_words_are_never_translated(chinese: i18n.Installed) -> None:
    words = "a profile needs a name"  # a gateway that happens to say one of our sentences: its words
    assert i18n.exception_text(ChatError(ErrorKind.BAD_REQUEST, words)) == words
    assert i18n.exception_text(OSError(words)) == words
    assert i18n.translated(words) == words  # finished English is never matched back to a template
    assert i18n.exception_text(ProfileError(profiles.MESSAGES["no_name"])) == "配置需要一个名称"
    provider = "Incorrect API key provided: sk-…abcd. 请检查令牌 {name}"
    failed = TEXT["key.failed"].format(explanation=KIND_EXPLANATIONS[ErrorKind.AUTH], message=provider)
    assert i18n.translated(failed) == f"网关拒绝了 API 密钥。 {provider}"
    missing = TEXT["key.missing"].format(message="")
    assert i18n.translated(missing).strip() == "没有填写密钥，网关拒绝了请求："


def test_a_missing_key_in_a_reply_is_said_in_chinese_and_kept_in_english_for_the_cli(
    chinese: i18n.Installed,
) -> None:
    error = ChatError(ErrorKind.KEY, session.MESSAGES["no_key"].format(name="zen", quoted="zen"))
    assert error.message.startswith("No API key is saved for profile “zen”.")  # str(): the CLI's English
    failed = error_text(
        Message(role=Role.ASSISTANT, content="", error_kind=error.kind, error_message=error.message)
    )
    assert failed is not None and failed[0] == "没有可用的 API 密钥。"
    assert "zen" in failed[1] and re.search(r"[\u4e00-\u9fff]", failed[1])


def test_a_broken_profiles_toml_and_a_missing_conversation_are_said_in_chinese(
    tmp_path: Path, chinese: i18n.Installed
) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('[[profile]]\nname = "zen"\nbase_url = "https://zen.example/v1"\nmodel = \n', "utf-8")
    store = profiles.ProfileStore(path)
    with pytest.raises(ProfileError) as raised:
        store.load()
    shown = i18n.exception_text(raised.value)
    assert shown.startswith(f"{path}：第 4 行第 9 列：") and "Invalid" in shown  # tomllib's words kept
    path.write_text('[[profile]]\nname = "zen"\nbase_url = "ftp://zen.example"\n', "utf-8")
    with pytest.raises(ProfileError) as raised:
        store.load()
    assert i18n.exception_text(raised.value) == (
        f"{path}：配置 'zen'：base_url 必须是以 http://, https:// 开头的 URL（当前为 'ftp://zen.example'）"
    )
    database = conversations.ConversationStore.open(tmp_path / "history.db")
    try:
        with pytest.raises(StoreError) as missing:
            database.get_conversation(999)
        assert i18n.exception_text(missing.value) == "对话 999 不存在（可能已被删除）。"
    finally:
        database.close()
    problem = settings.load_settings(_written(tmp_path / "settings.toml", 'theme = "pink"\nsend_key = 1\n'))[
        1
    ]
    assert problem is not None
    assert i18n.translated(problem) == (
        f"{tmp_path / 'settings.toml'}：theme 必须是 system, light, dark 之一；send_key 的类型不对；"
        "这些项将使用默认值。"
    )


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_error_kinds_and_presets_are_translated(chinese: i18n.Installed) -> None:
    for kind in ErrorKind:
        assert re.search(r"[\u4e00-\u9fff]", i18n.kind_explanation(kind)), kind
    assert i18n.preset_label(preset_by_id("ollama")) == "Ollama（本地）"
    assert (
        i18n.preset_hint(preset_by_id("zenmux"))
        == "在 ZenMux 控制台创建 API 密钥。ZenMux 对中途停止的回复按完整回复计费。"
    )


# ---- which language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_Hans", "zh_CN"),
        ("zh_Hans_HK", "zh_CN"),
        ("zh_TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_MO", "zh_TW"),
        ("zh_Hant", "zh_TW"),
        ("en_US", "en"),
        ("en_GB", "en"),
        ("de_DE", "en"),
        ("ja_JP", "en"),
    ],
)
def test_system_follows_the_locale(locale: str, expected: str) -> None:
    assert i18n.resolve_language("system", QLocale(locale)) == expected


@pytest.mark.parametrize("choice", ["en", "zh_CN", "zh_TW"])
def test_an_explicit_choice_wins_over_the_locale(choice: str) -> None:
    assert i18n.resolve_language(choice, QLocale("zh_HK")) == choice
    assert i18n.resolve_language(choice, QLocale("en_US")) == choice


@pytest.mark.parametrize(("lang_env", "expected"), [("zh_HK.UTF-8", "zh_TW"), ("zh_SG.UTF-8", "zh_CN")])
def test_system_reads_the_real_process_locale(lang_env: str, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang_env
    code = "from app.ui.i18n import resolve_language; print(resolve_language('system'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == expected


# ---- compiling and loading ---------------------------------------------------------------------------


def test_the_catalogue_is_compiled_once_into_the_cache_and_again_when_the_ts_changes(tmp_path: Path) -> None:
    ts = tmp_path / "i18n" / "sluice_zh_TW.ts"
    ts.parent.mkdir()
    shutil.copy(I18N / ts.name, ts)
    cache = tmp_path / "cache"
    first = i18n.catalogue_path(ts, cache)
    assert first is not None and first.parent == cache and first.name.startswith("sluice_zh_TW-")
    made = first.stat().st_mtime_ns
    assert i18n.catalogue_path(ts, cache) == first and first.stat().st_mtime_ns == made  # reused as is
    translator = QTranslator()
    assert translator.load(str(first)) and translator.translate("Composer", "Send") == "傳送"

    ts.write_text(ts.read_text(encoding="utf-8").replace(">傳送<", ">送出<"), encoding="utf-8")
    second = i18n.catalogue_path(ts, cache)
    assert second is not None and second != first and not first.exists()  # the stale one is gone
    translator = QTranslator()
    assert translator.load(str(second)) and translator.translate("Composer", "Send") == "送出"

    beside = ts.with_suffix(".qm")  # what the frozen build ships: used when not older than the .ts
    shutil.copy(second, beside)
    assert i18n.catalogue_path(ts, cache) == beside


def test_without_lrelease_or_catalogue_the_window_stays_english(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "lrelease_path", lambda: None)
    resources = tmp_path / "resources"
    (resources / "i18n").mkdir(parents=True)
    shutil.copy(I18N / "sluice_zh_CN.ts", resources / "i18n")
    installed = i18n.install_translators(qapp, "zh_CN", tmp_path / "cache", resources=resources)
    try:
        assert QCoreApplication.translate("Composer", "Send") == "Send"
        assert "lrelease is not installed" in caplog.text
    finally:
        i18n.remove_translators(qapp, installed)


def test_the_app_installs_the_language_from_settings_toml(qapp: QApplication, harness: WindowHarness) -> None:
    save_settings(harness.home.settings_path, Settings(language="zh_TW"))
    before = list(qapp.findChildren(QTranslator))
    install_language(qapp, harness.home)
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    try:
        assert QCoreApplication.translate("Composer", "Send") == "傳送"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own, from the wheel
        assert list((harness.home.data_dir / "cache" / "i18n").glob("sluice_zh_TW-*.qm"))
    finally:
        i18n.remove_translators(qapp, i18n.Installed("zh_TW", added))
    assert QCoreApplication.translate("Composer", "Send") == "Send"


# ---- the window in Chinese ---------------------------------------------------------------------------


def test_the_window_in_simplified_chinese_keeps_the_provider_words(
    harness: WindowHarness, chinese: i18n.Installed
) -> None:
    assert chinese.language == "zh_CN" and len(chinese.translators) == 2
    harness.add_profile("local")
    provider_words = "Incorrect API key provided (provider's own words)"
    harness.server.queue(json_error_reply(401, provider_words, code="invalid_api_key"))

    async def scenario() -> None:
        parts: WindowParts = build_window(harness.home, on_closed=lambda: None, local_targets=())
        parts.window.show()
        harness.opened.append(parts)
        send = parts.window.composer.findChild(QPushButton, "composerButton")
        assert send is not None and send.text() == "发送"
        assert harness.input_box(parts).placeholderText() == "输入消息 — Enter 发送，Shift+Enter 换行"
        assert parts.window.topbar.regenerate.toolTip() == "重新生成最后一条回复"

        harness.type_and_send(parts, "Hello?")
        await harness.until(lambda: not parts.controller.busy, "the request failed")
        text = harness.transcript_text(parts)
        assert "网关拒绝了 API 密钥。" in text  # the kind's explanation, translated
        assert provider_words in text  # the provider's message, exactly as sent
        assert "重试" in text and "打开配置" in text and "复制" in text and "编辑" in text

        parts.window.topbar.settings_requested.emit()
        page = parts.window.findChild(SettingsPage, "settingsPage")
        assert page is not None and parts.window.showing(page)
        assert "设置" in [label.text() for label in page.findChildren(QLabel)]
        assert page.language.itemText(0) == "跟随系统" and page.language.findText("繁體中文") >= 0
        note = page.findChild(QLabel, "languageNote")
        assert note is not None and "重启" in note.text()
        page.closed.emit()
        # Qt's own catalogue is installed too.
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert (ok.text(), cancel.text()) == ("确定", "取消")
        buttons.deleteLater()

        assert parts.profile_ui is not None
        welcome = parts.profile_ui.show_welcome()
        labels = [label.text() for label in welcome.findChildren(QLabel)]
        assert "欢迎使用 Sluice" in labels
        assert welcome.start_button.text() == "开始聊天"
        welcome.select_preset("zenmux")
        assert welcome.hint.text() == "在 ZenMux 控制台创建 API 密钥。ZenMux 对中途停止的回复按完整回复计费。"

    harness.run(scenario())


def test_the_profile_editor_and_the_welcome_page_say_profile_errors_and_import_notes_in_chinese(
    harness: WindowHarness, chinese: i18n.Installed
) -> None:
    harness.add_profile("main")
    curl = (
        f"curl {harness.server.base_url}/chat/completions -u me:secret "
        '-H "Authorization: Bearer YOUR_API_KEY" -d \'{"model": "test-model"}\''
    )

    async def scenario() -> None:
        parts = build_window(
            harness.home,
            on_closed=lambda: None,
            keystore=Keystore("svc", backend=MemoryKeyring()),
            local_targets=(),
        )
        parts.window.show()
        harness.opened.append(parts)
        parts.window.topbar.edit_profiles_requested.emit()
        editor = parts.window.findChild(ProfileEditor, "profileEditor")
        assert editor is not None
        editor.base_url.setText("ftp://gateway.example/v1")
        editor.name.textEdited.emit(editor.name.text())
        assert await editor.save() is False
        assert editor.error.text() == (
            "未保存：配置 'main'：base_url 必须是以 http://, https:// 开头的 URL（当前为 'ftp://gateway.example/v1'）。"
        )

        editor.import_button.click()
        dialog = editor.findChild(SnippetDialog, "snippetDialog")
        assert dialog is not None
        dialog.text.setPlainText("")
        dialog.import_button.click()
        assert dialog.error.text() == (
            "未导入任何内容：没有可导入的内容：请粘贴 cURL 命令、OpenAI SDK 代码片段或 Base URL。"
        )
        dialog.text.setPlainText(curl)
        dialog.import_button.click()
        notes = editor.notice.text().splitlines()
        assert "该命令用 -u 登录（HTTP 基本认证），这部分没有导入。" in notes
        assert "代码片段中的密钥是占位符：请粘贴你自己的密钥。" in notes
        assert not any(
            "imported" in note or "placeholder" in note for note in notes
        )  # nothing left in English

        assert parts.profile_ui is not None
        welcome = parts.profile_ui.show_welcome()
        welcome.apply_import(importer.parse_snippet(curl))
        assert "该命令用 -u 登录（HTTP 基本认证），这部分没有导入。" in welcome.notes.text().splitlines()

    harness.run(scenario())


def test_the_settings_page_names_each_language_in_its_own_script(
    qapp: QApplication, chinese: i18n.Installed
) -> None:
    page = SettingsPage()
    try:
        page.show_values(Settings(), [], None, "/data")
        names = [page.language.itemText(i) for i in range(page.language.count())]
        assert names == ["跟随系统", "English", "简体中文", "繁體中文"]
    finally:
        page.deleteLater()


# ---- nothing escapes tr() -------------------------------------------------------------------------------

WIDGETS = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QListWidgetItem",
    "QMessageBox",
    "ProfileError",
}
SETTERS = {
    "setText",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setWindowTitle",
    "setLabelText",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "setTitle",
    "setTabText",
    "addAction",
    "addItem",
    "insertItem",
    "addRow",
    "addButton",
    "showMessage",
    "show_notice",
    "show_problem",
    "add_message_footer",
    "add_history_link",
    "critical",
    "warning",
    "information",
    "question",
    "emit",
    "_fail",
    "_show_error",
    "show_error",
}
LOGGERS = {"log", "logger", "logging"}
# Examples and the program's name, not words: shown as they are in every language.
ALLOWED = {
    "Sluice",
    "https://api.example.com/v1",
    "http://proxy.example.com:8080",
    'curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer sk-…" -d \'{"model": "…"}\'',
}
WORD = re.compile(r"[A-Za-z]{2,}")


def _literal_words(node: ast.AST) -> str | None:
    """The words of a plain literal (a string, an f-string, "…".format(), "…" + x), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if WORD.search(node.value) and node.value not in ALLOWED else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return text if WORD.search(text) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_words(node.func.value)
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) or _literal_words(node.orelse)
    return None


def untranslated(source: str, filename: str = "<code>") -> list[str]:
    """Calls that show a plain literal to the user, and tr()/translate() calls given an f-string."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = [*node.args, *(k.value for k in node.keywords)]
        if name in ("tr", "translate"):
            if any(isinstance(a, ast.JoinedStr) for a in args):
                found.append(f"{filename}:{node.lineno}: {name}() of an f-string never matches a translation")
            continue
        if name not in WIDGETS and name not in SETTERS:
            continue
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue  # log lines stay English: they are for bug reports
        for arg in args:
            words = _literal_words(arg)
            if words:
                found.append(f"{filename}:{node.lineno}: {name}({words!r}) is not translated")
    return found


def test_the_scan_catches_what_it_is_meant_to() -> None:
    bad = """
button = QPushButton("Send", self)
label.setText(f"Saved {name}.")
self.notice.emit("Copied the code.")
box.setToolTip("Fetching…" if busy else "Fetch")
self.error.setText("Nothing imported: {}".format(exc))
title = self.tr(f"Deleted {name}")
"""
    good = """
button = QPushButton(self.tr("Send"), self)
label.setText(self.tr("Saved {}.").format(name))
self.notice.emit(self.tr("Copied the code."))
form.addRow("", widget)
self.refresh.setText("⟳")
log.warning("could not load %s", path)
edit.setPlaceholderText("https://api.example.com/v1")
"""
    assert len(untranslated(bad)) == 6
    assert untranslated(good) == []


def test_no_user_visible_literal_in_app_ui_escapes_tr() -> None:
    problems = []
    for path in sorted(UI.rglob("*.py")):
        problems += untranslated(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert problems == []
