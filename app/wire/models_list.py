"""A gateway's `GET /models` answer → ModelInfo: ids, whether a model takes images, and its price.

Only what the gateway states is taken: capability is never guessed from a model's name (a vision toggle
decided from names is where other clients go wrong). Shapes read:

- ``{"data": [...]}`` (OpenAI) or a bare list;
- vision: ``architecture.input_modalities`` (OpenRouter), ``capabilities.vision``, ``modalities.input`` or
  ``input_modalities`` containing ``"image"``;
- price: see `app.core.pricing.published_price`.
"""

from __future__ import annotations

from app.core.models import ModelInfo
from app.core.pricing import published_price

MAX_MODELS = 20_000  # OpenRouter lists ~500; a list far longer is not one to keep
MAX_ID_LENGTH = 300


def parse_models(payload: object) -> list[ModelInfo]:
    """Every model with a string id, first entry winning for a repeated id, sorted by id."""
    data = payload.get("data") if isinstance(payload, dict) else payload
    found: dict[str, ModelInfo] = {}
    for entry in (data if isinstance(data, list) else [])[:MAX_MODELS]:
        if not isinstance(entry, dict):
            continue
        model_id = entry.get("id")
        if not isinstance(model_id, str | int) or isinstance(model_id, bool):
            continue
        model_id = str(model_id)
        if not model_id or len(model_id) > MAX_ID_LENGTH or model_id in found:
            continue
        found[model_id] = ModelInfo(model_id, takes_images(entry), published_price(entry))
    return [found[key] for key in sorted(found)]


def takes_images(entry: dict[str, object]) -> bool | None:
    """True or False where the entry says; None where it says nothing about input modalities."""
    said: bool | None = None
    architecture = entry.get("architecture")
    modality_lists = [
        architecture.get("input_modalities") if isinstance(architecture, dict) else None,
        entry.get("input_modalities"),
    ]
    modalities = entry.get("modalities")
    if isinstance(modalities, dict):
        modality_lists.append(modalities.get("input"))
    for listed in modality_lists:
        if isinstance(listed, list):
            if "image" in listed:
                return True
            said = False
    capabilities = entry.get("capabilities")
    if isinstance(capabilities, dict) and isinstance(capabilities.get("vision"), bool):
        return bool(capabilities["vision"]) or said is True
    return said
