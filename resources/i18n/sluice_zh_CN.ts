<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>Copied the code.</source>
        <translation>已复制代码。</translation>
    </message>
    <message>
        <source>This reply is still streaming; it will appear in full when it ends.</source>
        <translation>这条回复仍在生成中，结束后将完整显示。</translation>
    </message>
    <message>
        <source>{hidden} earlier messages not shown — show {more} more</source>
        <translation>还有 {hidden} 条更早的消息未显示——再显示 {more} 条</translation>
    </message>
    <message>
        <source>Earlier messages can be shown once the reply ends.</source>
        <translation>回复结束后才能显示更早的消息。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Add a profile first: sluice profile add NAME --preset openai --key-stdin</source>
        <translation>请先添加一个配置：sluice profile add NAME --preset openai --key-stdin</translation>
    </message>
    <message>
        <source>Choose or type a model first.</source>
        <translation>请先选择或输入一个模型。</translation>
    </message>
    <message>
        <source>before the first byte</source>
        <translation>在收到第一个字节之前</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The reply failed unexpectedly: {}</source>
        <translation>回复意外失败：{}</translation>
    </message>
    <message>
        <source>Stopped. The partial reply is kept.</source>
        <translation>已停止，已收到的部分回复已保留。</translation>
    </message>
    <message>
        <source>Editing: your unsent text was replaced; Ctrl+Z in the box brings it back.</source>
        <translation>正在编辑：未发送的文字已被替换，在输入框中按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>Editing: sending replaces this message and the replies after it.</source>
        <translation>编辑中：发送后将替换这条消息及其后的回复。</translation>
    </message>
    <message>
        <source>Could not fetch the model list of {profile}: {error}</source>
        <translation>无法获取 {profile} 的模型列表：{error}</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Not opening a {scheme} link from a reply: {url}</source>
        <translation>不会打开回复中的 {scheme} 链接：{url}</translation>
    </message>
    <message>
        <source>Not opening a relative link from a reply: {}</source>
        <translation>不会打开回复中的相对链接：{}</translation>
    </message>
    <message>
        <source>Copied the reply as Markdown.</source>
        <translation>已将回复复制为 Markdown。</translation>
    </message>
</context>
<context>
    <name>ChatTopBar</name>
    <message>
        <source>Profile (gateway) for this conversation</source>
        <translation>此对话使用的配置（网关）</translation>
    </message>
    <message>
        <source>Model: pick from the gateway&apos;s list or type any id</source>
        <translation>模型：从网关的列表中选择，或输入任意模型 ID</translation>
    </message>
    <message>
        <source>Edit profiles, add one, settings</source>
        <translation>编辑配置、添加配置、设置</translation>
    </message>
    <message>
        <source>Edit profiles…</source>
        <translation>编辑配置…</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>新建配置…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Fetch the model list again</source>
        <translation>重新获取模型列表</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask again for the last reply</source>
        <translation>重新生成最后一条回复</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>System prompt ✓</source>
        <translation>系统提示词 ✓</translation>
    </message>
    <message>
        <source>This conversation has a system prompt</source>
        <translation>此对话设有系统提示词</translation>
    </message>
    <message>
        <source>Fetching models…</source>
        <translation>正在获取模型…</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message — Enter to send, Shift+Enter for a new line</source>
        <translation>输入消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Message — Ctrl+Enter to send, Enter for a new line</source>
        <translation>输入消息 — Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send ({})</source>
        <translation>发送（{}）</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>新建对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Deleted “{}”</source>
        <translation>已删除“{}”</translation>
    </message>
    <message>
        <source>No conversations match “{}”</source>
        <translation>没有与“{}”匹配的对话</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>还没有对话</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Sluice: unexpected error</source>
        <translation>Sluice：意外错误</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Sluice ran into an unexpected error: {}</source>
        <translation>Sluice 遇到了一个意外错误：{}</translation>
    </message>
    <message>
        <source>Sluice ran into {count} unexpected errors; the latest: {what}</source>
        <translation>Sluice 遇到了 {count} 个意外错误，最近一个：{what}</translation>
    </message>
    <message>
        <source>The details are in the log: {}</source>
        <translation>详细信息见日志：{}</translation>
    </message>
    <message>
        <source>No log file is open.</source>
        <translation>没有打开的日志文件。</translation>
    </message>
    <message>
        <source>{head}

