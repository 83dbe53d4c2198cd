"""Gateway profiles: presets, and load/save of profiles.toml. Keys are not here (see app.keystore)."""

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
