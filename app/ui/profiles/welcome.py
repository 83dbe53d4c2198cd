"""The first-run page: pick a gateway, paste a key, pick a model, chat. Shown while there is no profile.

Local servers (Ollama, LM Studio) are looked for on 127.0.0.1 in the background (short timeouts, never
blocking a paint) and moved to the top of the list when they answer. The model list is fetched once a key is
there. The key goes to the system keyring; if there is none, the page says so and offers to keep the key for
this session only. Preset labels and hints are translated through app.ui.i18n.

The widgets and layout are WelcomeView (app.ui.profiles.welcome_view); saving goes through ProfileService,
the same use case as the profile editor's and `sluice profile add`.
"""

from __future__ import annotations

import asyncio
import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from app.core.errors import KeystoreError, ProfileError, SluiceError
from app.core.models import AUTH_NONE, PROXY_NONE, PROXY_SYSTEM, Profile
from app.keystore import Keystore
from app.net.client import ChatClient
from app.net.pool import is_loopback
from app.net.probe import ProbeReport, probe
from app.profiles.importer import ImportedProfile
from app.profiles.presets import CUSTOM, Preset, preset_by_id, preset_for_url
from app.profiles.secrets import split_headers
from app.profiles.service import ProfileService
from app.profiles.store import validate_profile
from app.ui.i18n import exception_text, preset_hint
from app.ui.profiles.welcome_view import IMPORTED, WelcomeView
from app.ui.profiles.widgets import SnippetDialog, import_notes
from app.ui.tasks import Tasks

# Where the local presets are looked for. 127.0.0.1, not localhost: localhost may resolve to ::1 first,
# where these servers often do not listen; the profile keeps the address that answered.
LOCAL_TARGETS: tuple[tuple[str, str], ...] = (
    ("ollama", "http://127.0.0.1:11434/v1"),
    ("lmstudio", "http://127.0.0.1:1234/v1"),
)
LOCAL_PROBE_TIMEOUT = 2.0  # seconds; a local server answers in milliseconds or not at all
FETCH_DELAY_MS = 700  # after the last keystroke in the key field