Sluice is still running and your conversations are saved, but something may not work until you restart it. {where}

Copy the report to include it in a bug report (API keys are removed from it).</source>
        <translation>{head}

Sluice 仍在运行，你的对话也都已保存，但在重启之前，某些功能可能无法正常工作。{where}

提交问题报告时，请复制此报告一并附上（其中的 API 密钥已被移除）。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>KeyField</name>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the key while you type it</source>
        <translation>输入时显示或隐藏密钥</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>KeyringTrouble</name>
    <message>
        <source>The key could not be saved in the system keyring.</source>
        <translation>无法将密钥保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Sluice keeps API keys only in the system keyring, never in a file. On Linux, install and unlock a Secret Service — GNOME Keyring (sudo apt-get install gnome-keyring) or KWallet — and log in to a desktop session, then press Try again. Or keep the key for this session only: it stays in memory and is gone when Sluice quits.</source>
        <translation>Sluice 只把 API 密钥保存在系统密钥环中，绝不写入文件。在 Linux 上，请安装并解锁一个 Secret Service（GNOME Keyring：sudo apt-get install gnome-keyring，或 KWallet），并登录桌面会话，然后点击“重试”。也可以只在本次会话中保留密钥：它只存在于内存中，Sluice 退出后即消失。</translation>
    </message>
    <message>
        <source>Keep the key for this session only</source>
        <translation>仅在本次会话中保留密钥</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{} — Sluice</source>
        <translation>{} — Sluice</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Host reachable</source>
        <translation>主机可达</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Key accepted</source>
        <translation>密钥有效</translation>
    </message>
    <message>
        <source>Model exists</source>
        <translation>模型存在</translation>
    </message>
    <message>
        <source>Streaming works</source>
        <translation>流式输出正常</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Bearer token (Authorization: Bearer KEY)</source>
        <translation>Bearer 令牌（Authorization: Bearer 密钥）</translation>
    </message>
    <message>
        <source>Raw key (Authorization: KEY)</source>
        <translation>直接填密钥（Authorization: 密钥）</translation>
    </message>
    <message>
        <source>Custom header</source>
        <translation>自定义请求头</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>不使用密钥</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>系统设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理 URL</translation>
    </message>
    <message>
        <source>line {} of the extra headers is not “Name: value”</source>
        <translation>附加请求头的第 {} 行不是“名称: 值”的格式</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Import from cURL / SDK snippet…</source>
        <translation>从 cURL / SDK 代码片段导入…</translation>
    </message>
    <message>
        <source>Header name, e.g. api-key</source>
        <translation>请求头名称，例如 api-key</translation>
    </message>
    <message>
        <source>One per line: Name: value (no keys here)</source>
        <translation>每行一个：名称: 值（不要在这里填密钥）</translation>
    </message>
    <message>
        <source>Fetch list</source>
        <translation>获取列表</translation>
    </message>
    <message>
        <source>Fetch the gateway&apos;s model list (/models)</source>
        <translation>获取网关的模型列表（/models）</translation>
    </message>
    <message>
        <source>Send stream_options (token usage at the end of the stream)</source>
        <translation>发送 stream_options（在流末尾返回 token 用量）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds without a byte before giving up; reasoning models think long</source>
        <translation>连续多少秒收不到任何数据就放弃；推理模型可能会思考很久</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Auth style</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>附加请求头</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>读取超时</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>No key needed.</source>
        <translation>无需密钥。</translation>
    </message>
    <message>
        <source>The key is saved in the system keyring.</source>
        <translation>密钥将保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Imported. Check the fields, then Save.</source>
        <translation>已导入。请检查各项内容，然后保存。</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Save or revert the changes first</source>
        <translation>请先保存或还原修改</translation>
    </message>
    <message>
        <source>The key is kept for this session only: it is gone when Sluice quits.</source>
        <translation>密钥仅在本次会话中保留：Sluice 退出后即消失。</translation>
    </message>
    <message>
        <source>The system keyring cannot be used: {}</source>
        <translation>无法使用系统密钥环：{}</translation>
    </message>
    <message>
        <source>A key is saved in the system keyring. Type a new one to replace it.</source>
        <translation>系统密钥环中已保存密钥。输入新的密钥即可替换。</translation>
    </message>
    <message>
        <source>No key is saved for this profile.</source>
        <translation>此配置还没有保存密钥。</translation>
    </message>
    <message>
        <source>•••••••• (saved in the keyring)</source>
        <translation>••••••••（已保存在密钥环中）</translation>
    </message>
    <message>
        <source>the custom auth style needs a header name, e.g. api-key</source>
        <translation>自定义认证方式需要填写请求头名称，例如 api-key</translation>
    </message>
    <message>
        <source>enter the proxy URL, or choose System settings or No proxy</source>
        <translation>请输入代理 URL，或选择“系统设置”或“不使用代理”</translation>
    </message>
    <message>
        <source>enter the gateway&apos;s base URL, e.g. https://api.example.com/v1</source>
        <translation>请输入网关的 Base URL，例如 https://api.example.com/v1</translation>
    </message>
    <message>
        <source>Not saved: {}.</source>
        <translation>未保存：{}。</translation>
    </message>
    <message>
        <source>Not saved: {path} could not be written ({error}).</source>
        <translation>未保存：无法写入 {path}（{error}）。</translation>
    </message>
    <message>
        <source>The profile was renamed, but its key could not be moved: {}</source>
        <translation>配置已重命名，但无法迁移它的密钥：{}</translation>
    </message>
    <message>
        <source>The profile is saved; its key is not.</source>
        <translation>配置已保存，但密钥没有保存。</translation>
    </message>
    <message>
        <source>Saved {}.</source>
        <translation>已保存 {}。</translation>
    </message>
    <message>
        <source>Not duplicated: {}</source>
        <translation>未复制：{}</translation>
    </message>
    <message>
        <source>The copy was made, but its key could not be copied: {}</source>
        <translation>副本已创建，但无法复制它的密钥：{}</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete the profile “{}” and its API key? Conversations that used it are kept.</source>
        <translation>要删除配置“{}”及其 API 密钥吗？使用过它的对话会保留。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Not deleted: {}</source>
        <translation>未删除：{}</translation>
    </message>
    <message>
        <source>The profile was deleted, but its key could not be removed from the keyring: {}</source>
        <translation>配置已删除，但无法从密钥环中移除它的密钥：{}</translation>
    </message>
    <message>
        <source>Deleted {} and its key.</source>
        <translation>已删除 {} 及其密钥。</translation>
    </message>
    <message>
        <source>Cannot fetch the list yet: {}.</source>
        <translation>暂时无法获取列表：{}。</translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在获取模型列表…</translation>
    </message>
    <message>
        <source>Could not fetch the model list: {}</source>
        <translation>无法获取模型列表：{}</translation>
    </message>
    <message>
        <source>{} models available.</source>
        <translation>共有 {} 个可用模型。</translation>
    </message>
    <message>
        <source>The list is empty.</source>
        <translation>列表为空。</translation>
    </message>
    <message>
        <source>Cannot test yet: {}.</source>
        <translation>暂时无法测试：{}。</translation>
    </message>
