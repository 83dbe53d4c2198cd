"""What each profile's gateway said about its models (images, prices), kept between runs.

`sluice models` and the window's model list refresh it from `GET /models`; `sluice ask` only reads it (it
never waits on `/models` itself). One JSON file in the data dir, replaced atomically; a missing or damaged
file is an empty catalogue (it is a cache of what the gateway says, so nothing the user wrote is lost).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.core.models import ModelInfo, Profile
from app.core.pricing import Price, PriceError, parse_price_spec

log = logging.getLogger(__name__)

_VERSION = 1
MAX_FILE_BYTES = 16 * 1024 * 1024  # ~500 models × dozens of profiles is well under 1 MB


class ModelCatalog:
    """Per profile: the models its gateway listed, and when. Read lazily, written whole."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._profiles: dict[str, dict[str, object]] | None = None

    def _data(self) -> dict[str, dict[str, object]]:
        if self._profiles is None:
            self._profiles = self._read()
        return self._profiles

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                log.warning("%s is too large to be a model list; ignored", self.path)
                return {}
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("model list %s could not be read (%s); starting empty", self.path, exc)
            return {}
        profiles = document.get("profiles") if isinstance(document, dict) else None
        if not isinstance(profiles, dict):
            return {}
        return {name: entry for name, entry in profiles.items() if isinstance(entry, dict)}

    def models(self, profile: str) -> list[ModelInfo]:
        entry = self._data().get(profile, {})
        models = entry.get("models")
        if not isinstance(models, dict):
            return []
        return [_info_from_json(model_id, value) for model_id, value in sorted(models.items())]

    def model(self, profile: str, model_id: str) -> ModelInfo | None:
        entry = self._data().get(profile, {})
        models = entry.get("models")
        if not isinstance(models, dict) or model_id not in models:
            return None
        return _info_from_json(model_id, models[model_id])

    def fetched_at(self, profile: str) -> float | None:
        value = self._data().get(profile, {}).get("fetched")
        return float(value) if isinstance(value, int | float) else None

    def replace(self, profile: str, models: list[ModelInfo], *, now: float | None = None) -> None:
        """Keep `models` as what `profile`'s gateway lists now, and write the file."""
        self._profiles = self._read()  # another process may have written meanwhile: keep its profiles
        self._profiles[profile] = {
            "fetched": time.time() if now is None else now,
            "models": {info.id: _info_to_json(info) for info in models},
        }
        self._write()

    def rename(self, old: str, new: str) -> None:
        self._profiles = self._read()
        if old in self._profiles:
            self._profiles[new] = self._profiles.pop(old)
            self._write()

    def forget(self, profile: str) -> None:
        self._profiles = self._read()
        if self._profiles.pop(profile, None) is not None:
            self._write()

    def _write(self) -> None:
        data = json.dumps({"version": _VERSION, "profiles": self._profiles}, ensure_ascii=False).encode()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".models-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
            os.replace(tmp_name, self.path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def takes_images(self, profile: Profile, model: str) -> bool | None:
        """The user's word first (`--vision`), else what the gateway's /models said, else None (unknown)."""
        for marked, takes in profile.vision:
            if marked == model:
                return takes
        info = self.model(profile.name, model)
        return info.vision if info is not None else None

    def price_for(self, profile: Profile, model: str) -> Price | None:
        """The price of exactly this profile's model: the user's own first, else the gateway's; else None."""
        return user_price(profile, model) or _published(self.model(profile.name, model))


def user_price(profile: Profile, model: str) -> Price | None:
    for priced_model, spec in profile.prices:
        if priced_model == model:
            try:
                return parse_price_spec(spec)
            except PriceError:  # validated when set; a hand-edited file that broke it means "unknown"
                return None
    return None


def _published(info: ModelInfo | None) -> Price | None:
    return info.price if info is not None else None


def _info_to_json(info: ModelInfo) -> dict[str, object]:
    out: dict[str, object] = {}
    if info.vision is not None:
        out["vision"] = info.vision
    if info.price is not None:
        price = info.price
        out["price"] = {
            "input": str(price.input),
            "output": str(price.output),
            "cached": str(price.cached) if price.cached is not None else None,
            "currency": price.currency,
        }
    return out


def _info_from_json(model_id: str, value: object) -> ModelInfo:
    if not isinstance(value, dict):
        return ModelInfo(model_id)
    vision = value.get("vision")
    return ModelInfo(
        model_id, vision if isinstance(vision, bool) else None, _price_from_json(value.get("price"))
    )


def _price_from_json(value: object) -> Price | None:
    if not isinstance(value, dict):
        return None
    try:
        input_price = Decimal(str(value["input"]))
        output_price = Decimal(str(value["output"]))
        cached = value.get("cached")
        cached_price = Decimal(str(cached)) if cached is not None else None
        currency = str(value["currency"])
    except (KeyError, InvalidOperation):
        return None
    return Price(input_price, output_price, currency, cached_price, "published")
