"""Turn what a gateway's docs show into a profile: a cURL command, an OpenAI SDK snippet, or a bare base URL.

Pure text work, no I/O: `parse_snippet(text)` returns an ImportedProfile or raises ProfileError saying what
was missing. The readers in `app.profiles.snippets` only collect what the text says (URL, headers, key,
model); this module decides what it means: the base URL, the auth style, whether the key is a placeholder.

A real key found in the text is returned in `.key` and nowhere else: never in a note, an error or a repr.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from app.core.errors import ProfileError, redact
from app.core.models import AUTH_BEARER, AUTH_HEADER_PREFIX, AUTH_NONE, AUTH_RAW
from app.core.sentences import QT_TRANSLATE_NOOP
from app.profiles.snippets import (
    CURL_COMMAND,
    Draft,
    env_var_name,
    is_placeholder,
    read_code,
    read_curl,
    read_lines,
)

__all__ = ["MAX_SNIPPET", "MESSAGES", "ImportedProfile", "parse_snippet"]

MAX_SNIPPET = 100_000  # characters; a docs example is a few hundred

OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"

# What a ProfileError from here says, and the notes an import comes with, marked for lupdate: `.format()`
# makes a Sentence that the window translates with its fields (app/core/sentences.py). `{kind}` is one of
# app.profiles.snippets.MESSAGES' kinds.
MESSAGES: dict[str, str] = {
    "too_long": QT_TRANSLATE_NOOP(
        "import", "the pasted text is too long ({length:,} characters); paste just the example"
    ),
    "empty": QT_TRANSLATE_NOOP(
        "import", "nothing to import: paste a cURL command, an OpenAI SDK snippet or a base URL"
    ),
    "unrecognised": QT_TRANSLATE_NOOP(
        "import",
        "found no cURL command, OpenAI SDK snippet or base URL in the pasted text; paste the example "
        "request from the gateway's docs, e.g. curl https://…/v1/chat/completions -H "
        '"Authorization: Bearer …" -d \'{{"model": …}}\'',
    ),
    "no_url": QT_TRANSLATE_NOOP("import", "the {kind} has no URL"),
    "url_no_host": QT_TRANSLATE_NOOP(
        "import",
        "the URL in the snippet ({url}) has no host: it uses a variable or a placeholder; "
        "put the gateway's address in its place and paste again",
    ),
    "url_characters": QT_TRANSLATE_NOOP(
        "import", "the URL in the snippet ({url}) has spaces or characters a URL cannot have"
    ),
    "url_invalid": QT_TRANSLATE_NOOP("import", "the URL in the snippet ({url}) is not a valid URL"),
    "url_scheme": QT_TRANSLATE_NOOP(
        "import", "the URL in the snippet ({url}) must start with http:// or https://"
    ),
    "note.default_base_url": QT_TRANSLATE_NOOP(
        "import", "The snippet sets no base URL, so the OpenAI SDK's default {url} is used."
    ),
    "note.model_placeholder": QT_TRANSLATE_NOOP(
        "import", "The model in the snippet is a placeholder, so none was set."
    ),
    "note.no_scheme": QT_TRANSLATE_NOOP("import", "The URL had no scheme, so {scheme}:// was assumed."),
    "note.user_info": QT_TRANSLATE_NOOP(
        "import", "The URL carried a user name or password; it was left out."
    ),
    "note.query": QT_TRANSLATE_NOOP(
        "import",
        "The URL's query ({names}) was left out: Sluice calls <base URL>/chat/completions without one.",
    ),
    "note.query_unnamed": QT_TRANSLATE_NOOP(
        "import",
        "The URL's query (parameters) was left out: Sluice calls <base URL>/chat/completions without one.",
    ),
    "note.not_endpoint": QT_TRANSLATE_NOOP(
        "import", "The URL does not end in /chat/completions, so it was used as the base URL as it is."
    ),
    "note.second_secret": QT_TRANSLATE_NOOP(
        "import",
        "The header {name} also carries a secret; a profile keeps only one key, so it was left out.",
    ),
    "note.invalid_header": QT_TRANSLATE_NOOP("import", "A header that is not valid HTTP was left out."),
    "note.header_placeholder": QT_TRANSLATE_NOOP(
        "import", "The header {name} holds a placeholder, so it was left out."
    ),
    "note.no_key_pasted": QT_TRANSLATE_NOOP("import", "The pasted text holds no API key: paste your own."),
    "note.no_key_sent": QT_TRANSLATE_NOOP(
        "import", "The snippet sends no API key, so this profile sends none either."
    ),
    "note.dummy_key": QT_TRANSLATE_NOOP(
        "import", "{key!r} is a dummy key that local servers ignore, so this profile sends no key."
    ),
    "note.key_placeholder": QT_TRANSLATE_NOOP(
        "import", "The key in the snippet is a placeholder: paste your own."
    ),
    "note.key_placeholder_env": QT_TRANSLATE_NOOP(
        "import",
        "The key in the snippet is a placeholder: paste your own (the snippet reads it from the "
        "environment variable {variable}).",
    ),
}

# Endpoints people paste whole; the profile wants what comes before them.
_ENDPOINTS = ("/chat/completions", "/completions", "/embeddings", "/responses", "/models")
# Headers the client sets itself, or that only a browser sends.
_DROPPED_HEADERS = frozenset(
    {
        "content-type",
        "accept",
        "content-length",
        "host",
        "accept-encoding",
        "accept-language",
        "connection",
        "transfer-encoding",
        "expect",
        "origin",
        "priority",
        "pragma",
        "cache-control",
    }
)
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "api-key", "x-api-key"})
_KEYISH_NAME = re.compile(
    r"(?i)(?:^|[-_])(?:api[-_]?key|key|token|secret|auth|authorization|password)(?:[-_]|$)"
)
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")
_BAD_URL_CHARS = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
# Keys that local servers (Ollama, LM Studio, llama.cpp, vLLM) ignore; the SDKs insist on *some* key.
_DUMMY_KEYS = frozenset(
    {
        "ollama",
        "lm-studio",
        "lmstudio",
        "not-needed",
        "no-key",
        "nokey",
        "empty",
        "dummy",
        "sk-no-key-required",
    }
)


@dataclass(frozen=True, slots=True)
class ImportedProfile:
    """What a snippet says about a gateway. `auth` is spelled as Profile.auth is."""

    base_url: str
    auth: str = AUTH_BEARER
    key: str | None = field(default=None, repr=False)  # None: no key, or only a placeholder
    headers: tuple[tuple[str, str], ...] = ()  # extra headers, without auth, Content-Type and Accept
    model: str | None = None
    notes: tuple[str, ...] = ()


def parse_snippet(text: str) -> ImportedProfile:
    """Read a cURL command, an OpenAI SDK snippet (Python, JS/TS) or a base URL (a key may follow).

    Raises:
        ProfileError: nothing usable was found, or the URL cannot be used (e.g. it is a shell variable).
    """
    if len(text) > MAX_SNIPPET:
        raise ProfileError(MESSAGES["too_long"].format(length=len(text)))
    text = _without_fences(text).strip()
    if not text:
        raise ProfileError(MESSAGES["empty"])
    for reader in (read_curl, read_code, read_lines):
        draft = reader(text)
        if draft is not None:
            return _finish(draft)
    raise ProfileError(MESSAGES["unrecognised"].format())


def _without_fences(text: str) -> str:
    """Drop Markdown code-fence lines (```bash …```), which people copy along with the command."""
    return re.sub(r"(?m)^[ \t]*(?:```|~~~)[^\n]*$", "", text)


def _finish(draft: Draft) -> ImportedProfile:
    notes = list(draft.notes)
    if draft.url is None:
        if not draft.openai_sdk:
            raise ProfileError(MESSAGES["no_url"].format(kind=draft.kind))
        notes.append(MESSAGES["note.default_base_url"].format(url=OPENAI_DEFAULT_BASE_URL))
        draft.url = OPENAI_DEFAULT_BASE_URL
    base_url, local = _base_url(draft.url, notes, endpoint_expected=draft.kind == CURL_COMMAND)
    auth, key, headers = _auth_and_headers(draft, local, notes)
    model = draft.model
    if model is not None and (not model.strip() or is_placeholder(model)):
        notes.append(MESSAGES["note.model_placeholder"])
        model = None
    if key is not None:
        # Belt and braces: whatever a reader put in a note, the key must not be in it.
        notes = [note.replace(key, "[redacted]") for note in notes]
    return ImportedProfile(
        base_url=base_url,
        auth=auth,
        key=key,
        headers=tuple(headers),
        model=model.strip() if model else None,
        notes=tuple(dict.fromkeys(notes)),
    )


def _shown(url: str) -> str:
    """A URL as an error message may show it: no query or user info (either may carry a key), short."""
    shown = redact(re.sub(r"^([^/]*//)[^/@]*@", r"\1", url.split("?", 1)[0]))
    return shown if len(shown) <= 80 else shown[:77] + "…"


def _base_url(raw: str, notes: list[str], *, endpoint_expected: bool) -> tuple[str, bool]:
    """The profile's base URL for a URL in the snippet, and whether it points at this machine/LAN."""
    url = raw.strip().strip("'\"")
    if is_placeholder(url) or url.startswith("/"):
        raise ProfileError(MESSAGES["url_no_host"].format(url=_shown(url)))
    if "://" not in url:
        host = re.split(r"[/:?#]", url, maxsplit=1)[0]
        scheme = "http" if _is_local(host) else "https"
        url = f"{scheme}://{url}"
        notes.append(MESSAGES["note.no_scheme"].format(scheme=scheme))
    if _BAD_URL_CHARS.search(url):
        raise ProfileError(MESSAGES["url_characters"].format(url=_shown(url)))
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        raise ProfileError(MESSAGES["url_invalid"].format(url=_shown(url))) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise ProfileError(MESSAGES["url_scheme"].format(url=_shown(url)))
    netloc = parts.netloc
    if "@" in netloc:
        netloc = netloc.rsplit("@", 1)[1]
        notes.append(MESSAGES["note.user_info"])
    if parts.query:
        names = ", ".join(dict.fromkeys(name for name, _ in parse_qsl(parts.query, keep_blank_values=True)))
        notes.append(MESSAGES["note.query"].format(names=names) if names else MESSAGES["note.query_unnamed"])
    path = parts.path.rstrip("/")
    for endpoint in _ENDPOINTS:
        if path.lower().endswith(endpoint):
            path = path[: -len(endpoint)].rstrip("/")
            break
    else:
        if endpoint_expected and path:
            notes.append(MESSAGES["note.not_endpoint"])
    return f"{scheme}://{netloc}{path}", _is_local(host)