</context>
<context>
    <name>ProfileUi</name>
    <message>
        <source>Profile {} is ready. Type a message to start.</source>
        <translation>配置 {} 已就绪，输入消息即可开始。</translation>
    </message>
    <message>
        <source>Settings not saved: {}</source>
        <translation>设置未保存：{}</translation>
    </message>
    <message>
        <source>The default profile was not saved: {}</source>
        <translation>默认配置未保存：{}</translation>
    </message>
    <message>
        <source>Theme changed; this conversation follows once the reply ends.</source>
        <translation>主题已更改；当前对话将在回复结束后更新。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>The first profile</source>
        <translation>第一个配置</translation>
    </message>
    <message>
        <source>A new language applies after a restart of Sluice.</source>
        <translation>更改语言后，重启 Sluice 才会生效。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Send with</source>
        <translation>发送方式</translation>
    </message>
    <message>
        <source>Default profile</source>
        <translation>默认配置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 / Language</translation>
    </message>
</context>
<context>
    <name>SnippetDialog</name>
    <message>
        <source>Import from cURL / SDK snippet</source>
        <translation>从 cURL / SDK 代码片段导入</translation>
    </message>
    <message>
        <source>Paste the example request from your gateway&apos;s documentation: a cURL command, an OpenAI SDK snippet (Python or JavaScript) or just a base URL. A key in it goes to the system keyring.</source>
        <translation>粘贴网关文档中的示例请求：cURL 命令、OpenAI SDK 代码片段（Python 或 JavaScript），或者只是一个 Base URL。其中的密钥会保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Nothing imported: {}.</source>
        <translation>未导入任何内容：{}。</translation>
    </message>
