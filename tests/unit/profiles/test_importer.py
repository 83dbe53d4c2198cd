"""Importing a profile from what gateway docs show: cURL commands, OpenAI SDK snippets, a bare base URL.

The commands below follow the shapes found in real docs (sources in the comments); keys that look real are
made up for the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.core.errors import ProfileError
from app.profiles.importer import MAX_SNIPPET, ImportedProfile, parse_snippet
from app.profiles.snippets import is_placeholder


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    base_url: str
    auth: str
    key: str | None = None
    model: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    note: str | None = None  # a phrase one of the notes must contain


CASES = [
    # api-docs.deepseek.com, first request (as quoted on jishuzhan.net): no /v1, a <…> placeholder.
    Case(
        "deepseek-docs",
        """curl https://api.deepseek.com/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer <DeepSeek API Key>" \\
  -d '{
        "model": "deepseek-chat",
        "messages": [
          {"role": "system", "content": "You are a helpful assistant."},
          {"role": "user", "content": "Hello!"}
        ],
        "stream": false
      }'""",
        "https://api.deepseek.com",
        "bearer",
        model="deepseek-chat",
        note="placeholder: paste your own",
    ),
    # OpenRouter quick start (openrouter.ai/docs): $OPENROUTER_API_KEY, -s, output piped to jq.
    Case(
        "openrouter-env-var",
        """curl -s https://openrouter.ai/api/v1/chat/completions \\
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
  "model": "google/gemma-2-9b-it:free",
  "messages": [{"role": "user", "content": "Say hello in three languages"}],
  "max_tokens": 100
}' | jq .""",
        "https://openrouter.ai/api/v1",
        "bearer",
        model="google/gemma-2-9b-it:free",
        note="environment variable OPENROUTER_API_KEY",
    ),
    # OpenAI API reference style: -X POST first, the URL quoted on a line of its own.
    Case(
        "openai-x-post",
        """curl -X POST \\
  "https://api.openai.com/v1/chat/completions" \\
  -H "Authorization: Bearer ${OPENAI_API_KEY}" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}], "temperature": 0.7}'""",
        "https://api.openai.com/v1",
        "bearer",
        model="gpt-4o-mini",
        note="environment variable OPENAI_API_KEY",
    ),
    # Apifox-generated gateway docs (api.chatfire.site, many Chinese gateways): --location --request,
    # --header, --data-raw; here with a real-looking key.
    Case(
        "apifox-data-raw",
        """curl --location --request POST 'https://api.chatfire.site/v1/chat/completions' \\
--header 'Authorization: Bearer sk-Cf7d9a2b4c6e8f0a1b3c5d7e' \\
--header 'Content-Type: application/json' \\
--data-raw '{
    "model": "deepseek-chat",
    "stream": true,
    "messages": [{"role": "user", "content": "你是谁"}]
}'""",
        "https://api.chatfire.site/v1",
        "bearer",
        key="sk-Cf7d9a2b4c6e8f0a1b3c5d7e",
        model="deepseek-chat",
    ),
    # api.chatfire.cn docs: a body with // comments is not JSON; the model is still found.
    Case(
        "body-not-json",
        """curl --location -g --request POST 'https://api.chatfire.cn/v1/chat/completions' \\
--header 'Accept: application/json' \\
--header 'Authorization: Bearer sk-9Qm2Lr7Tx4Vb8Nc1Zp6Wd3Ks' \\
--header 'Content-Type: application/json' \\
--data-raw '{
    "model": "deepseek-v3.2-exp",
    "thinking": {"type": "enabled"}, // 火山
    "enable_thinking": true, // deepseek
    "messages": [{"role": "user", "content": "Hello!"}]
}'""",
        "https://api.chatfire.cn/v1",
        "bearer",
        key="sk-9Qm2Lr7Tx4Vb8Nc1Zp6Wd3Ks",
        model="deepseek-v3.2-exp",
    ),
    # A shell variable inside a double-quoted body: the model is read all the same.
    Case(
        "body-with-shell-var",
        'curl https://api.x.ai/v1/chat/completions -H "Authorization: Bearer xai-4f2a9c7e1b3d5f8a" '
        '-d "{\\"model\\": \\"grok-4\\", \\"messages\\": '
        '[{\\"role\\": \\"user\\", \\"content\\": $PROMPT}]}"',
        "https://api.x.ai/v1",
        "bearer",
        key="xai-4f2a9c7e1b3d5f8a",
        model="grok-4",
    ),
    # docs.lemondata.cc "Create chat completion": an sk-your-… placeholder.
    Case(
        "lemondata-docs",
        """curl -X POST "https://api.lemondata.cc/v1/chat/completions" \\
  -H "Authorization: Bearer sk-your-api-key" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 1000}'""",
        "https://api.lemondata.cc/v1",
        "bearer",
        model="gpt-4o",
        note="placeholder",
    ),
    # Ollama's OpenAI-compatibility page (flo2.com walk-through): the dummy key "ollama".
    Case(
        "ollama-dummy-key",
        """curl http://localhost:11434/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer ollama" \\
  -d '{"model": "llama3.1", "messages": [{"role": "user", "content": "Explain an embedding."}]}'""",
        "http://localhost:11434/v1",
        "none",
        model="llama3.1",
        note="dummy key",
    ),
    # Ollama without any auth header.
    Case(
        "ollama-no-auth",
        """curl http://localhost:11434/v1/chat/completions \\
-H "Content-Type: application/json" \\
-d '{"model": "llama3", "messages": [{"role": "user", "content": "What is the capital of France?"}]}'""",
        "http://localhost:11434/v1",
        "none",
        model="llama3",
    ),
    # A remote gateway shown without a key: the profile sends none, and says so.
    Case(
        "remote-no-auth",
        'curl https://gateway.mytokengate.com/v1/chat/completions -d \'{"model": "qwen-max"}\'',
        "https://gateway.mytokengate.com/v1",
        "none",
        model="qwen-max",
        note="sends no API key",
    ),
    # Azure OpenAI (e.g. whr-openai test.sh on GitHub): api-key header, ?api-version= query.
    Case(
        "azure-api-key",
        """curl \\
  https://whr-openai.openai.azure.com/openai/deployments/gpt3/chat/completions?api-version=2023-05-15 \\
  -H "Content-Type: application/json" \\
  -H "api-key: 0b5e1f9c3d7a4e2b8c6f1a9d3e5b7c20" \\
  -d '{"messages":[{"role": "user", "content": "Does Azure OpenAI support customer managed keys?"}]}'""",
        "https://whr-openai.openai.azure.com/openai/deployments/gpt3",
        "header:api-key",
        key="0b5e1f9c3d7a4e2b8c6f1a9d3e5b7c20",
        note="query (api-version) was left out",
    ),
    Case(
        "x-api-key-header",
        "curl https://api.api000.com/v1/chat/completions -H 'x-api-key: k-7f3a9b2c8d1e4f6a' "
        '--json \'{"model": "claude-sonnet-4"}\'',
        "https://api.api000.com/v1",
        "header:x-api-key",
        key="k-7f3a9b2c8d1e4f6a",
        model="claude-sonnet-4",
    ),
    # doc.dmxapi.cn shows the key as the whole Authorization value, without "Bearer".
    Case(
        "dmxapi-raw-key",
        """curl https://www.dmxapi.cn/v1/chat/completions \\
  -H "Authorization: sk-Dm8x2Kq5Wz9Lp3Tn7Vc1Rb4Y" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "gpt-5-mini", "messages": [{"role": "user", "content": "周树人和鲁迅是兄弟吗?"}]}'""",
        "https://www.dmxapi.cn/v1",
        "raw",
        key="sk-Dm8x2Kq5Wz9Lp3Tn7Vc1Rb4Y",
        model="gpt-5-mini",
    ),
    # Windows cmd: ^ continuations, %VAR%, a double-quoted body with \" inside.
    Case(
        "windows-cmd",
        """curl https://api.openai.com/v1/chat/completions ^
  -H "Content-Type: application/json" ^
  -H "Authorization: Bearer %OPENAI_API_KEY%" ^
  -d "{\\"model\\": \\"gpt-4o-mini\\", \\"messages\\": [{\\"role\\": \\"user\\", \\"content\\": \\"hi\\"}]}"
""",
        "https://api.openai.com/v1",
        "bearer",
        model="gpt-4o-mini",
        note="environment variable OPENAI_API_KEY",
    ),
    # PowerShell: curl.exe, backtick continuations, $env:VAR, \" inside single quotes.
    Case(
        "powershell",
        """curl.exe https://zenmux.ai/api/v1/chat/completions `
  -H "Authorization: Bearer $env:ZENMUX_API_KEY" `
  -H "Content-Type: application/json" `
  -d '{\\"model\\": \\"openai/gpt-5\\", \\"messages\\": []}'""",
        "https://zenmux.ai/api/v1",
        "bearer",
        model="openai/gpt-5",
        note="environment variable ZENMUX_API_KEY",
    ),
    # A browser's "Copy as cURL (cmd)": every special character escaped with ^.
    Case(
        "browser-copy-as-cmd",
        """curl ^"https://api.openai.com/v1/chat/completions^" ^
  -H ^"authorization: Bearer sk-proj-Ab12Cd34Ef56Gh78^" ^
  -H ^"content-type: application/json^" ^
  --data-raw ^"^{^\\^"model^\\^":^\\^"gpt-4o^\\^",^\\^"stream^\\^":true^}^" ^
  --compressed""",
        "https://api.openai.com/v1",
        "bearer",
        key="sk-proj-Ab12Cd34Ef56Gh78",
        model="gpt-4o",
    ),
    # Mintlify API pages (e.g. a DeepSeek mirror) flattened by a web page: `\ ` with the newline eaten.
    Case(
        "mintlify-flattened",
        "curl --request POST \\ --url https://api.deepseek.com/chat/completions \\ "
        "--header 'Authorization: Bearer <token>' \\ --header 'Content-Type: <content-type>' \\ "
        '--data \' { "messages": [ { "content": "Hi", "role": "user" } ], "model": "deepseek-chat" } \'',
        "https://api.deepseek.com",
        "bearer",
        model="deepseek-chat",
    ),
    # Flags it does not know, combined short flags, -H without a space, lines that lost their `\`.
    Case(
        "flags-and-lost-backslashes",
        """$ curl -sSLN --compressed --fail-with-body --retry 3 --url https://api000.com/v1/chat/completions
    -HAuthorization:Bearer\\ sk-a0Zz9Yy8Xx7Ww6Vv
    -H 'HTTP-Referer: https://sluice.example.org' -H "X-Title: Sluice" -H 'Accept: text/event-stream'
    -d '{"model":"deepseek-r1","stream":true}'
some output that is not part of the command""",
        "https://api000.com/v1",
        "bearer",
        key="sk-a0Zz9Yy8Xx7Ww6Vv",
        model="deepseek-r1",
        headers=(("HTTP-Referer", "https://sluice.example.org"), ("X-Title", "Sluice")),
    ),
    # A trailing slash after the endpoint (Mintlify "api.example.com/v1/chat/completions/").
    Case(
        "trailing-slash",
        "curl https://api.example.com/v1/chat/completions/ -H 'Authorization: Bearer <token>'",
        "https://api.example.com/v1",
        "bearer",
    ),
    Case(
        "models-endpoint",
        "curl https://api.deepseek.com/models -H 'Authorization: Bearer <k>'",
        "https://api.deepseek.com",
        "bearer",
    ),
    Case(
        "embeddings-endpoint",
        "curl https://api.openai.com/v1/embeddings",
        "https://api.openai.com/v1",
        "none",
    ),
    Case(
        "responses-endpoint", "curl https://api.openai.com/v1/responses", "https://api.openai.com/v1", "none"
    ),
    Case(
        "completions-endpoint",
        "curl http://127.0.0.1:1234/v1/completions",
        "http://127.0.0.1:1234/v1",
        "none",
    ),
    Case(
        "no-scheme-remote",
        "curl api.deepseek.com/chat/completions -H 'Authorization: Bearer sk-0d1e2a3d4b5e6e7f'",
        "https://api.deepseek.com",
        "bearer",
        key="sk-0d1e2a3d4b5e6e7f",
        note="https:// was assumed",
    ),
    Case(
        "no-scheme-local",
        'curl localhost:1234/v1/chat/completions -d \'{"model": "qwen2.5-7b-instruct"}\'',
        "http://localhost:1234/v1",
        "none",
        model="qwen2.5-7b-instruct",
        note="http:// was assumed",
    ),
    Case(
        "model-placeholder",
        "curl https://zenmux.ai/api/v1/chat/completions -H 'Authorization: Bearer sk-ai-v1-3c9f2e' "
        '-d \'{"model": "<string>"}\'',
        "https://zenmux.ai/api/v1",
        "bearer",
        key="sk-ai-v1-3c9f2e",
        note="model in the snippet is a placeholder",
    ),
    # Helicone-style proxies add a second secret header: one key per profile, the other is dropped.
    Case(
        "second-secret-header",
        "curl https://oai.helicone.ai/v1/chat/completions -H 'Authorization: Bearer sk-1a2b3c4d5e6f7a8b' "
        "-H 'Helicone-Auth: Bearer sk-helicone-9z8y7x6w' -H 'OpenAI-Organization: org-Q1w2E3r4'",
        "https://oai.helicone.ai/v1",
        "bearer",
        key="sk-1a2b3c4d5e6f7a8b",
        headers=(("OpenAI-Organization", "org-Q1w2E3r4"),),
        note="Helicone-Auth also carries a secret",
    ),
    # --- OpenAI SDK, Python -------------------------------------------------------------------------------
    # OpenRouter quick start (Python): os.environ[…], default_headers with placeholder values.
    Case(
        "python-openrouter",
        """from openai import OpenAI
import os
client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
    default_headers={"HTTP-Referer": "https://your-app.com", "X-Title": "My App"},
)
response = client.chat.completions.create(
    model="google/gemma-2-9b-it:free",
    messages=[{"role": "user", "content": "What is OpenRouter in one sentence?"}],
    max_tokens=100,
)""",
        "https://openrouter.ai/api/v1",
        "bearer",
        model="google/gemma-2-9b-it:free",
        headers=(("X-Title", "My App"),),
        note="HTTP-Referer holds a placeholder",
    ),
    # ollama docs/openai.md (Python): the key is a dummy, the base URL ends in a slash.
    Case(
        "python-ollama",
        """from openai import OpenAI

client = OpenAI(
    base_url='http://localhost:11434/v1/',

    # required but ignored
    api_key='ollama',
)

chat_completion = client.chat.completions.create(
    messages=[{'role': 'user', 'content': 'Say this is a test'}],
    model='llama3.2',
)""",
        "http://localhost:11434/v1",
        "none",
        model="llama3.2",
    ),
    Case(
        "python-async-literal-key",
        """from openai import AsyncOpenAI
client = AsyncOpenAI(api_key="sk-7e8f9a0b1c2d3e4f", base_url="https://api.deepseek.com")
stream = await client.chat.completions.create(model="deepseek-reasoner", messages=msgs, stream=True)""",
        "https://api.deepseek.com",
        "bearer",
        key="sk-7e8f9a0b1c2d3e4f",
        model="deepseek-reasoner",
    ),
    Case(
        "python-module-settings",
        """import openai
openai.base_url = "https://www.dmxapi.cn/v1/"
openai.api_key = os.getenv("DMX_KEY")
completion = openai.chat.completions.create(model="gpt-4o-mini", messages=[])""",
        "https://www.dmxapi.cn/v1",
        "bearer",
        model="gpt-4o-mini",
        note="environment variable DMX_KEY",
    ),
    Case(
        "python-no-base-url",
        """from openai import OpenAI
client = OpenAI()
completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])""",
        "https://api.openai.com/v1",
        "bearer",
        model="gpt-4o",
        note="OpenAI SDK's default",
    ),
    # doc.dmxapi.cn Python example with requests: the raw key in a headers dict.
    Case(
        "python-requests-dmxapi",
        """import json
import requests
url = "https://www.dmxapi.cn/v1/chat/completions"
headers = {
    "Authorization": "sk-**********************************",  # 替换为你的 DMXAPI 令牌
    "Content-Type": "application/json"
}
payload = {
    "model": "gpt-5-mini",
    "messages": [{"role": "user", "content": "周树人和鲁迅是兄弟吗?"}]
}
response = requests.post(url, headers=headers, data=json.dumps(payload))""",
        "https://www.dmxapi.cn/v1",
        "raw",
        model="gpt-5-mini",
        note="placeholder",
    ),
    # --- OpenAI SDK, JavaScript / TypeScript --------------------------------------------------------------
    # ollama docs/openai.md (JavaScript).
    Case(
        "js-ollama",
        """import OpenAI from 'openai'

const openai = new OpenAI({
  baseURL: 'http://localhost:11434/v1/',
  // required but ignored
  apiKey: 'ollama',
})

const chatCompletion = await openai.chat.completions.create({
  messages: [{ role: 'user', content: 'Say this is a test' }],
  model: 'llama3.2',
})""",
        "http://localhost:11434/v1",
        "none",
        model="llama3.2",
    ),
    # OpenRouter quick start (TypeScript): process.env, defaultHeaders.
    Case(
        "ts-openrouter",
        """import OpenAI from "openai";
const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPENROUTER_API_KEY,
  defaultHeaders: { "HTTP-Referer": "https://sluice.example.org", "X-Title": "Sluice" },
});
const completion = await client.chat.completions.create({
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Hello" }],
});""",
        "https://openrouter.ai/api/v1",
        "bearer",
        model="openai/gpt-4o-mini",
        headers=(("HTTP-Referer", "https://sluice.example.org"), ("X-Title", "Sluice")),
        note="environment variable OPENROUTER_API_KEY",
    ),
    Case(
        "js-literal-key",
        "const client = new OpenAI({ apiKey: 'sk-lemon-5d4c3b2a1f0e', "
        "baseURL: 'https://api.lemondata.cc/v1' });",
        "https://api.lemondata.cc/v1",
        "bearer",
        key="sk-lemon-5d4c3b2a1f0e",
    ),
    # --- a bare base URL --------------------------------------------------------------------------------
    Case("bare-url", "https://api000.com/v1/\n", "https://api000.com/v1", "bearer", note="holds no API key"),
    Case(
        "bare-url-and-key",
        "https://gateway.mytokengate.com/v1\nsk-mtg-8h7g6f5e4d3c2b1a\n",
        "https://gateway.mytokengate.com/v1",
        "bearer",
        key="sk-mtg-8h7g6f5e4d3c2b1a",
    ),
    Case("bare-local-url", "http://localhost:1234/v1", "http://localhost:1234/v1", "none"),
    Case(
        "bare-full-endpoint",
        "https://zenmux.ai/api/v1/chat/completions",
        "https://zenmux.ai/api/v1",
        "bearer",
    ),
    # docs.lemondata.cc IDE guide: "Base URL: … / API Key: sk-your-lemondata-key".
    Case(
        "labelled-lines",
        "Base URL: https://api.lemondata.cc/v1\nAPI Key: sk-your-lemondata-key\nModel: gpt-4o",
        "https://api.lemondata.cc/v1",
        "bearer",
        model="gpt-4o",
        note="placeholder",
    ),
    Case(
        "labelled-lines-chinese",
        "接口地址：https://www.dmxapi.cn/v1\n令牌：sk-Dm8x2Kq5Wz9Lp3Tn7Vc1Rb4Y",
        "https://www.dmxapi.cn/v1",
        "bearer",
        key="sk-Dm8x2Kq5Wz9Lp3Tn7Vc1Rb4Y",
    ),
    # docs.lemondata.cc (Aider): environment variables.
    Case(
        "env-exports",
        'export OPENAI_API_BASE="https://api.lemondata.cc/v1"\nexport OPENAI_API_KEY=sk-lemon-5d4c3b2a1f0e',
        "https://api.lemondata.cc/v1",
        "bearer",
        key="sk-lemon-5d4c3b2a1f0e",
    ),
    # Pasted from a Markdown code block, fences and all.
    Case(
        "markdown-fences",
        "```bash\ncurl https://api.deepseek.com/chat/completions "
        "-H 'Authorization: Bearer sk-6f5e4d3c2b1a0f9e'\n```",
        "https://api.deepseek.com",
        "bearer",
        key="sk-6f5e4d3c2b1a0f9e",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_real_world_snippets(case: Case) -> None:
    found = parse_snippet(case.text)
    assert (found.base_url, found.auth, found.key, found.model) == (
        case.base_url,
        case.auth,
        case.key,
        case.model,
    ), found.notes
    assert found.headers == case.headers
    if case.note is not None:
        assert any(case.note in note for note in found.notes), found.notes
    if found.key is not None:
        assert found.key not in repr(found)
        assert all(found.key not in note for note in found.notes)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "nothing to import"),
        ("   \n\t  ", "nothing to import"),
        ("hello there, how are you?", "found no cURL command"),
        ("Use curl to test the endpoint.", "found no cURL command"),
        ("curl", "found no cURL command"),
        ("print('hello')\nx = 1 + 2", "found no cURL command"),
        ('{"model": "gpt-4o", "messages": []}', "found no cURL command"),
        # apifox pages with an empty environment: the URL has no host.
        (
            "curl --location --request POST '/v1/chat/completions' --header 'Authorization: Bearer <token>'",
            "has no host",
        ),
        ("curl -g '{{YOUR_BASE_URL}}/v1/chat/completions' -H 'Authorization: Bearer <token>'", "has no host"),
        # Azure docs: the endpoint is a shell variable.
        (
            "curl $AZURE_OPENAI_ENDPOINT/openai/deployments/gpt-4o/chat/completions"
            "?api-version=2024-08-01-preview "
            '-H "api-key: $AZURE_OPENAI_API_KEY" -d \'{"messages": []}\'',
            "$AZURE_OPENAI_ENDPOINT",
        ),
        ("curl ftp://files.example.com/v1", "http:// or https://"),
        ('curl "https://api.example .com/v1/chat/completions"', "spaces"),
        ("curl http://[::1/v1/chat/completions", "not a valid URL"),
        ("curl http://localhost:99999999/v1", "not a valid URL"),
        ("client = OpenAI(base_url=BASE_URL)", "has no host"),
    ],
)
def test_unusable_text_says_why(text: str, words: str) -> None:
    with pytest.raises(ProfileError) as raised:
        parse_snippet(text)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        'curl -H "Authorization: Bearer sk-Secret0123456789ab"',  # a key but no URL
        "sk-Secret0123456789ab",
        "curl 'https://ex ample.com/v1/chat/completions?key=sk-Secret0123456789ab'",
        "curl 'https://bob:Secret0123456789ab@ex ample.com/v1/chat/completions'",
    ],
)
def test_errors_never_show_the_key(text: str) -> None:
    with pytest.raises(ProfileError) as raised:
        parse_snippet(text)
    assert "Secret0123456789ab" not in str(raised.value)


