"""Gateway profiles: presets, and load/save of profiles.toml. Keys are not here (see app.keystore).

The names below are loaded when first asked for (PEP 562): `app.settings` imports this package's TOML writer
before the window's first frame, which must not pay for the presets and the profile store's dataclasses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.profiles.presets import PRESETS, Preset, from_preset, preset_by_id
    from app.profiles.store import ProfileStore, normalise_base_url, validate_profile

__all__ = [
    "PRESETS",
    "Preset",
    "ProfileStore",
    "from_preset",
    "normalise_base_url",
    "preset_by_id",
    "validate_profile",
]

_WHERE = {
    "PRESETS": "app.profiles.presets",
    "Preset": "app.profiles.presets",
    "from_preset": "app.profiles.presets",
    "preset_by_id": "app.profiles.presets",
    "ProfileStore": "app.profiles.store",
    "normalise_base_url": "app.profiles.store",
    "validate_profile": "app.profiles.store",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