</context>
<context>
    <name>StreamingMessageRenderer</name>
    <message>
        <source>Thinking</source>
        <translation>思考中</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Thought for {} s</source>
        <translation>已思考 {} 秒</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Sluice</source>
        <translation>欢迎使用 Sluice</translation>
    </message>
    <message>
        <source>Connect a gateway to start chatting: pick it, paste your API key, choose a model. The key goes to the system keyring, never to a file.</source>
        <translation>连接一个网关即可开始聊天：选择网关，粘贴 API 密钥，选择模型。密钥会保存到系统密钥环，绝不写入文件。</translation>
    </message>
    <message>
        <source>Import from cURL / SDK snippet…</source>
        <translation>从 cURL / SDK 代码片段导入…</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Pick from the list or type a model id</source>
        <translation>从列表中选择，或输入模型 ID</translation>
    </message>
    <message>
        <source>Start chatting</source>
        <translation>开始聊天</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Imported from snippet</source>
        <translation>从代码片段导入</translation>
    </message>
    <message>
        <source>{preset} — running, {count} models</source>
        <translation>{preset} — 运行中，{count} 个模型</translation>
    </message>
    <message>
        <source>{} models on this server.</source>
        <translation>此服务器上有 {} 个模型。</translation>
    </message>
    <message>
        <source>The list is fetched once the key is there.</source>
        <translation>填入密钥后会自动获取模型列表。</translation>
    </message>
    <message>
        <source>enter the gateway&apos;s base URL</source>
        <translation>请输入网关的 Base URL</translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在获取模型列表…</translation>
    </message>
    <message>
        <source>Could not fetch the model list: {}</source>
        <translation>无法获取模型列表：{}</translation>
    </message>
    <message>
        <source>{} models available.</source>
        <translation>共有 {} 个可用模型。</translation>
    </message>
    <message>
        <source>The gateway lists no models; type one.</source>
        <translation>网关没有列出任何模型，请手动输入。</translation>
    </message>
    <message>
        <source>a profile named “{}” already exists</source>
        <translation>已存在名为“{}”的配置</translation>
    </message>
    <message>
        <source>Not yet: {}.</source>
        <translation>还不能开始：{}。</translation>
    </message>
    <message>
        <source>Paste your API key first (or pick a local server, which needs none).</source>
        <translation>请先粘贴 API 密钥（或选择无需密钥的本地服务器）。</translation>
    </message>
    <message>
        <source>Pick or type a model first.</source>
        <translation>请先选择或输入一个模型。</translation>
    </message>
    <message>
        <source>Not saved: {}</source>
        <translation>未保存：{}</translation>
    </message>
    <message>
        <source>Cannot test yet: {}.</source>
        <translation>暂时无法测试：{}。</translation>
    </message>
