"""Each profile's model list for the picker: fetched from the gateway's /models once (or on ⟳), one request
at a time per profile, and kept in the catalogue (prices, whether a model takes images) for `sluice ask`.

Owned by the chat controller, which says what to fetch and redraws the picker on `fetched`. A failed fetch
says why in the status bar and leaves an empty list (a model id can still be typed by hand).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.errors import SluiceError
from app.core.models import Profile
from app.net.client import ChatClient
from app.profiles.catalog import ModelCatalog
from app.profiles.store import ProfileStore
from app.session import ChatSession
from app.ui.chat.topbar import ChatTopBar
from app.ui.i18n import exception_text
from app.ui.tasks import Tasks

log = logging.getLogger(__name__)


class ModelLists(QObject):
    """The model ids each profile's gateway listed.

    Signals:
        notice(str): a fetch failed (plain words for the status bar).
        fetched(str): a profile's list arrived (its name); empty after a failure.
    """

    notice = Signal(str)
    fetched = Signal(str)

    def __init__(
        self,
        *,
        session: ChatSession,
        client: ChatClient,
        profiles: ProfileStore,
        catalog: ModelCatalog | None,
        topbar: ChatTopBar,
        tasks: Tasks,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.client, self.profiles, self.catalog = session, client, profiles, catalog
        self.topbar, self.tasks = topbar, tasks
        self.models: dict[str, list[str]] = {}
        self.fetching: set[str] = set()  # profiles whose model list is being fetched

    def all_profiles(self) -> list[Profile]:
        found = []
        for name in self.profiles.names():
            try:
                found.append(self.profiles.get(name))
            except SluiceError:
                continue
        return found

    def fetch_missing(self) -> None:
        """Ask for every profile's list not fetched (nor being fetched) yet: the picker opened."""
        for profile in self.all_profiles():
            if profile.name not in self.models and profile.name not in self.fetching:
                self.tasks.run(self._fetch(profile))

    def load(self, profile: Profile | None, *, force: bool = False) -> None:
        if profile is None or (profile.name in self.models and not force):
            return
        if profile.name in self.fetching:
            return  # one request at a time per profile: its answer serves both
        self.tasks.run(self._fetch(profile))

    async def _fetch(self, profile: Profile) -> None:
        self.fetching.add(profile.name)
        self.topbar.set_models_loading(True)
        try:
            # The first fetch comes after the user's first press (controller.warm_up): the network stack
            # loads in a worker thread meanwhile, the window keeps drawing.
            await self.client.prepare()
            key = await self.session.key_for(profile)
            infos = await self.client.list_model_info(profile, key)
            models = [info.id for info in infos]
            if self.catalog is not None:
                try:
                    self.catalog.replace(profile.name, infos)
                except OSError:  # only a cache: the list is still shown
                    log.warning("could not keep the model list of %s", profile.name, exc_info=True)
        except SluiceError as exc:
            self.notice.emit(
                QCoreApplication.translate(
                    "ChatController", "Could not fetch the model list of {profile}: {error}"
                ).format(profile=profile.name, error=exception_text(exc))
            )
            models = []
        finally:
            self.fetching.discard(profile.name)
            self.topbar.set_models_loading(bool(self.fetching))
        self.models[profile.name] = models
        self.fetched.emit(profile.name)