class WelcomePage(WelcomeView):
    """The first-run page's behaviour; its widgets and layout are WelcomeView.

    Signals:
        done(str): a profile was saved (its name); the window switches to the chat.
    """

    done = Signal(str)

    def __init__(
        self,
        service: ProfileService,
        keystore: Keystore,
        client: ChatClient,
        parent: QWidget | None = None,
        *,
        local_targets: tuple[tuple[str, str], ...] = LOCAL_TARGETS,
    ) -> None:
        super().__init__(parent)
        self.service, self.profiles = service, service.profiles
        self.keystore, self.client = keystore, client
        self.tasks = Tasks()
        self._local_targets = local_targets
        self._local_urls: dict[str, str] = {}  # preset id -> base URL that answered
        self._local_models: dict[str, list[str]] = {}
        self._imported: ImportedProfile | None = None
        self._fetched_for: tuple[str, str] | None = None
        self._model_chosen = False  # the user typed or picked the model (or a snippet named it)
        self._touched = False  # the user picked an entry: detection no longer changes the selection
        self._key_for: str | None = None  # the entry the key was typed for, once the user had picked one
        self._probe_task: asyncio.Task[object] | None = None

        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(FETCH_DELAY_MS)
        self._fetch_timer.timeout.connect(lambda: self.tasks.run(self.fetch_models()))

        self.presets.currentItemChanged.connect(lambda _new, _old: self._entry_chosen())
        self.presets.itemClicked.connect(self._entry_clicked)
        self.import_button.clicked.connect(self.open_import)
        self.key.edited.connect(self._key_edited)
        self.base_url.textEdited.connect(self._url_edited)
        self.model.activated.connect(self._model_picked)
        model_edit = self.model.lineEdit()
        if model_edit is not None:
            model_edit.textEdited.connect(self._model_picked)
        self.start_button.clicked.connect(lambda: self.tasks.run(self.finish()))
        self.test_button.clicked.connect(self.start_test)
        self.trouble.session_only_requested.connect(self._keep_for_session)
        self.trouble.retry_requested.connect(lambda: self.tasks.run(self.finish()))
        self.presets.setCurrentRow(0)

    # ---- what the window calls --------------------------------------------------------------------

    def start(self) -> None:
        """Look for local servers in the background; call once the event loop runs."""
        for preset_id, url in self._local_targets:
            self.tasks.run(self._probe_local(preset_id, url))

    def reset(self) -> None:
        """Start over (shown again after the last profile was deleted)."""
        self._touched = False
        self._key_for = None
        self.key.set_key("")
        self._entry_chosen()

    async def aclose(self) -> None:
        self._fetch_timer.stop()
        await self.tasks.aclose()

    def open_import(self) -> None:
        dialog = SnippetDialog(self)
        dialog.imported.connect(self.apply_import)
        dialog.open()

    def apply_import(self, result: ImportedProfile) -> None:
        """Show what a snippet said, as a new entry at the top of the list, selected."""
        self._imported = result
        self._touched = True
        item = self._item(IMPORTED)
        if item is None:
            item = QListWidgetItem(self.tr("Imported from snippet"))
            item.setData(Qt.ItemDataRole.UserRole, IMPORTED)
            self.presets.insertItem(0, item)
        self.presets.setCurrentItem(item)
        self._entry_chosen()
        self.notes.setText(import_notes(result))

    def select_preset(self, preset_id: str) -> None:
        item = self._item(preset_id)
        if item is not None:
            self._touched = True
            self.presets.setCurrentItem(item)

    # ---- the list ---------------------------------------------------------------------------------

    async def _probe_local(self, preset_id: str, url: str) -> None:
        probe = Profile(name=preset_id, base_url=url, auth=AUTH_NONE, proxy=PROXY_NONE)
        try:
            models = await asyncio.wait_for(self.client.list_models(probe, None), LOCAL_PROBE_TIMEOUT)
        except (SluiceError, TimeoutError):
            return  # not running: the entry stays where it is, as a plain preset
        self._local_urls[preset_id] = url
        self._local_models[preset_id] = models
        item = self._item(preset_id)
        if item is None:
            return
        current = self.presets.currentItem()
        self.presets.blockSignals(True)
        row = self.presets.row(item)
        self.presets.takeItem(row)
        first_gateway = 1 if self._item(IMPORTED) is not None else 0
        self.presets.insertItem(first_gateway, item)
        item.setText(self._preset_text(preset_by_id(preset_id), models))
        self.presets.setCurrentItem(current if current is not item else item)
        self.presets.blockSignals(False)
        if not self._touched:
            self.presets.setCurrentItem(item)  # a running local server is the quickest start
            self._entry_chosen()
        elif self._entry() == preset_id:
            self._entry_chosen()

    def _entry_chosen(self) -> None:
        entry = self._entry()
        if self.presets.hasFocus():
            self._touched = True  # chosen with the mouse or the arrow keys, not by detection
        self.error.hide()
        self.trouble.hide()
        self.probe_panel.hide()  # its results were about the previous choice
        self._fetched_for = None
        self._model_chosen = False
        if entry != IMPORTED:
            self.notes.setText("")
        if entry == IMPORTED and self._imported is not None:
            imported = self._imported
            self.name.setText(self.profiles.unique_name("imported"))
            self.base_url.setText(imported.base_url)
            self.key.set_key(imported.key or "")
            self._show_key(imported.auth != AUTH_NONE)
            self.hint.setText("")
            self._set_models([], imported.model or "")
            self._model_chosen = bool(imported.model)  # what the snippet said is the user's choice
            self._key_edited()
            return
        preset = _preset(entry)
        # A key typed for one picked gateway never follows to another. One pasted before any pick stays:
        # it is for whichever gateway the user picks next.
        if self._key_for is not None and self._key_for != entry:
            self.key.set_key("")
            self._key_for = None
        self.name.setText(
            self.profiles.unique_name(self.tr("new profile") if preset is CUSTOM else preset.id)
        )
        self.base_url.setText(self._local_urls.get(preset.id, preset.base_url))
        self._show_key(preset.needs_key)
        self.hint.setText(preset_hint(preset))
        models = self._local_models.get(preset.id)
        if models is not None:
            self._set_models(models, models[0] if models and not preset.model else preset.model)
            self.models_status.setText(self.tr("{} models on this server.").format(len(models)))
        else:
            self._set_models([], preset.model)
            self.models_status.setText(
                self.tr("The list is fetched once the key is there.") if preset.needs_key else ""
            )
            if preset is CUSTOM:
                self.base_url.setFocus()
            if not preset.needs_key:
                self.tasks.run(self.fetch_models())

    def _model_picked(self, *_args: object) -> None:
        self._model_chosen = True

    def _url_edited(self, url: str) -> None:
        # A preset's URL pointed at another server is saved as a custom profile (see draft()); say so here
        # rather than go on showing that gateway's hints.
        entry = self._entry()
        if entry != IMPORTED:
            preset = _preset(entry)
            moved = preset is not CUSTOM and preset_for_url(preset.id, url) is None
            self.hint.setText(preset_hint(CUSTOM if moved else preset))
        self._key_edited()

    def _entry_clicked(self, _item: QListWidgetItem) -> None:
        self._touched = True
        self._key_edited()  # a key pasted before the gateway was picked: fetch now, for this one

    def _key_edited(self) -> None:
        # Only to a gateway the user picked: the list opens on its first entry, and a key pasted for
        # another gateway must not be sent there while the user is still looking for theirs.
        if self.key.key() and self._touched:
            self._key_for = self._entry()
        if (self.key.key() and self._touched) or not self.key_needed():
            self._fetch_timer.start()

    # ---- building the profile ---------------------------------------------------------------------

    def draft(self) -> Profile:
        """The profile the page describes, validated (ProfileError in words).

        Secret headers of an imported snippet are named in `secret_headers` and ride along inline, for the
        model list, the test and ProfileService.save, which puts them in the keyring, never in the file.
        """
        entry = self._entry()
        base_url = self.base_url.text().strip()
        if not base_url:
            raise ProfileError(self.tr("enter the gateway's base URL"))
        if entry == IMPORTED and self._imported is not None:
            auth, headers, preset_id = self._imported.auth, self._imported.headers, None
        else:
            preset = _preset(entry)
            # Custom, or a preset's URL changed to another server: no preset (and none of its hints).
            preset_id = None if preset is CUSTOM else preset_for_url(preset.id, base_url)
            auth, headers = preset.auth, ()
        plain, secret = split_headers(headers)  # an imported Cookie / X-Goog-Api-Key: for the keyring
        profile = Profile(
            name=self.name.text().strip(),
            base_url=base_url,
            model=self.model.currentText().strip(),
            auth=auth,
            headers=plain,
            secret_headers=tuple(secret),
            proxy=PROXY_NONE if is_loopback(base_url) else PROXY_SYSTEM,
            preset=preset_id,
        )
        checked = validate_profile(profile)
        return dataclasses.replace(checked, headers=checked.headers + tuple(secret.items()))

    async def fetch_models(self) -> list[str]:
        """Fetch /models once per base URL and key; keep whatever the user typed."""
        try:
            profile = self.draft()
        except ProfileError:
            return []
        key = self.key.key() if profile.needs_key else ""
        if profile.needs_key and not key:
            return []
        if self._fetched_for == (profile.base_url, key):
            return []
        self._fetched_for = (profile.base_url, key)
        self.models_status.setText(self.tr("Fetching the model list…"))
        try:
            models = await self.client.list_models(profile, key or None)
        except SluiceError as exc:
            self.models_status.setText(
                self.tr("Could not fetch the model list: {}").format(exception_text(exc))
            )
            self._fetched_for = None
            return []
        # The entry's default model (OpenAI's gpt-4o-mini, say) is kept only when this server lists it;
        # what the user typed or picked is always kept.
        current = self.model.currentText().strip()
        keep = bool(current) and (self._model_chosen or current in models)
        self._set_models(models, current if keep or not models else models[0])
        self.models_status.setText(
            self.tr("{} models available.").format(len(models))
            if models
            else self.tr("The gateway lists no models; type one.")
        )
        return models

    async def finish(self) -> bool:
        """Save the profile (and its key); emit `done` when the chat can start. False, with words, if not.

        The key goes to the keyring first (ProfileService.save): when the keyring refuses it nothing is
        saved, the key stays in its field, and the page offers to keep it for this session only.
        """
        try:
            profile = self.draft()
        except ProfileError as exc:
            return self._fail(self.tr("Not yet: {}.").format(exception_text(exc)))
        key = self.key.key()
        if profile.needs_key and not key:
            return self._fail(self.tr("Paste your API key first (or pick a local server, which needs none)."))
        if not profile.model:
            return self._fail(self.tr("Pick or type a model first."))
        try:
            # Secret headers (an imported Cookie, say) go to the keyring with the key, before the file.
            saved = await self.service.save(profile, key or None)
        except KeystoreError as exc:
            self.error.hide()
            self.trouble.show_problem(exception_text(exc))
            return False
        except (ProfileError, OSError) as exc:
            return self._fail(self.tr("Not saved: {}").format(exception_text(exc)))
        self.error.hide()
        self.trouble.hide()
        self.key.set_key("")
        self.done.emit(saved.profile.name)
        return True

    def start_test(self) -> None:
        if self._probe_task is not None and not self._probe_task.done():
            self._probe_task.cancel()
        self._probe_task = self.tasks.run(self.test_connection())

    async def test_connection(self) -> ProbeReport | None:
        """The same step-by-step check as the profile editor's, on what the page describes now."""
        try:
            profile = self.draft()
        except ProfileError as exc:
            self._fail(self.tr("Cannot test yet: {}.").format(exception_text(exc)))
            return None
        self.error.hide()
        return await self.probe_panel.run(probe, profile, self.key.key() or None, self.test_button)

    def _keep_for_session(self) -> None:
        self.tasks.run(self.keep_for_session())

    async def keep_for_session(self) -> bool:
        """No usable keyring: save the profile without its key and keep the key in memory until quit."""
        key = self.key.key()
        if not key:
            return False
        try:
            saved = await self.service.save(self.draft())
        except (ProfileError, OSError, KeystoreError) as exc:
            return self._fail(self.tr("Not saved: {}").format(exception_text(exc)))
        self.keystore.set_session(saved.profile.name, key)
        self.trouble.hide()
        self.key.set_key("")
        self.done.emit(saved.profile.name)
        return True


def _preset(entry: str) -> Preset:
    """The preset a list entry stands for (CUSTOM for the custom entry)."""
    return CUSTOM if entry == CUSTOM.id else preset_by_id(entry)