</context>
<context>
    <name>composition</name>
    <message>
        <source>Sluice cannot open its database</source>
        <translation>Sluice 无法打开数据库</translation>
    </message>
    <message>
        <source>{} reply(s) cut short by the last exit were kept, marked interrupted.</source>
        <translation>上次退出时被中断的 {} 条回复已保留，并标记为“已中断”。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Instructions sent before every message of this conversation:</source>
        <translation>在此对话的每条消息之前发送的指令：</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The gateway rejected the API key.</source>
        <translation>网关拒绝了 API 密钥。</translation>
    </message>
    <message>
        <source>The account has no balance or quota left.</source>
        <translation>账户余额或额度已用完。</translation>
    </message>
    <message>
        <source>Rate limited by the gateway.</source>
        <translation>请求过于频繁，已被网关限流。</translation>
    </message>
    <message>
        <source>The gateway rejected the request.</source>
        <translation>网关拒绝了请求。</translation>
    </message>
    <message>
        <source>Not found: check the base URL and the model name.</source>
        <translation>未找到：请检查 Base URL 和模型名称。</translation>
    </message>
    <message>
        <source>The gateway had a server error.</source>
        <translation>网关发生了服务器错误。</translation>
    </message>
    <message>
        <source>The provider reported an error during the reply.</source>
        <translation>服务商在回复过程中报告了错误。</translation>
    </message>
    <message>
        <source>The gateway answered with something that is not a chat stream.</source>
        <translation>网关返回的内容不是聊天流。</translation>
    </message>
    <message>
        <source>The connection broke before the reply was finished.</source>
        <translation>回复完成前连接已断开。</translation>
    </message>
    <message>
        <source>The gateway did not answer in time.</source>
        <translation>网关未能及时响应。</translation>
    </message>
    <message>
        <source>Could not connect to the gateway.</source>
        <translation>无法连接到网关。</translation>
    </message>
    <message>
        <source>No API key could be used.</source>
        <translation>没有可用的 API 密钥。</translation>
    </message>
    <message>
        <source>Error.</source>
        <translation>出错了。</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>Create an API key in the ZenMux console.</source>
        <translation>在 ZenMux 控制台创建 API 密钥。</translation>
    </message>
    <message>
        <source>Create an API key (令牌) in the 零度API console.</source>
        <translation>在零度API 控制台创建 API 密钥（令牌）。</translation>
    </message>
    <message>
        <source>Create an API key (令牌) in the DMXAPI console.</source>
        <translation>在 DMXAPI 控制台创建 API 密钥（令牌）。</translation>
    </message>
    <message>
        <source>Create an API key in the LemonData console.</source>
        <translation>在 LemonData 控制台创建 API 密钥。</translation>
    </message>
    <message>
        <source>Create an API key in the MyTokenGate console.</source>
        <translation>在 MyTokenGate 控制台创建 API 密钥。</translation>
    </message>
    <message>
        <source>Keys: https://platform.openai.com/api-keys</source>
        <translation>密钥：https://platform.openai.com/api-keys</translation>
    </message>
    <message>
        <source>Keys: https://openrouter.ai/keys</source>
        <translation>密钥：https://openrouter.ai/keys</translation>
    </message>
    <message>
        <source>Keys: https://platform.deepseek.com/api_keys</source>
        <translation>密钥：https://platform.deepseek.com/api_keys</translation>
    </message>
    <message>
        <source>Ollama (local)</source>
        <translation>Ollama（本地）</translation>
    </message>
    <message>
        <source>No key needed. Start Ollama and pull a model first, e.g. `ollama pull llama3.2`.</source>
        <translation>无需密钥。请先启动 Ollama 并拉取一个模型，例如 `ollama pull llama3.2`。</translation>
    </message>
    <message>
        <source>LM Studio (local)</source>
        <translation>LM Studio（本地）</translation>
    </message>
    <message>
        <source>No key needed. Load a model and start the local server in LM Studio&apos;s Developer tab.</source>
        <translation>无需密钥。请在 LM Studio 的“Developer”标签页中加载模型并启动本地服务器。</translation>
    </message>
