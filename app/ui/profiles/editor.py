"""The profile editor's behaviour: add, change, duplicate and delete gateway profiles, test the connection.

The widgets and layout are ProfileEditorView (app.ui.profiles.editor_view); the use cases (a profile and its
key saved together, renames that carry the key and the conversations along) are ProfileService
(app.profiles.service). The pieces shared with the welcome page live in app.ui.profiles.widgets.

Keys, secret header values and proxy passwords go only to the keyring (off the GUI thread), never to
profiles.toml, a log, a title or an error. Dialogs
open with open()/show(), never exec(): a nested event loop inside qasync stalls every stream.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import ChatError, KeystoreError, ProfileError, SluiceError
from app.core.models import PROXY_NONE, PROXY_SYSTEM, ModelInfo, Profile
from app.credentials import SecretFiller
from app.keystore import Keystore
from app.net.client import ChatClient
from app.net.probe import ProbeReport, probe
from app.profiles.catalog import ModelCatalog
from app.profiles.importer import ImportedProfile
from app.profiles.presets import Preset, from_preset, preset_by_id, preset_for_url
from app.profiles.service import Outcome, Problem, ProfileService
from app.ui.i18n import exception_text, preset_hint
from app.ui.profiles.editor_view import ProfileEditorView
from app.ui.profiles.widgets import ProbeFunction, SnippetDialog, import_notes
from app.ui.tasks import Tasks

__all__ = ["ProfileEditor"]

log = logging.getLogger(__name__)


class ProfileEditor(ProfileEditorView):
    """Add, change, duplicate and delete profiles; keys go to the keyring (or, if the user asks, memory).

    Non-blocking: open it with open() or show(), never exec() (a nested loop would stall streams).

    Signals:
        profile_saved(str): a profile was added or changed (its name, after any rename).
        profile_renamed(str, str): a profile was renamed (old name, new name); its key and conversations
            moved with it.
        profile_deleted(str): a profile and its key were deleted.
    """

    profile_saved = Signal(str)
    profile_renamed = Signal(str, str)
    profile_deleted = Signal(str)

    def __init__(
        self,
        service: ProfileService,
        keystore: Keystore,
        client: ChatClient,
        parent: QWidget | None = None,
        *,
        run_probe: ProbeFunction = probe,
        catalog: ModelCatalog | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.profiles = service, service.profiles
        self.keystore, self.client = keystore, client
        # What each gateway's /models said (prices, images): shown in the Models table and refreshed by
        # Fetch list, as the window's model list does. None: no catalogue is kept (the table shows the
        # user's own prices and overrides only).
        self.catalog = catalog
        # The last /models answer and the base URL it came from: kept for a profile saved after fetching.
        self._fetched: tuple[str, list[ModelInfo]] | None = None
        self._run_probe = run_probe
        self.tasks = Tasks()
        self._probe_task: asyncio.Task[Any] | None = None
        self._current: str | None = None  # the stored profile shown; None while a new one is drafted
        self._loading = False
        self._dirty = False

        self.list.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(lambda: self.new_profile())
        self.duplicate_button.clicked.connect(lambda: self.tasks.run(self.duplicate()))
        self.delete_button.clicked.connect(self._confirm_delete)
        self.preset.activated.connect(self._preset_chosen)
        self.import_button.clicked.connect(self.open_import)
        self.auth.currentIndexChanged.connect(self.sync_visibility)
        self.proxy.currentIndexChanged.connect(self.sync_visibility)
        self.base_url.textEdited.connect(self._base_url_edited)
        self.fetch_button.clicked.connect(lambda: self.tasks.run(self.fetch_models()))
        self.test_button.clicked.connect(self.start_test)
        self.save_button.clicked.connect(lambda: self.tasks.run(self.save()))
        self.revert_button.clicked.connect(self._revert)
        self.buttons.rejected.connect(self.reject)
        self.close_button.clicked.connect(self.close)
        self.trouble.session_only_requested.connect(self._keep_for_session)
        self.trouble.retry_requested.connect(lambda: self.tasks.run(self.save()))
        for edit in (self.name, self.base_url, self.auth_header, self.proxy_url):
            edit.textEdited.connect(self._mark_dirty)
        self.key.edited.connect(self._mark_dirty)
        self.headers.textChanged.connect(self._mark_dirty)
        self.secrets_edited.connect(self._mark_dirty)
        for combo in (self.auth, self.proxy):
            combo.activated.connect(self._mark_dirty)
        self.model.editTextChanged.connect(self._mark_dirty)
        self.stream_usage.toggled.connect(self._mark_dirty)
        self.read_timeout.valueChanged.connect(self._mark_dirty)
        self.models_section.edited.connect(self._mark_dirty)
        self.fallbacks_section.edited.connect(self._mark_dirty)
        self.fallbacks_section.set_models_source(self._models_of)
        self.name.textEdited.connect(self.fallbacks_section.set_form_name)
        self.finished.connect(lambda _r: self._cancel_probe())

        self.show_names(self.profiles.names())
        if self.profiles.names():
            self.select(self.profiles.names()[0])
        else:
            self.new_profile()

    # ---- what the window calls --------------------------------------------------------------------

    def select(self, name: str) -> None:
        """Show the stored profile `name` (ignored when it does not exist)."""
        try:
            profile = self.profiles.get(name)
        except ProfileError:
            return
        self._current = name
        self._show(profile)
        self.select_row(name)
        self.tasks.run(self._show_key_status(name))
        if profile.base_url:
            self.tasks.run(self.fetch_models(quiet=True))

    def new_profile(self, preset: Preset | None = None) -> None:
        """Start a new, unsaved profile (from `preset` if given)."""
        name = self.profiles.unique_name(preset.id if preset else self.tr("new profile"))
        draft = from_preset(preset, name) if preset else Profile(name=name, base_url="")
        self._current = None
        self._show(draft)
        self.list.clearSelection()
        self.key_status.setText(
            self.tr("No key needed.")
            if preset and not preset.needs_key
            else self.tr("The key is saved in the system keyring.")
        )
        self._set_dirty(True)
        self.name.setFocus()
        self.name.selectAll()

    def open_import(self) -> None:
        dialog = SnippetDialog(self)
        dialog.imported.connect(self.apply_import)
        dialog.open()

    def apply_import(self, result: ImportedProfile) -> None:
        """Fill the form from an imported snippet: a new profile unless one is being drafted already."""
        if self._current is not None:
            self.new_profile()
        self._loading = True
        self.show_preset(None)
        self._preset = None
        self.base_url.setText(result.base_url)
        self.set_auth(result.auth)
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in result.headers))
        if result.model:
            self.model.setCurrentText(result.model)
        if result.key:
            self.key.set_key(result.key)
        self._loading = False
        self.sync_visibility()
        self._set_dirty(True)
        self.notice.setText(import_notes(result) or self.tr("Imported. Check the fields, then Save."))

    @property
    def testing(self) -> bool:
        """True while a connection test runs."""
        return self._probe_task is not None and not self._probe_task.done()

    @property
    def dirty(self) -> bool:
        """True while the form holds changes that are not saved."""
        return self._dirty

    async def aclose(self) -> None:
        await self.tasks.aclose()

    # ---- showing a profile ------------------------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None and item.text() != self._current:
            self.select(item.text())

    def _show(self, profile: Profile) -> None:
        self._loading = True
        self._fetched = None
        stored = self.catalog is not None and self._current == profile.name
        self.show_profile(profile, self.catalog.models(profile.name) if stored and self.catalog else [])
        self.fallbacks_section.show_profile(self._current, profile.fallbacks, self.profiles.names())
        self._loading = False
        self._set_dirty(False)

    def _models_of(self, name: str) -> list[str]:
        """A profile's models for its fallback entry: its default model, then its kept /models list."""
        try:
            default = self.profiles.get(name).model
        except ProfileError:
            return []
        kept = [info.id for info in self.catalog.models(name)] if self.catalog is not None else []
        return [default, *kept]

    def _preset_chosen(self, _index: int) -> None:
        preset_id = self.preset.currentData()
        if not preset_id:
            self._preset = None
            self._mark_dirty()
            return
        preset = preset_by_id(preset_id)
        self._preset = preset.id
        self.base_url.setText(preset.base_url)
        self.set_auth(preset.auth)
        self.proxy.setCurrentIndex(self.proxy.findData(PROXY_NONE if preset.local else PROXY_SYSTEM))
        if preset.model and not self.model.currentText().strip():
            self.model.setCurrentText(preset.model)
        self.models_section.request_cost.setChecked(preset.request_cost)
        self.notice.setText(preset_hint(preset))
        self.sync_visibility()
        self._mark_dirty()

    def _base_url_edited(self, url: str) -> None:
        # A preset's URL pointed at another server is a custom profile: it must not keep that gateway's
        # name and hints (issue 11 §6.4). The same host, or a local preset on this machine, keeps it.
        if self._preset is not None and preset_for_url(self._preset, url) is None:
            self._preset = None
            self.show_preset(None)
            self.notice.setText("")

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.show_buttons(dirty=dirty, stored=self._current is not None)

    def _revert(self) -> None:
        if self._current is not None:
            self.select(self._current)
        elif self.profiles.names():
            self.select(self.profiles.names()[0])
        else:
            self.new_profile()

    async def _show_key_status(self, name: str) -> None:
        has_key = False
        if self.auth.currentData() == "none":
            text = ""
        elif self.keystore.is_session_only(name):
            text = self.tr("The key is kept for this session only: it is gone when Sluice quits.")
        else:
            try:
                has_key = bool(await self.keystore.aget(name))
            except KeystoreError as exc:
                text = self.tr("The system keyring cannot be used: {}").format(exception_text(exc))
            else:
                text = (
                    self.tr("A key is saved in the system keyring. Type a new one to replace it.")
                    if has_key
                    else self.tr("No key is saved for this profile.")
                )
        if self._current == name:
            self.key_status.setText(text)
            if has_key:
                self.key.set_placeholder(self.tr("•••••••• (saved in the keyring)"))

    async def _key_for_requests(self) -> str | None:
        """The typed key, else the saved one (for Test and Fetch: nothing needs saving first)."""
        typed = self.key.key()
        if typed or self._current is None:
            return typed or None
        try:
            return await self.keystore.aget(self._current)
        except KeystoreError:
            return None

    # ---- saving -------------------------------------------------------------------------------------

    async def save(self) -> bool:
        """Write the profile to profiles.toml and its key to the keyring. False (and words why) if not.

        The key goes first: when the keyring refuses it nothing is saved, the typed key stays in the field
        and the form stays unsaved, so that choosing another profile (or a banner's "Open profile") cannot
        clear it while the user decides (unlock and retry, or keep it for this session only).
        """
        outcome = await self._save(self.key.key() or None)
        if outcome is None:
            return False
        self.key.set_key("")
        self.trouble.hide()
        self._set_dirty(False)
        saved = self.tr("Saved {}.").format(outcome.profile.name)
        if outcome.renamed_from is not None and outcome.fallbacks_named:
            followed = self.tr("The fallbacks of {profiles} now name {name}.").format(
                profiles=", ".join(outcome.fallbacks_named), name=outcome.profile.name
            )
            saved = f"{saved} {followed}"
        self.notice.setText(saved)
        await self._show_key_status(outcome.profile.name)
        return True

    async def _save(self, key: str | None) -> Outcome | None:
        try:
            profile = self.form_profile()
        except ProfileError as exc:
            self.show_error(self.tr("Not saved: {}.").format(exception_text(exc)))
            return None
        old = self._current
        try:
            outcome = await self.service.save(profile, key, original=old)
        except ProfileError as exc:
            self.show_error(self.tr("Not saved: {}.").format(exception_text(exc)))
            return None
        except OSError as exc:
            self.show_error(
                self.tr("Not saved: {path} could not be written ({error}).").format(
                    path=self.profiles.path, error=exc.strerror or exc
                )
            )
            return None
        except KeystoreError as exc:
            self.trouble.show_problem(exception_text(exc))
            if key:
                self.key_status.setText(self.tr("Not saved yet: the keyring did not take the key."))
            else:  # a secret header or the proxy password was refused: the form keeps what was typed
                self.show_error(self.tr("Not saved: {}.").format(exception_text(exc)))
            return None
        if outcome.profile != profile:  # typed secrets went to the keyring: show the form as stored
            self._show_stored_secrets(outcome.profile)
        self.show_error("\n".join(self._problem_text(p) for p in outcome.problems))
        name = outcome.profile.name
        self._keep_catalogue(outcome.profile, renamed_from=outcome.renamed_from)
        self._current = name
        self.show_names(self.profiles.names())
        self.select_row(name)
        loading, self._loading = self._loading, True
        self.fallbacks_section.show_profile(name, outcome.profile.fallbacks, self.profiles.names())
        self._loading = loading
        if outcome.renamed_from is not None:
            self.profile_renamed.emit(outcome.renamed_from, name)
        self.profile_saved.emit(name)
        return outcome

    def _show_stored_secrets(self, stored: Profile) -> None:
        """After a save: secret headers as password fields, the proxy URL without its password."""
        loading, self._loading = self._loading, True
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in stored.headers))
        self.show_secret_headers(stored.secret_headers)
        if self.proxy.currentData() == "url":
            self.proxy_url.setText(stored.proxy)
        self._loading = loading

    async def _with_saved_secrets(self, profile: Profile) -> Profile:
        """The form's profile with the secret header values and proxy password the keyring holds."""
        try:
            return await SecretFiller(self.keystore)(profile)
        except ChatError:
            return profile  # not saved yet: the request goes without, and the gateway says what it misses

    def _keep_for_session(self) -> None:
        """No usable keyring: keep the typed key in memory until Sluice quits (and save the rest)."""
        key = self.key.key()
        if not key:
            return
        try:
            unchanged = self._current is not None and self.form_profile() == self.profiles.get(self._current)
        except ProfileError:
            unchanged = False
        if unchanged and self._current is not None:
            self._key_kept(self._current, key)  # nothing else to save: at once
        else:
            self.tasks.run(self._save_keeping_key(key))

    async def _save_keeping_key(self, key: str) -> None:
        outcome = await self._save(None)
        if outcome is not None:
            self._key_kept(outcome.profile.name, key)

    def _key_kept(self, name: str, key: str) -> None:
        self.keystore.set_session(name, key)
        self.key.set_key("")
        self.trouble.hide()
        self._set_dirty(False)  # the key has a home now: nothing in the form is left unsaved
        self.key_status.setText(
            self.tr("The key is kept for this session only: it is gone when Sluice quits.")
        )
        self.profile_saved.emit(name)

    def _problem_text(self, problem: Problem) -> str:
        """What went wrong after a save, in the user's language (the service's English is the CLI's)."""
        error = exception_text(problem.error)
        texts = {
            "key_not_moved": self.tr("The profile was renamed, but its key could not be moved: {}"),
            "key_not_copied": self.tr("The copy was made, but its key could not be copied: {}"),
            "key_not_deleted": self.tr(
                "The profile was deleted, but its key could not be removed from the keyring: {}"
            ),
            "secrets_not_moved": self.tr(
                "The profile was renamed, but its secret headers or proxy password could not be moved: {}"
            ),
            "secrets_not_copied": self.tr(
                "The copy was made, but its secret headers or proxy password could not be copied: {}"
            ),
            "secrets_not_deleted": self.tr(
                "The profile was changed or deleted, but a secret header or proxy password could not be "
                "removed from the keyring: {}"
            ),
            "conversations_not_moved": self.tr(
                "The profile was renamed, but its conversations still name the old one: {}"
            ),
        }
        return texts.get(problem.what, "{}").format(error)

    async def duplicate(self) -> None:
        if self._current is None:
            return
        try:
            outcome = await self.service.duplicate(self._current, on_saved=self._show_copy)
        except (ProfileError, OSError) as exc:
            self.show_error(self.tr("Not duplicated: {}").format(exception_text(exc)))
            return
        self.show_error("\n".join(self._problem_text(p) for p in outcome.problems))
        await self._show_key_status(outcome.profile.name)

    def _show_copy(self, copy: Profile) -> None:
        self.show_names(self.profiles.names())
        self.select(copy.name)
        self.profile_saved.emit(copy.name)

    def _confirm_delete(self) -> None:
        name = self._current
        if name is None:
            self._revert()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete profile"),
            self.tr("Delete the profile “{}” and its API key? Conversations that used it are kept.").format(
                name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDelete")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the profile's name
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Delete"))
        yes.clicked.connect(lambda: self.tasks.run(self.delete(name)))
        box.open()

    async def delete(self, name: str) -> None:
        try:
            outcome = await self.service.delete(name)
        except (ProfileError, OSError) as exc:
            self.show_error(self.tr("Not deleted: {}").format(exception_text(exc)))
            return
        self._catalogue_write(lambda catalog: catalog.forget(name), name)
        self.show_names(self.profiles.names())
        self._current = None
        names = self.profiles.names()
        if names:
            self.select(names[0])
        else:
            self.new_profile()
        self.profile_deleted.emit(name)
        if outcome.problems:
            self.show_error("\n".join(self._problem_text(p) for p in outcome.problems))
            return
        deleted = self.tr("Deleted {} and its key.").format(name)
        if outcome.fallbacks_named:
            kept = self.tr(
                "The fallbacks of {profiles} still name it: they show it as missing and skip it until you "
                "change them."
            ).format(profiles=", ".join(outcome.fallbacks_named))
            deleted = f"{deleted} {kept}"
        self.notice.setText(deleted)

    # ---- models and the connection test ----------------------------------------------------------

    async def fetch_models(self, *, quiet: bool = False) -> list[str]:
        """Fill the model list from /models; the typed model is kept. Errors go to a label, not a box.

        What /models says of each model (images, prices) fills the Models table and, for a stored profile
        whose URL is unchanged, is kept in the catalogue that `sluice ask` and the window read.
        """
        try:
            profile = self.form_profile(with_models=False)
        except ProfileError as exc:
            if not quiet:
                self.models_status.setText(
                    self.tr("Cannot fetch the list yet: {}.").format(exception_text(exc))
                )
            return []
        asked_for = self._current
        self.fetch_button.setEnabled(False)
        self.models_status.setText(self.tr("Fetching the model list…"))
        try:
            profile = await self._with_saved_secrets(profile)
            infos = await self.client.list_model_info(profile, await self._key_for_requests())
        except SluiceError as exc:
            self.models_status.setText(
                self.tr("Could not fetch the model list: {}").format(exception_text(exc))
            )
            return []
        finally:
            self.fetch_button.setEnabled(True)
        models = [info.id for info in infos]
        if asked_for != self._current or profile.base_url != self.base_url.text().strip():
            return models  # another profile (or URL) is shown now: this list is not its gateway's
        typed = self.model.currentText()
        loading, self._loading = self._loading, True
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(typed)
        self.models_section.set_published(infos)
        self._loading = loading
        self._fetched = (profile.base_url, infos)
        # A save may have renamed or removed the profile while the list was on its way.
        kept_for = asked_for if asked_for in self.profiles.names() else None
        if kept_for is not None and self.profiles.get(kept_for).base_url == profile.base_url:
            self._catalogue_write(lambda catalog: catalog.replace(kept_for, infos), kept_for)
        self.models_status.setText(
            self.tr("{} models available.").format(len(models)) if models else self.tr("The list is empty.")
        )
        return models

    def _keep_catalogue(self, saved: Profile, *, renamed_from: str | None) -> None:
        """After a save: the kept list follows a rename, and a list fetched for this URL is kept."""
        if renamed_from is not None:
            self._catalogue_write(lambda catalog: catalog.rename(renamed_from, saved.name), saved.name)
        if self._fetched is not None and self._fetched[0] == saved.base_url:
            infos = self._fetched[1]
            self._catalogue_write(lambda catalog: catalog.replace(saved.name, infos), saved.name)

    def _catalogue_write(self, write: Callable[[ModelCatalog], None], name: str) -> None:
        if self.catalog is None:
            return
        try:
            write(self.catalog)
        except OSError:  # only a cache of what the gateway says: the editor goes on without it
            log.warning("could not keep the model list of %s", name, exc_info=True)

    def start_test(self) -> None:
        self._cancel_probe()
        self._probe_task = self.tasks.run(self.test_connection())

    def _cancel_probe(self) -> None:
        if self._probe_task is not None and not self._probe_task.done():
            self._probe_task.cancel()

    async def test_connection(self) -> ProbeReport | None:
        try:
            profile = self.form_profile(with_models=False)
        except ProfileError as exc:
            self.show_error(self.tr("Cannot test yet: {}.").format(exception_text(exc)))
            return None
        self.show_error("")
        key = await self._key_for_requests()
        profile = await self._with_saved_secrets(profile)
        report = await self.probe_panel.run(self._run_probe, profile, key, self.test_button)
        if report.stream_options_rejected and self.stream_usage.isChecked():
            self.stream_usage.setChecked(False)  # marks the form changed: Save keeps it off
        return report
