"""Readers for the three shapes a gateway's docs give: a cURL command, SDK code, and plain lines.

Each reader returns a Draft of what the text literally says, or None when the text is not its shape;
`app.profiles.importer` turns a Draft into a profile. Nothing here decides what a value means, except
`is_placeholder`, which both sides use.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field

from app.core.sentences import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES", "Draft", "env_var_name", "is_placeholder", "read_code", "read_curl", "read_lines"]

# The kinds of text (Draft.kind, named in the importer's messages) and the notes the readers make. The
# window finds them again here to show them translated (app/ui/i18n.py).
MESSAGES: dict[str, str] = {
    "kind.curl": QT_TRANSLATE_NOOP("import", "cURL command"),
    "kind.code": QT_TRANSLATE_NOOP("import", "SDK snippet"),
    "kind.lines": QT_TRANSLATE_NOOP("import", "pasted text"),
    "note.header_file": QT_TRANSLATE_NOOP("import", "Headers read from a file (-H @file) were not imported."),
    "note.body_file": QT_TRANSLATE_NOOP(
        "import", "The request body is read from a file, so the model could not be read from it."
    ),
    "note.basic_auth": QT_TRANSLATE_NOOP(
        "import", "The command logs in with -u (HTTP basic auth), which was not imported."
    ),
}
CURL_COMMAND = MESSAGES["kind.curl"]


@dataclass
class Draft:
    kind: str  # MESSAGES["kind.…"]: "cURL command", "SDK snippet", "pasted text", for messages
    url: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)  # as sent, the auth header included
    model: str | None = None
    notes: list[str] = field(default_factory=list)
    openai_sdk: bool = False  # an OpenAI SDK client: no base URL means api.openai.com
    bare: bool = False  # only a URL (and maybe a key) was pasted: it says nothing about auth


# The patterns below are kept as text and compiled by `re` on first use (it caches them): compiling all
# of them at import cost ~4 ms of every window start, which imports this module for the welcome page and
# the profile editor while most starts never read a snippet.

# --- placeholders ------------------------------------------------------------------------------------

_VARIABLE = r"\$\{?(?:env:)?[A-Za-z_]|%[A-Za-z_]\w*%|\{\{|\{[A-Za-z_][\w.\[\]\"']*\}"
_PLACEHOLDER_WORD = r"(?i)(?:^|[-_\s<\[/.])your(?:[-_\s]|$)|replace|placeholder|change[-_]?me|[-_\s]here$"
_MASKED = r"(?:[A-Za-z0-9]{1,8}-){0,3}[xX*.…•_\-]{3,}"
_NAME_ONLY = r"(?i)[a-z_\-]{0,60}(?:key|token|secret)[a-z_\-]{0,60}"
_ENV_READ = (
    r"(?:process\.env\.|import\.meta\.env\.|process\.env\[[\"']|environ(?:\.get\(|\[)[\"']"
    r"|getenv\([\"']|env\.get\([\"'])([A-Za-z_][A-Za-z0-9_]{0,100})"
)
_ENV_SHELL = r"(?:\$\{?(?:env:)?|%)([A-Za-z_][A-Za-z0-9_]{0,100})"
_PLACEHOLDER_VALUES = frozenset({"", "none", "null", "undefined", "string", "token", "key", "<token>", "..."})


def is_placeholder(value: str) -> bool:
    """True for what docs write where your own value goes: $OPENAI_API_KEY, <your-api-key>, sk-xxx…"""
    value = value.strip().strip("'\"")
    if value.lower() in _PLACEHOLDER_VALUES:
        return True
    if ("<" in value and ">" in value) or ("[" in value and "]" in value):
        return True
    if "..." in value or "…" in value or "***" in value or "•" in value:
        return True
    return bool(
        re.search(_VARIABLE, value)
        or re.search(_PLACEHOLDER_WORD, value)
        or re.fullmatch(_MASKED, value)
        or re.fullmatch(_NAME_ONLY, value)
    )


def env_var_name(value: str) -> str | None:
    """The environment variable a placeholder reads (`$OPENAI_API_KEY`, `process.env.KEY`, …), if any."""
    match = re.search(_ENV_READ, value) or re.search(_ENV_SHELL, value)
    return match.group(1) if match else None


# --- cURL ----------------------------------------------------------------------------------------------

_CURL = r"(?im)(?:^|(?<=[\s;|&(`>$]))curl(?:\.exe)?(?=[ \t]|\\?$)"
_SHORT_WITH_VALUE = frozenset("ABbCcDdEeFHKmoPQrTtUuwXxYyz")
# curl's options that take a value; an option not listed is taken as a flag without one.
_LONG_WITH_VALUE = frozenset(
    """header data data-raw data-binary data-ascii data-urlencode json request url user user-agent output
    max-time connect-timeout proxy referer cookie cookie-jar write-out form form-string retry retry-delay
    retry-max-time upload-file config cacert capath cert key cert-type key-type pass range resolve
    connect-to limit-rate max-filesize interface dns-servers oauth2-bearer aws-sigv4 proxy-user
    proxy-header variable trace trace-ascii stderr dump-header local-port max-redirs speed-limit
    speed-time keepalive-time unix-socket abstract-unix-socket ciphers tls-max noproxy preproxy socks5
    socks5-hostname happy-eyeballs-timeout-ms expect100-timeout create-file-mode output-dir parallel-max
    url-query hsts alt-svc etag-save etag-compare request-target quote continue-at time-cond
    """.split()  # noqa: SIM905 (a list of 80 quoted words would hide them)
)
_DATA = frozenset({"d", "data", "data-raw", "data-binary", "data-ascii", "json"})
_SHELL_OPERATOR = r"[;&|<>]"
# What curl would take as its URL: a scheme, a host name or address, or a variable/placeholder for one.
_URLISH = (
    r"(?i)^(?:[a-z][a-z0-9+.-]*://|[$%{<]|/|localhost\b|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]"
    r"|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?]|$))"
)
_MODEL_IN_TEXT = r"""\\?["']model\\?["']\s*:\s*\\?["']([^"'\\\n]{1,200})"""
_MODEL_IN_FORM = r"(?:^|&)model=([^&\s]{1,200})"


def read_curl(text: str) -> Draft | None:
    start = re.search(_CURL, text)
    if start is None:
        return None
    tokens = _curl_tokens(_join_continuations(text[start.end() :]))
    draft = Draft(kind=CURL_COMMAND)
    positional: list[str] = []
    bodies: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.startswith("--") and len(token) > 2:
            name, eq, value = token[2:].partition("=")
            name = name.removeprefix("expand-")  # curl 8.3's --expand-header etc.
            if not eq and name in _LONG_WITH_VALUE:
                value, index = (tokens[index], index + 1) if index < len(tokens) else ("", index)
            elif not eq:
                continue  # a flag we do not know: assume it takes no value
            _curl_option(name, value, draft, bodies)
        elif token.startswith("-") and len(token) > 1:
            for at, letter in enumerate(token[1:], start=2):
                if letter in _SHORT_WITH_VALUE:
                    value = token[at:]
                    if not value:
                        value, index = (tokens[index], index + 1) if index < len(tokens) else ("", index)
                    _curl_option(letter, value, draft, bodies)
                    break
        else:
            positional.append(token)
    if draft.url is None:
        draft.url = next((p for p in positional if re.match(_URLISH, p)), None)
    if draft.url is None:
        return None  # "curl" in a sentence, not a command
    draft.model = _model_in_bodies(bodies)
    return draft


def _join_continuations(text: str) -> str:
    """One logical command: bash `\\`, cmd `^` and PowerShell backtick line continuations joined."""
    text = re.sub(r"(?m)^[ \t]*#[^\n]*$", "", text)  # shell comment lines (they may hold a stray quote)
    text = re.sub(r"\\[ \t]*\r?\n", " ", text)
    text = re.sub(r"\\[ \t]+(?=-)", " ", text)  # `\ -H` where a web page ate the newline
    text = re.sub(r"(?<=\s)`[ \t]*\r?\n", " ", text)
    if re.search(r"\^[ \t]*\r?\n", text) or '^"' in text:
        text = re.sub(r"\^[ \t]*\r?\n", " ", text)
        if '^"' in text:  # cmd-escaped (browsers' "Copy as cURL (cmd)"): ^X means X
            text = re.sub(r"\^(.)", r"\1", text)
    return text


def _shell_words(text: str) -> list[str]:
    for attempt in (text, text + "'", text + '"'):
        lexer = shlex.shlex(attempt, posix=True, punctuation_chars=";&|<>\n")
        lexer.whitespace = " \t\r"
        lexer.whitespace_split = True
        lexer.commenters = ""
        try:
            return list(lexer)
        except ValueError:  # an unclosed quote: try closing it
            continue
    return text.split()


def _curl_tokens(text: str) -> list[str]:
    """Shell words up to the end of the command: a pipe, `;`, `&&`, a redirect, or a newline that is not
    followed by an option (lines that lost their `\\` still continue with options)."""
    tokens = _shell_words(text)
    command: list[str] = []
    for at, token in enumerate(tokens):
        if token and not token.strip(";&|<>\n"):  # an operator (punctuation only)
            if re.search(_SHELL_OPERATOR, token):
                break
            following = next((t for t in tokens[at + 1 :] if t.strip("\n")), "")
            if not following.startswith("-"):
                break
            continue
        command.append(token)
    return command


def _curl_option(name: str, value: str, draft: Draft, bodies: list[str]) -> None:
    if name in ("H", "header"):
        if value.startswith("@"):
            draft.notes.append(MESSAGES["note.header_file"])
            return
        header, sep, header_value = value.partition(":")
        if sep and header.strip():
            draft.headers.append((header.strip(), header_value.strip()))
    elif name in _DATA or name.startswith("data"):
        if value.startswith("@") and name != "data-raw":
            draft.notes.append(MESSAGES["note.body_file"])
        else:
            bodies.append(value)
    elif name == "url":
        draft.url = draft.url or value
    elif name == "oauth2-bearer":
        draft.headers.append(("Authorization", f"Bearer {value}"))
    elif name in ("u", "user"):
        draft.notes.append(MESSAGES["note.basic_auth"])


def _model_in_bodies(bodies: list[str]) -> str | None:
    for body in bodies:
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            continue
        if isinstance(document, dict) and isinstance(document.get("model"), str):
            return str(document["model"])
    for body in bodies:  # not JSON (shell variables inside, PowerShell's \" …): look for the field itself
        match = re.search(_MODEL_IN_TEXT, body) or re.search(_MODEL_IN_FORM, body)
        if match:
            return match.group(1)
    return None


# --- SDK code (Python, JS/TS), requests snippets, .env files --------------------------------------------

_STRING = r"""[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.){0,2000}"|'(?:[^'\\\n]|\\.){0,2000}'|`[^`]{0,2000}`)"""
_EXPRESSION = r"""[^,;\n(){}]{0,300}(?:\([^()\n]{0,300}\))?"""
_ASSIGNMENT = (
    rf"""(?<![\w.$])["']?(?P<name>[A-Za-z_$][\w.$-]{{0,80}})["']?[ \t]*(?<![=!<>])(?:=|:)(?!=)[ \t]*"""
    rf"""(?P<value>(?P<string>{_STRING})|(?P<dict>@?\{{)|(?P<expr>{_EXPRESSION}))"""
)
_PAIR = rf"""["']?([\w.-]{{1,100}})["']?\s*(?::|=)\s*(?:({_STRING})|({_EXPRESSION}))"""
_OPENAI_SDK = (
    r"\b(?:Async)?OpenAI\s*\(|\bimport\s+openai\b|\bfrom\s+openai\b|['\"]openai['\"]"
    r"|\bopenai\.(?:base_url|api_base|api_key)\b"
)
_URL_LITERAL = r"""["'`]((?:https?://|localhost)[^"'`\s]{1,500})["'`]"""
_BARE_URL = r"(?:https?://|localhost[:/])\S{1,500}"
_BARE_VALUE = r"[A-Za-z0-9_\-+/=~.:]{1,500}"  # .env style: KEY=sk-…, unquoted
_IDENTIFIER = r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.rsplit(".", 1)[-1].lower())


def _literal(raw: str) -> str:
    """A string literal's text; an f-string or template keeps its {…} so that it reads as a placeholder."""
    body = raw.lstrip("rRbBuUfF")[1:-1]
    return re.sub(r"\\([\\'\"`/])", r"\1", body)


def _expression_value(expr: str) -> str:
    """What an expression stands for: a value written bare (.env), else a placeholder naming its variable."""
    expr = expr.strip()
    if re.fullmatch(_BARE_URL, expr) or (
        re.fullmatch(_BARE_VALUE, expr) and not re.fullmatch(_IDENTIFIER, expr)
    ):
        return expr
    literal = re.search(_URL_LITERAL, expr)  # os.getenv("BASE_URL", "https://…"): the default is the URL
    if literal:
        return literal.group(1)
    variable = env_var_name(expr)
    return f"${{{variable}}}" if variable else "<variable>"


def _dict_pairs(body: str) -> list[tuple[str, str]]:
    return [
        (m.group(1), _literal(m.group(2)) if m.group(2) else _expression_value(m.group(3)))
        for m in re.finditer(_PAIR, body)
    ]


def read_code(text: str) -> Draft | None:
    draft = Draft(kind=MESSAGES["kind.code"], openai_sdk=bool(re.search(_OPENAI_SDK, text)))
    strong_url: str | None = None
    weak_url: str | None = None
    key: str | None = None
    position = 0
    while (match := re.compile(_ASSIGNMENT).search(text, position)) is not None:
        # Go on inside an expression or a dict (`client = OpenAI(base_url=…)`), but not inside a string.
        position = match.end() if match.group("string") else max(match.start("value"), match.start() + 1)
        name = _norm(match.group("name"))
        if match.group("dict") is not None:
            if name in ("headers", "defaultheaders"):
                end = text.find("}", match.end())
                position = end if end != -1 else len(text)  # its entries are headers, not settings
                draft.headers.extend(_dict_pairs(text[match.end() : position]))
            continue
        string = match.group("string")
        value = _literal(string) if string else _expression_value(match.group("expr") or "")
        if name.endswith(("baseurl", "apibase", "basepath")):
            strong_url = strong_url or value
        elif name in ("url", "uri") or name.endswith("endpoint"):
            weak_url = weak_url or (value if re.match(_BARE_URL, value) else None)
        elif name.endswith("apikey"):
            key = key or value
        elif name == "model" and string and draft.model is None:
            draft.model = value
    if strong_url is None and not draft.openai_sdk and not (weak_url and draft.headers):
        return None
    draft.url = strong_url or weak_url
    if key is None and draft.openai_sdk:
        key = "${OPENAI_API_KEY}"  # what the OpenAI SDK reads when no key is given
    if key is not None and not any(name.lower() == "authorization" for name, _ in draft.headers):
        draft.headers.insert(0, ("Authorization", f"Bearer {key}"))  # what the OpenAI SDK sends
    return draft


# --- plain lines: a base URL, maybe a key, maybe labelled ("Base URL: …", "API Key: …", "模型: …") -----

_LABEL = r"^(?:export\s+)?([^:：=\n]{1,40}?)\s*[:：=]\s*(.+)$"
_HOST_URL = r"(?i)[\w.-]+\.[a-z]{2,}(?::\d+)?(?:/\S*)?"
_KEY_TOKEN = r"[A-Za-z0-9._~+/=:\-]{8,1000}"


def read_lines(text: str) -> Draft | None:
    draft = Draft(kind=MESSAGES["kind.lines"], bare=True)
    key: str | None = None
    for raw_line in text.splitlines():
        line = raw_line.strip().lstrip("-*•>").strip()
        if not line:
            continue
        label, value = "", line
        if not (re.match(_BARE_URL, line) or re.fullmatch(_HOST_URL, line)):
            labelled = re.match(_LABEL, line)
            if labelled:
                label, value = labelled.group(1).lower(), labelled.group(2).strip().strip("'\"`")
        if "model" in label or "模型" in label:
            draft.model = draft.model or value
        elif draft.url is None and (re.match(_BARE_URL, value) or re.fullmatch(_HOST_URL, value)):
            draft.url = value
        elif key is None and " " not in value and (re.fullmatch(_KEY_TOKEN, value) or is_placeholder(value)):
            key = value
        else:
            return None  # prose, code or something else we do not understand: do not guess
    if draft.url is None:
        return None
    if key is not None:
        draft.headers.append(("Authorization", f"Bearer {key}"))
    return draft