def _is_local(host: str) -> bool:
    """Loopback, LAN or a local name: where Ollama and LM Studio live, and where no key is needed."""
    host = host.strip("[]").lower()
    if host in ("localhost", "host.docker.internal") or host.endswith((".localhost", ".local", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified or address.is_link_local


def _is_keyish(name: str, value: str) -> bool:
    return name.lower() in _SECRET_HEADERS or bool(_KEYISH_NAME.search(name)) or redact(value) != value


def _auth_and_headers(
    draft: Draft, local: bool, notes: list[str]
) -> tuple[str, str | None, list[tuple[str, str]]]:
    """Pick the one header that carries the key (a profile holds one key); keep the plain extra headers."""
    sent = [(name.strip(), value.strip()) for name, value in draft.headers]
    auth, secret, auth_name = AUTH_NONE, None, None
    for name, value in sent:
        if name.lower() == "authorization":
            match = re.fullmatch(r"(?is)bearer(?:\s+(.*))?", value)
            auth, secret = (AUTH_BEARER, match.group(1) or "") if match else (AUTH_RAW, value)
            auth_name = name
            break
    else:
        for name, value in sent:
            lowered = name.lower()
            usable = lowered not in _DROPPED_HEADERS and lowered != "cookie" and _HEADER_NAME.fullmatch(name)
            if usable and _is_keyish(name, value):
                auth, secret, auth_name = f"{AUTH_HEADER_PREFIX}{name}", value, name
                break
    extra: dict[str, tuple[str, str]] = {}
    for name, value in sent:
        lowered = name.lower()
        if name == auth_name or lowered in _DROPPED_HEADERS or lowered.startswith("sec-"):
            continue
        if lowered == "cookie" or _is_keyish(name, value):
            notes.append(MESSAGES["note.second_secret"].format(name=name))
        elif not _HEADER_NAME.fullmatch(name) or "\r" in value or "\n" in value:
            notes.append(MESSAGES["note.invalid_header"])
        elif is_placeholder(value):
            notes.append(MESSAGES["note.header_placeholder"].format(name=name))
        else:
            extra[lowered] = (name, value)
    headers = list(extra.values())
    if secret is None:
        if draft.bare and not local:
            # A pasted base URL says nothing about auth; gateways want a Bearer key.
            notes.append(MESSAGES["note.no_key_pasted"])
            return AUTH_BEARER, None, headers
        if not local:
            notes.append(MESSAGES["note.no_key_sent"])
        return AUTH_NONE, None, headers
    secret = secret.strip()
    if secret.lower() in _DUMMY_KEYS and local:
        notes.append(MESSAGES["note.dummy_key"].format(key=secret))
        return AUTH_NONE, None, headers
    if not secret or secret.lower() in _DUMMY_KEYS or is_placeholder(secret):
        variable = env_var_name(secret)
        notes.append(
            MESSAGES["note.key_placeholder_env"].format(variable=variable)
            if variable
            else MESSAGES["note.key_placeholder"]
        )
        return auth, None, headers
    return auth, secret, headers