def test_a_key_in_the_url_query_is_dropped_and_not_mentioned() -> None:
    found = parse_snippet(
        "curl 'https://generativelanguage.example.com/v1beta/openai/chat/completions?key=AIzaSy0123456789'"
    )
    assert found.base_url == "https://generativelanguage.example.com/v1beta/openai"
    assert not any("AIzaSy0123456789" in note for note in found.notes)
    assert any("query (key)" in note for note in found.notes)


def test_user_and_password_in_the_url_are_dropped() -> None:
    found = parse_snippet("curl https://me:hunter2pass@gw.example.com/v1/chat/completions")
    assert found.base_url == "https://gw.example.com/v1"
    assert not any("hunter2pass" in note for note in found.notes)


def test_too_long_text_is_refused() -> None:
    with pytest.raises(ProfileError, match="too long"):
        parse_snippet("curl https://api.example.com/v1 " + "x" * MAX_SNIPPET)


@pytest.mark.parametrize(
    "value",
    [
        "$OPENAI_API_KEY",
        "${KEY}",
        "$env:OPENAI_API_KEY",
        "%OPENAI_API_KEY%",
        "<your-api-key>",
        "<token>",
        "{{YOUR_API_KEY}}",
        "{api_key}",
        "[YOUR_KEY]",
        "YOUR_API_KEY",
        "your-key-here",
        "sk-your-api-key",
        "sk-xxx…",
        "sk-xxxxxxxxxxxxxxxx",
        "sk-proj-XXXXXXXX",
        "sk-or-v1-xxxxxxxx",
        "sk-***",
        "sk-**********************************",
        "********************",
        "sk-...",
        "sk-abc...xyz",
        "OPENAI_API_KEY",
        "METACHAT_API_KEY",
        "api_key",
        "REPLACE_ME",
        "string",
    ],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56",
        "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sk-ai-v1-3c9f2e7a1b5d8c4e6f0a2b4c6d8e0f1a",
        "0b5e1f9c3d7a4e2b8c6f1a9d3e5b7c20",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        "xai-4f2a9c7e1b3d5f8a",
        "gpt-4o-mini",
        "deepseek-ai/DeepSeek-V3.1",
        "qwen2.5:7b",
        "https://api.openai.com/v1",
    ],
)
def test_real_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


