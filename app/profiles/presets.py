"""Known gateways, so that adding a profile is "pick one, paste a key".

A preset's model is a sensible default where one is known; "" means the user picks from `/models`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core.errors import ProfileError
from app.core.models import AUTH_BEARER, AUTH_NONE, PROXY_NONE, PROXY_SYSTEM, Profile
from app.core.sentences import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    base_url: str
    model: str
    auth: str
    needs_key: bool
    local: bool
    docs_hint: str
    request_cost: bool = False  # the gateway reports each reply's cost when asked (`usage.include`)


def _gateway(
    id: str, label: str, base_url: str, model: str, docs_hint: str, *, request_cost: bool = False
) -> Preset:
    return Preset(
        id,
        label,
        base_url,
        model,
        AUTH_BEARER,
        needs_key=True,
        local=False,
        docs_hint=docs_hint,
        request_cost=request_cost,
    )


def _local(id: str, label: str, base_url: str, docs_hint: str) -> Preset:
    return Preset(id, label, base_url, "", AUTH_NONE, needs_key=False, local=True, docs_hint=docs_hint)


PRESETS: tuple[Preset, ...] = (
    _gateway(
        "zenmux",
        "ZenMux",
        "https://zenmux.ai/api/v1",
        "openai/gpt-5",
        # ZenMux's own statement (zenmux-doc #190): a stream stopped early is billed as if it ran to the end.
        QT_TRANSLATE_NOOP(
            "presets", "Create an API key in the ZenMux console. ZenMux bills a stopped reply in full."
        ),
    ),
    _gateway(
        "api000",
        "零度API",
        "https://api000.com/v1",
        "",
        QT_TRANSLATE_NOOP("presets", "Create an API key (令牌) in the 零度API console."),
    ),
    _gateway(
        "dmxapi",
        "DMXAPI",
        "https://www.dmxapi.cn/v1",
        "",
        QT_TRANSLATE_NOOP("presets", "Create an API key (令牌) in the DMXAPI console."),
    ),
    _gateway(
        "lemondata",
        "LemonData",
        "https://api.lemondata.cc/v1",
        "",
        QT_TRANSLATE_NOOP("presets", "Create an API key in the LemonData console."),
    ),
    _gateway(
        "mytokengate",
        "MyTokenGate",
        "https://gateway.mytokengate.com/v1",
        "",
        QT_TRANSLATE_NOOP("presets", "Create an API key in the MyTokenGate console."),
    ),
    _gateway(
        "openai",
        "OpenAI",
        "https://api.openai.com/v1",
        "gpt-4o-mini",
        QT_TRANSLATE_NOOP("presets", "Keys: https://platform.openai.com/api-keys"),
    ),
    _gateway(
        "openrouter",
        "OpenRouter",
        "https://openrouter.ai/api/v1",
        "openai/gpt-4o-mini",
        QT_TRANSLATE_NOOP("presets", "Keys: https://openrouter.ai/keys"),
        request_cost=True,
    ),
    _gateway(
        "deepseek",
        "DeepSeek",
        "https://api.deepseek.com/v1",
        "deepseek-chat",
        QT_TRANSLATE_NOOP("presets", "Keys: https://platform.deepseek.com/api_keys"),
    ),
    _local(
        "ollama",
        QT_TRANSLATE_NOOP("presets", "Ollama (local)"),
        "http://localhost:11434/v1",
        QT_TRANSLATE_NOOP(
            "presets", "No key needed. Start Ollama and pull a model first, e.g. `ollama pull llama3.2`."
        ),
    ),
    _local(
        "lmstudio",
        QT_TRANSLATE_NOOP("presets", "LM Studio (local)"),
        "http://localhost:1234/v1",
        QT_TRANSLATE_NOOP(
            "presets", "No key needed. Load a model and start the local server in LM Studio's Developer tab."
        ),
    ),
)


# Not a gateway of its own: the entry for any other OpenAI-compatible server. Profiles made from it have
# `preset = None` (no other gateway's hints, nothing to match their URL against). Kept out of PRESETS so
# that `--preset` and the lists of known gateways do not offer it.
CUSTOM = Preset(
    "custom",
    QT_TRANSLATE_NOOP("presets", "Custom (any OpenAI-compatible server)"),
    "",
    "",
    AUTH_BEARER,
    needs_key=True,
    local=False,
    docs_hint=QT_TRANSLATE_NOOP(
        "presets",
        "Any server that speaks the OpenAI API: enter its base URL (it usually ends in /v1) and its key.",
    ),
)

_LOOPBACK_NAMES = frozenset({"localhost", "::1"})


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _loopback(host: str) -> bool:
    return host in _LOOPBACK_NAMES or host.startswith("127.")


def preset_for_url(preset_id: str | None, base_url: str) -> str | None:
    """The preset a profile keeps once its base URL is `base_url`: the same one while the URL stays on the
    preset's host (or, for a local server, on this machine), else None (custom). A preset's URL pointed at
    another server must not keep that preset's name and hints."""
    if preset_id is None:
        return None
    try:
        preset = preset_by_id(preset_id)
    except ProfileError:
        return preset_id  # a preset this version does not know: nothing to compare with, keep it
    host, own = _host(base_url), _host(preset.base_url)
    if host is None or own is None:
        return preset_id  # no URL yet: nothing says the user moved away
    if host == own or (preset.local and _loopback(host)):
        return preset_id
    return None


def preset_by_id(id: str) -> Preset:
    for preset in PRESETS:
        if preset.id == id:
            return preset
    known = ", ".join(p.id for p in PRESETS)
    raise ProfileError(f"no preset named {id!r}; known presets: {known}")


def from_preset(preset: Preset, name: str, model: str | None = None) -> Profile:
    """A new profile for `preset`; `model` overrides the preset's default model."""
    return Profile(
        name=name,
        base_url=preset.base_url,
        model=preset.model if model is None else model,
        auth=preset.auth,
        # A local server needs no proxy; saying so in the file makes it visible to the user.
        proxy=PROXY_NONE if preset.local else PROXY_SYSTEM,
        preset=preset.id,
        request_cost=preset.request_cost,
    )