</context>
<context>
    <name>probe</name>
    <message>
        <source>{host} resolved to {address}; TCP connection in {ms} ms.</source>
        <translation>{host} 解析为 {address}；TCP 连接用时 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>Connected to {host}:{port} in {ms} ms.</source>
        <translation>已连接到 {host}:{port}，用时 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>The proxy {host} resolved to {address}; TCP connection in {ms} ms.</source>
        <translation>代理 {host} 解析为 {address}；TCP 连接用时 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>Could not find {host} in DNS: {reason}. Check the base URL for typos and your network.</source>
        <translation>DNS 中找不到 {host}：{reason}。请检查 Base URL 是否有拼写错误，以及网络是否正常。</translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection. Is the server running on that port?</source>
        <translation>{host}:{port} 拒绝了连接。服务器是否在该端口上运行？</translation>
    </message>
    <message>
        <source>Connecting to {host}:{port} timed out after {seconds:g} s.</source>
        <translation>连接 {host}:{port} 超时（{seconds:g} 秒）。</translation>
    </message>
    <message>
        <source>Could not connect to {host}:{port}: {reason}.</source>
        <translation>无法连接到 {host}:{port}：{reason}。</translation>
    </message>
    <message>
        <source>{version} with {host}; the certificate is trusted ({ms} ms).</source>
        <translation>与 {host} 使用 {version}；证书受信任（{ms} 毫秒）。</translation>
    </message>
    <message>
        <source>Not used: the base URL starts with http://.</source>
        <translation>未使用：Base URL 以 http:// 开头。</translation>
    </message>
    <message>
        <source>Checked through the proxy by the request below.</source>
        <translation>将通过代理由下面的请求一并检查。</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted: {reason}.</source>
        <translation>{host} 的证书不受信任：{reason}。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} failed: {reason}.</source>
        <translation>与 {host} 的 TLS 握手失败：{reason}。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} timed out after {seconds:g} s.</source>
        <translation>与 {host} 的 TLS 握手超时（{seconds:g} 秒）。</translation>
    </message>
    <message>
        <source>Not checked: an earlier step failed.</source>
        <translation>未检查：前面的步骤失败了。</translation>
    </message>
    <message>
        <source>The gateway accepted the key.</source>
        <translation>网关接受了密钥。</translation>
    </message>
    <message>
        <source>The gateway did not reject the key.</source>
        <translation>网关没有拒绝密钥。</translation>
    </message>
    <message>
        <source>No key is sent (the profile&apos;s auth style is “none”).</source>
        <translation>不发送密钥（此配置的认证方式为“不使用密钥”）。</translation>
    </message>
    <message>
        <source>No key was entered, and the gateway did not ask for one.</source>
        <translation>没有填写密钥，网关也没有要求提供。</translation>
    </message>
    <message>
        <source>{explanation} {message}</source>
        <translation>{explanation} {message}</translation>
    </message>
    <message>
        <source>No key was entered, and the gateway refused the request: {message}</source>
        <translation>没有填写密钥，网关拒绝了请求：{message}</translation>
    </message>
    <message>
        <source>{model} answered.</source>
        <translation>{model} 已响应。</translation>
    </message>
    <message>
        <source>No model is chosen: pick one from the list or type its id.</source>
        <translation>尚未选择模型：请从列表中选择，或输入模型 ID。</translation>
    </message>
    <message>
        <source>First byte after {ttfb} ms, first token after {ttft} ms; {count} pieces in {spread} ms.</source>
        <translation>首字节 {ttfb} 毫秒，首 token {ttft} 毫秒；{spread} 毫秒内收到 {count} 个片段。</translation>
    </message>
    <message>
        <source>First byte after {ttfb} ms; the reply ended without text ({finish}).</source>
        <translation>首字节 {ttfb} 毫秒；回复结束时没有任何文本（{finish}）。</translation>
    </message>
    <message>
        <source>All {count} pieces arrived in one burst at the end ({spread} ms apart, {wait} ms after the request): the gateway, or a proxy in between, seems to buffer the stream. Replies will appear all at once when they are finished.</source>
        <translation>全部 {count} 个片段在最后一次性到达（前后相差 {spread} 毫秒，在请求发出 {wait} 毫秒后）：网关或中间的代理似乎缓冲了流式输出。回复将在完成后一次性显示。</translation>
    </message>
    <message>
        <source>The gateway answered with one whole reply (JSON) instead of a stream: replies will appear all at once when they are finished.</source>
        <translation>网关返回的是一个完整回复（JSON），而不是流式输出：回复将在完成后一次性显示。</translation>
    </message>
    <message>
        <source>The gateway refuses “stream_options” (token usage in the stream); turn that option off for this profile.</source>
        <translation>网关不接受“stream_options”（在流中返回 token 用量）；请为此配置关闭该选项。</translation>
    </message>
    <message>
        <source>The model sent no text within {tokens} tokens; a reasoning model may think longer.</source>
        <translation>模型在 {tokens} 个 token 内没有输出文本；推理模型可能需要思考更久。</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>cut: max tokens reached</source>
        <translation>已截断：达到最大 token 数</translation>
    </message>
    <message>
        <source>filtered by the provider</source>
        <translation>被服务商过滤</translation>
    </message>
    <message>
        <source>asked to call a tool</source>
        <translation>请求调用工具</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>streaming…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <source>first token {} s</source>
        <translation>首 token {} 秒</translation>
    </message>
    <message>
        <source>{} tok/s</source>
        <translation>{} tok/s</translation>
    </message>
    <message>
        <source>{} tokens</source>
        <translation>{} tokens</translation>
    </message>
    <message>
        <source>thought {} s</source>
        <translation>思考 {} 秒</translation>
    </message>
    <message>
        <source>(retry after {} s)</source>
        <translation>（{} 秒后重试）</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
</TS>