# --- arbitrary input ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "curl ",
        "curl.exe ",
        " -H ",
        " --header ",
        " -d ",
        " --data-raw ",
        " --json ",
        " -X POST ",
        " --url ",
        " -sSLN ",
        " --compressed ",
        " -u ",
        " \\\n",
        " ^\n",
        " `\n",
        "\n",
        "'",
        '"',
        "^",
        "\\",
        "$",
        "%",
        "https://",
        "http://",
        "localhost:11434",
        "api.example.com",
        "/v1",
        "/chat/completions",
        "?a=1",
        "Authorization: ",
        "Bearer ",
        "api-key: ",
        "sk-abc123def456",
        "<token>",
        "${KEY}",
        "{",
        "}",
        "[",
        "]",
        '"model"',
        ": ",
        '"gpt-4o"',
        "model=",
        "OpenAI(",
        "base_url=",
        "baseURL: ",
        "api_key=",
        "apiKey: ",
        "default_headers={",
        "os.environ[",
        "process.env.",
        ")",
        ",",
        "#",
        "```",
        " | jq .",
        ";",
        "&&",
        "Base URL: ",
        "API Key: ",
        "模型：",
        "@file",
        "ollama",
        "\x00",
        "\u2028",
        "…",
    ]
)


def _parses_or_refuses(text: str) -> None:
    """Any text either becomes a profile or a ProfileError; nothing else escapes.

    A regex that backtracks without end would make this test never finish: the suite then times out
    rather than asserting on a time here.
    """
    try:
        found = parse_snippet(text)
    except ProfileError:
        return
    assert isinstance(found, ImportedProfile)
    assert found.base_url.startswith(("http://", "https://"))
    assert found.auth in ("bearer", "raw", "none") or found.auth.startswith("header:")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
@example("curl '" + "\\'" * 2000)
@example("curl " + "-H " * 3000)
@example("a=" * 5000)
@example("base_url=" + "'" * 5000)
@example('headers = {"' + '"a": "b", ' * 2000)
@example("{" * 20000 + "curl https://a.example.com -d " + "[" * 20000)
@example("curl https://a.example.com -d '" + "[" * 40000 + "'")
@example("https://" + "a." * 10000 + "com")
def test_arbitrary_text_parses_or_raises_profile_error(text: str) -> None:
    _parses_or_refuses(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(max_size=5), max_size=40).map("".join))
def test_snippet_shaped_text_parses_or_raises_profile_error(text: str) -> None:
    _parses_or_refuses(text)
