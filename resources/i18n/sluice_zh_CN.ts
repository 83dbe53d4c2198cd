<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>ChatController</name>
        <message>
            <source>Opened the mail link without the parts a reply may not set: {}</source>
            <translation>已打开邮件链接，但去掉了回复不能设置的部分：{}</translation>
        </message>
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
            <source>Not saved.</source>
            <translation>未保存。</translation>
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
            <source>The reply that could not be saved is saved now.</source>
            <translation>之前未能保存的回复现在已保存。</translation>
        </message>
        <message>
            <source>There is no reply to regenerate yet.</source>
            <translation>还没有可以重新生成的回复。</translation>
        </message>
        <message>
            <source>Other versions can be shown once the reply ends.</source>
            <translation>回复结束后才能查看其他版本。</translation>
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
        <message>
            <source>{} is rate limited; trying again in {} s (Stop cancels).</source>
            <translation>{} 被限流；{} 秒后重试（“停止”可取消）。</translation>
        </message>
        <message>
            <source>{failed} failed; trying {next}.</source>
            <translation>{failed} 失败；正在尝试 {next}。</translation>
        </message>
        <message>
            <source>via {profile} ({reasons})</source>
            <translation>经由 {profile}（{reasons}）</translation>
        </message>
        <message>
            <source>This reply has no record: it was made while recording was off, or before.</source>
            <translation>这条回复没有记录：它是在记录关闭时或更早生成的。</translation>
        </message>
        <message>
            <source>Retry on {}</source>
            <translation>在 {} 上重试</translation>
        </message>
        <message>
            <source>Inspect</source>
            <translation>检查</translation>
        </message>
        <message>
            <source>Wait until the attachments are ready: {} still being prepared.</source>
            <translation>请等待附件准备完成：{} 仍在准备中。</translation>
        </message>
        <message>
            <source>The profile and model can be changed once the reply ends.</source>
            <translation>回复结束后才能更改配置和模型。</translation>
        </message>
        <message>
            <source>Messages can be deleted once the reply ends.</source>
            <translation>回复结束后才能删除消息。</translation>
        </message>
    </context>
    <context>
        <name>ChatTopBar</name>
        <message>
            <source>Compare side by side</source>
            <translation>并排对比</translation>
        </message>
        <message>
            <source>What this conversation's replies cost, where the cost is known</source>
            <translation>本对话中已知费用的回复共花费多少</translation>
        </message>
        <message>
            <source>Usage…</source>
            <translation>用量…</translation>
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
            <source>Fetching models…</source>
            <translation>正在获取模型…</translation>
        </message>
        <message>
            <source>Regenerate the last reply</source>
            <translation>重新生成最后一条回复</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>菜单</translation>
        </message>
        <message>
            <source>Command palette</source>
            <translation>命令面板</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>System prompt (this conversation has one)</source>
            <translation>系统提示词（此对话已设置）</translation>
        </message>
        <message>
            <source>No profile</source>
            <translation>没有配置</translation>
        </message>
        <message>
            <source>choose a model</source>
            <translation>选择模型</translation>
        </message>
        <message>
            <source>{} — click to choose a profile and model</source>
            <translation>{} — 点击选择配置和模型</translation>
        </message>
        <message>
            <source>Search profiles and models, or type a model id</source>
            <translation>搜索配置和模型，或输入模型 ID</translation>
        </message>
        <message>
            <source>Use the model “{}”</source>
            <translation>使用模型“{}”</translation>
        </message>
        <message>
            <source>Type a model id</source>
            <translation>输入模型 ID</translation>
        </message>
        <message>
            <source>Show or hide the sidebar (Ctrl+B)</source>
            <translation>显示或隐藏侧边栏（Ctrl+B）</translation>
        </message>
        <message>
            <source>Enter: use the model · Ctrl+I: images auto → on → off</source>
            <translation>Enter：使用该模型 · Ctrl+I：图片 自动 → 开 → 关</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Editing a message — Esc to cancel</source>
            <translation>正在编辑消息 — 按 Esc 取消</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
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
        <message>
            <source>pasted image.png</source>
            <translation>粘贴的图片.png</translation>
        </message>
        <message>
            <source>Attach images, text files or PDFs (or paste, or drop them here)</source>
            <translation>附加图片、文本文件或 PDF（也可粘贴或拖放到此处）</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>附加文件</translation>
        </message>
    </context>
    <context>
        <name>ConversationSidebar</name>
        <message>
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <source>Search conversations</source>
            <translation>搜索对话</translation>
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
        <message>
            <source>Pinned</source>
            <translation>已置顶</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Previous 7 days</source>
            <translation>过去 7 天</translation>
        </message>
        <message>
            <source>MMMM yyyy</source>
            <translation>yyyy年M月</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新对话</translation>
        </message>
        <message>
            <source>Pin</source>
            <translation>置顶</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Settings (Ctrl+,)</source>
            <translation>设置（Ctrl+,）</translation>
        </message>
        <message>
            <source>Unpin</source>
            <translation>取消置顶</translation>
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
            <source>The profile was renamed, but its secret headers or proxy password could not be moved: {}</source>
            <translation>配置已重命名，但其机密请求头或代理密码未能移动：{}</translation>
        </message>
        <message>
            <source>The profile was changed or deleted, but a secret header or proxy password could not be removed from the keyring: {}</source>
            <translation>配置已修改或删除，但有机密请求头或代理密码未能从密钥环中移除：{}</translation>
        </message>
        <message>
            <source>The copy was made, but its secret headers or proxy password could not be copied: {}</source>
            <translation>副本已创建，但其机密请求头或代理密码未能复制：{}</translation>
        </message>
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
            <source>new profile</source>
            <translation>新配置</translation>
        </message>
        <message>
            <source>Not saved yet: the keyring did not take the key.</source>
            <translation>尚未保存：密钥环没有接受这个密钥。</translation>
        </message>
        <message>
            <source>The profile was renamed, but its conversations still name the old one: {}</source>
            <translation>配置已重命名，但它的对话仍使用旧名称：{}</translation>
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
        <name>ProfileEditorView</name>
        <message>
            <source>Secret headers</source>
            <translation>机密请求头</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Kept in the keyring; type to replace</source>
            <translation>保存在密钥环中；输入新值以替换</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>配置</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新对话</translation>
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
            <source>Fetch the gateway's model list (/models)</source>
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
            <source>Paste the API key</source>
            <translation>粘贴 API 密钥</translation>
        </message>
        <message>
            <source>Save or revert the changes first</source>
            <translation>请先保存或还原修改</translation>
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
            <source>enter the gateway's base URL, e.g. https://api.example.com/v1</source>
            <translation>请输入网关的 Base URL，例如 https://api.example.com/v1</translation>
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
            <source>Export all conversations</source>
            <translation>导出全部对话</translation>
        </message>
        <message>
            <source>JSON files (*.json)</source>
            <translation>JSON 文件 (*.json)</translation>
        </message>
        <message>
            <source>Nothing was exported: {}</source>
            <translation>未导出任何内容：{}</translation>
        </message>
        <message>
            <source>Exported {count} conversations to {path}</source>
            <translation>已导出 {count} 个对话到 {path}</translation>
        </message>
        <message>
            <source>The look changed; this conversation follows once the reply ends.</source>
            <translation>外观已更改；回复结束后此对话将随之更新。</translation>
        </message>
    </context>
    <context>
        <name>SnippetDialog</name>
        <message>
            <source>Import from cURL / SDK snippet</source>
            <translation>从 cURL / SDK 代码片段导入</translation>
        </message>
        <message>
            <source>Paste the example request from your gateway's documentation: a cURL command, an OpenAI SDK snippet (Python or JavaScript) or just a base URL. A key in it goes to the system keyring.</source>
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
        <name>SpendChart</name>
        <message>
            <source>No known cost in this period</source>
            <translation>这段时间内没有已知费用</translation>
        </message>
    </context>
    <context>
        <name>StreamingMessageRenderer</name>
        <message>
            <source>Thinking</source>
            <translation>思考中</translation>
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
    </context>
    <context>
        <name>UsagePage</name>
        <message>
            <source>{replies} replies · spent {spent} · {unknown} without a known cost</source>
            <translation>{replies} 条回复 · 花费 {spent} · {unknown} 条费用未知</translation>
        </message>
        <message>
            <source>Usage</source>
            <translation>用量</translation>
        </message>
        <message>
            <source>Tokens/s</source>
            <translation>Tokens/秒</translation>
        </message>
        <message>
            <source>Tokens ↑ / ↓</source>
            <translation>Tokens ↑ / ↓</translation>
        </message>
        <message>
            <source>TTFT p50 / p95</source>
            <translation>首字延迟 p50 / p95</translation>
        </message>
        <message>
            <source>Replies</source>
            <translation>回复数</translation>
        </message>
        <message>
            <source>Profile</source>
            <translation>配置</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>时间段：</translation>
        </message>
        <message>
            <source>No cost</source>
            <translation>无费用信息</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>最近 7 天</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>最近 30 天</translation>
        </message>
        <message>
            <source>Last 24 hours</source>
            <translation>最近 24 小时</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Currency:</source>
            <translation>币种：</translation>
        </message>
        <message>
            <source>Costs in different currencies are never added together</source>
            <translation>不同币种的费用从不相加</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <source>All time</source>
            <translation>全部</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Imported from snippet</source>
            <translation>从代码片段导入</translation>
        </message>
        <message>
            <source>new profile</source>
            <translation>新配置</translation>
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
            <source>enter the gateway's base URL</source>
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
        <name>WelcomeView</name>
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
            <source>{preset} — running, {count} models</source>
            <translation>{preset} — 运行中，{count} 个模型</translation>
        </message>
    </context>
    <context>
        <name>attachments</name>
        <message>
            <source>{model} on profile {profile} takes no images (its /models entry says so, or it was marked so). Pick a model that takes images, or if this one does: sluice profile set {quoted_profile} --vision {quoted_model}</source>
            <translation>配置 {profile} 上的 {model} 不接受图片（其 /models 信息如此说明，或已被标记为如此）。请选择接受图片的模型；如果该模型其实接受图片：sluice profile set {quoted_profile} --vision {quoted_model}</translation>
        </message>
    </context>
    <context>
        <name>composition</name>
        <message>
            <source>Secret header values and proxy passwords were moved from profiles.toml into the system keyring; the file keeps only their names.</source>
            <translation>机密请求头的值和代理密码已从 profiles.toml 移入系统密钥环；文件中只保留它们的名称。</translation>
        </message>
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
            <source>The attachment cannot be sent.</source>
            <translation>无法发送此附件。</translation>
        </message>
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
            <source>The reply was too large to keep.</source>
            <translation>回复太大，无法继续接收。</translation>
        </message>
    </context>
    <context>
        <name>import</name>
        <message>
            <source>the pasted text is too long ({length:,} characters); paste just the example</source>
            <translation>粘贴的文本太长（{length:,} 个字符）；只粘贴示例即可</translation>
        </message>
        <message>
            <source>nothing to import: paste a cURL command, an OpenAI SDK snippet or a base URL</source>
            <translation>没有可导入的内容：请粘贴 cURL 命令、OpenAI SDK 代码片段或 Base URL</translation>
        </message>
        <message>
            <source>found no cURL command, OpenAI SDK snippet or base URL in the pasted text; paste the example request from the gateway's docs, e.g. curl https://…/v1/chat/completions -H "Authorization: Bearer …" -d '{{"model": …}}'</source>
            <translation>在粘贴的文本中没有找到 cURL 命令、OpenAI SDK 代码片段或 Base URL；请粘贴网关文档中的示例请求，例如 curl https://…/v1/chat/completions -H "Authorization: Bearer …" -d '{{"model": …}}'</translation>
        </message>
        <message>
            <source>the {kind} has no URL</source>
            <translation>{kind}中没有 URL</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) has no host: it uses a variable or a placeholder; put the gateway's address in its place and paste again</source>
            <translation>代码片段中的 URL（{url}）没有主机名：它用的是变量或占位符；请换成网关的地址后重新粘贴</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) has spaces or characters a URL cannot have</source>
            <translation>代码片段中的 URL（{url}）含有空格或 URL 中不允许出现的字符</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) is not a valid URL</source>
            <translation>代码片段中的 URL（{url}）不是有效的 URL</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) must start with http:// or https://</source>
            <translation>代码片段中的 URL（{url}）必须以 http:// 或 https:// 开头</translation>
        </message>
        <message>
            <source>The snippet sets no base URL, so the OpenAI SDK's default {url} is used.</source>
            <translation>代码片段没有设置 Base URL，因此使用 OpenAI SDK 的默认地址 {url}。</translation>
        </message>
        <message>
            <source>The model in the snippet is a placeholder, so none was set.</source>
            <translation>代码片段中的模型是占位符，因此没有设置模型。</translation>
        </message>
        <message>
            <source>The URL had no scheme, so {scheme}:// was assumed.</source>
            <translation>URL 没有协议前缀，因此按 {scheme}:// 处理。</translation>
        </message>
        <message>
            <source>The URL carried a user name or password; it was left out.</source>
            <translation>URL 中带有用户名或密码，已将其去掉。</translation>
        </message>
        <message>
            <source>The URL's query ({names}) was left out: Sluice calls &lt;base URL&gt;/chat/completions without one.</source>
            <translation>URL 的查询参数（{names}）已去掉：Sluice 调用 &lt;base URL&gt;/chat/completions 时不带查询参数。</translation>
        </message>
        <message>
            <source>The URL's query (parameters) was left out: Sluice calls &lt;base URL&gt;/chat/completions without one.</source>
            <translation>URL 的查询参数已去掉：Sluice 调用 &lt;base URL&gt;/chat/completions 时不带查询参数。</translation>
        </message>
        <message>
            <source>The URL does not end in /chat/completions, so it was used as the base URL as it is.</source>
            <translation>URL 不是以 /chat/completions 结尾，因此原样用作 Base URL。</translation>
        </message>
        <message>
            <source>The header {name} also carries a secret; a profile keeps only one key, so it was left out.</source>
            <translation>请求头 {name} 也携带了密钥；一个配置只保存一个密钥，因此已将它去掉。</translation>
        </message>
        <message>
            <source>A header that is not valid HTTP was left out.</source>
            <translation>已去掉一个不符合 HTTP 规范的请求头。</translation>
        </message>
        <message>
            <source>The header {name} holds a placeholder, so it was left out.</source>
            <translation>请求头 {name} 的值是占位符，因此已将它去掉。</translation>
        </message>
        <message>
            <source>The pasted text holds no API key: paste your own.</source>
            <translation>粘贴的文本中没有 API 密钥：请粘贴你自己的密钥。</translation>
        </message>
        <message>
            <source>The snippet sends no API key, so this profile sends none either.</source>
            <translation>代码片段没有发送 API 密钥，因此此配置也不发送。</translation>
        </message>
        <message>
            <source>{key!r} is a dummy key that local servers ignore, so this profile sends no key.</source>
            <translation>{key!r} 是本地服务器会忽略的虚拟密钥，因此此配置不发送密钥。</translation>
        </message>
        <message>
            <source>The key in the snippet is a placeholder: paste your own.</source>
            <translation>代码片段中的密钥是占位符：请粘贴你自己的密钥。</translation>
        </message>
        <message>
            <source>The key in the snippet is a placeholder: paste your own (the snippet reads it from the environment variable {variable}).</source>
            <translation>代码片段中的密钥是占位符：请粘贴你自己的密钥（代码片段是从环境变量 {variable} 读取密钥的）。</translation>
        </message>
        <message>
            <source>cURL command</source>
            <translation>cURL 命令</translation>
        </message>
        <message>
            <source>SDK snippet</source>
            <translation>SDK 代码片段</translation>
        </message>
        <message>
            <source>pasted text</source>
            <translation>粘贴的文本</translation>
        </message>
        <message>
            <source>Headers read from a file (-H @file) were not imported.</source>
            <translation>从文件读取的请求头（-H @file）没有导入。</translation>
        </message>
        <message>
            <source>The request body is read from a file, so the model could not be read from it.</source>
            <translation>请求体是从文件读取的，因此无法从中读出模型。</translation>
        </message>
        <message>
            <source>The command logs in with -u (HTTP basic auth), which was not imported.</source>
            <translation>该命令用 -u 登录（HTTP 基本认证），这部分没有导入。</translation>
        </message>
    </context>
    <context>
        <name>keystore</name>
        <message>
            <source>save the secret header {header} of profile {name!r}</source>
            <translation>保存配置 {name!r} 的机密请求头 {header}</translation>
        </message>
        <message>
            <source>save the proxy password of profile {name!r}</source>
            <translation>保存配置 {name!r} 的代理密码</translation>
        </message>
        <message>
            <source>read the secret header {header} of profile {name!r}</source>
            <translation>读取配置 {name!r} 的机密请求头 {header}</translation>
        </message>
        <message>
            <source>read the proxy password of profile {name!r}</source>
            <translation>读取配置 {name!r} 的代理密码</translation>
        </message>
        <message>
            <source>delete the secret header {header} of profile {name!r}</source>
            <translation>删除配置 {name!r} 的机密请求头 {header}</translation>
        </message>
        <message>
            <source>delete the proxy password of profile {name!r}</source>
            <translation>删除配置 {name!r} 的代理密码</translation>
        </message>
        <message>
            <source>The keyring refused to {action}.</source>
            <translation>密钥环拒绝{action}。</translation>
        </message>
        <message>
            <source>An empty value cannot be saved: {action}.</source>
            <translation>不能保存空值：{action}。</translation>
        </message>
        <message>
            <source>Install and unlock a Secret Service such as GNOME Keyring or KeePassXC (e.g. `sudo apt-get install gnome-keyring`), make sure you are in a desktop session with D-Bus, then try again.</source>
            <translation>请安装并解锁一个 Secret Service，例如 GNOME Keyring 或 KeePassXC（如 `sudo apt-get install gnome-keyring`），确认你在带有 D-Bus 的桌面会话中，然后重试。</translation>
        </message>
        <message>
            <source>Check that the macOS Keychain is available and unlocked, then try again.</source>
            <translation>请确认 macOS 钥匙串可用且已解锁，然后重试。</translation>
        </message>
        <message>
            <source>Check that Windows Credential Manager is available, then try again.</source>
            <translation>请确认 Windows 凭据管理器可用，然后重试。</translation>
        </message>
        <message>
            <source>no usable system keyring was found</source>
            <translation>找不到可用的系统密钥环</translation>
        </message>
        <message>
            <source>the keyring backend {backend} keeps keys in a file, not a secure keyring</source>
            <translation>密钥环后端 {backend} 把密钥存放在文件中，不是安全的密钥环</translation>
        </message>
        <message>
            <source>the keyring backend {backend} is not a recommended secure keyring</source>
            <translation>密钥环后端 {backend} 不是推荐使用的安全密钥环</translation>
        </message>
        <message>
            <source>No secure keyring is available (backends found: {found}). Sluice keeps API keys only in the system keyring, never in a file. {how_to_fix}</source>
            <translation>没有可用的安全密钥环（找到的后端：{found}）。Sluice 只把 API 密钥保存在系统密钥环中，绝不写入文件。{how_to_fix}</translation>
        </message>
        <message>
            <source>No secure keyring: {reason}. Sluice keeps API keys only in the system keyring, never in a file. {how_to_fix}</source>
            <translation>没有安全的密钥环：{reason}。Sluice 只把 API 密钥保存在系统密钥环中，绝不写入文件。{how_to_fix}</translation>
        </message>
        <message>
            <source>read the API key of profile {name!r}</source>
            <translation>读取配置 {name!r} 的 API 密钥</translation>
        </message>
        <message>
            <source>save the API key of profile {name!r}</source>
            <translation>保存配置 {name!r} 的 API 密钥</translation>
        </message>
        <message>
            <source>delete the API key of profile {name!r}</source>
            <translation>删除配置 {name!r} 的 API 密钥</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring is locked. Unlock it and try again.</source>
            <translation>无法{action}：密钥环已锁定。请解锁后重试。</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring is not available. {how_to_fix}</source>
            <translation>无法{action}：密钥环不可用。{how_to_fix}</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring reported an error ({error_type}: {detail}).</source>
            <translation>无法{action}：密钥环报告了一个错误（{error_type}: {detail}）。</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring reported an error ({error_type}).</source>
            <translation>无法{action}：密钥环报告了一个错误（{error_type}）。</translation>
        </message>
        <message>
            <source>An empty API key cannot be saved for profile {name!r}.</source>
            <translation>不能为配置 {name!r} 保存空的 API 密钥。</translation>
        </message>
        <message>
            <source>An empty API key cannot be kept for profile {name!r}.</source>
            <translation>不能为配置 {name!r} 保留空的 API 密钥。</translation>
        </message>
        <message>
            <source>This API key is {length} characters long; Windows Credential Manager holds at most {limit}.</source>
            <translation>此 API 密钥长 {length} 个字符；Windows 凭据管理器最多只能保存 {limit} 个字符。</translation>
        </message>
        <message>
            <source>The keyring refused to delete the API key of profile {name!r}.</source>
            <translation>密钥环拒绝删除配置 {name!r} 的 API 密钥。</translation>
        </message>
        <message>
            <source>A profile name is needed to find its API key.</source>
            <translation>需要配置名称才能找到它的 API 密钥。</translation>
        </message>
    </context>
    <context>
        <name>list</name>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
    </context>
    <context>
        <name>presets</name>
        <message>
            <source>Create an API key in the ZenMux console. ZenMux bills a stopped reply in full.</source>
            <translation>在 ZenMux 控制台创建 API 密钥。ZenMux 对中途停止的回复按完整回复计费。</translation>
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
            <source>No key needed. Load a model and start the local server in LM Studio's Developer tab.</source>
            <translation>无需密钥。请在 LM Studio 的“Developer”标签页中加载模型并启动本地服务器。</translation>
        </message>
        <message>
            <source>Custom (any OpenAI-compatible server)</source>
            <translation>自定义（任意兼容 OpenAI 的服务器）</translation>
        </message>
        <message>
            <source>Any server that speaks the OpenAI API: enter its base URL (it usually ends in /v1) and its key.</source>
            <translation>任何支持 OpenAI API 的服务器：填写它的 Base URL（通常以 /v1 结尾）和密钥。</translation>
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
            <source>No key is sent (the profile's auth style is “none”).</source>
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
        <name>profiles</name>
        <message>
            <source>{path}: nested too deep to read (values are nested more than {limit} levels deep); this is not a profiles file</source>
            <translation>{path}：嵌套过深，无法读取（值的嵌套超过 {limit} 层）；这不是配置文件</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: secret_headers must be a list of header names</source>
            <translation>{path}：配置 {name!r}：secret_headers 必须是请求头名称的列表</translation>
        </message>
        <message>
            <source>{path}: could not be written ({reason}); the file was left as it was</source>
            <translation>{path}：无法写入（{reason}）；文件保持原样</translation>
        </message>
        <message>
            <source>profile {name!r}: the proxy password is kept in the system keyring, not in profiles.toml</source>
            <translation>配置 {name!r}：代理密码保存在系统密钥环中，而不是 profiles.toml 里</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} carries a key or other secret; its value is kept in the system keyring (`--secret-header`), not in profiles.toml</source>
            <translation>配置 {name!r}：请求头 {header!r} 携带密钥或其他机密；它的值保存在系统密钥环中（`--secret-header`），而不是 profiles.toml 里</translation>
        </message>
        <message>
            <source>a profile needs a name</source>
            <translation>配置需要一个名称</translation>
        </message>
        <message>
            <source>profile name {name!r} has leading/trailing spaces or control characters</source>
            <translation>配置名称 {name!r} 的首尾有空格，或含有控制字符</translation>
        </message>
        <message>
            <source>profile {name!r}: base_url must be a URL starting with {schemes} (got {url!r})</source>
            <translation>配置 {name!r}：base_url 必须是以 {schemes} 开头的 URL（当前为 {url!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: proxy ('none', 'system' or a URL) must be a URL starting with {schemes} (got {url!r})</source>
            <translation>配置 {name!r}：proxy（'none'、'system' 或一个 URL）必须是以 {schemes} 开头的 URL（当前为 {url!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: auth must be 'bearer', 'raw', 'none' or 'header:NAME' (got {auth!r})</source>
            <translation>配置 {name!r}：auth 必须是 'bearer'、'raw'、'none' 或 'header:名称'（当前为 {auth!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: {header!r} is not a valid HTTP header name</source>
            <translation>配置 {name!r}：{header!r} 不是有效的 HTTP 请求头名称</translation>
        </message>
        <message>
            <source>profile {name!r}: read_timeout must be a positive number of seconds (got {timeout!r})</source>
            <translation>配置 {name!r}：read_timeout 必须是正数（单位为秒，当前为 {timeout!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} has a line break in its value</source>
            <translation>配置 {name!r}：请求头 {header!r} 的值中含有换行符</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} looks like it carries a key; keys are kept in the system keyring, not in profiles.toml (set `auth` instead)</source>
            <translation>配置 {name!r}：请求头 {header!r} 看起来携带了密钥；密钥保存在系统密钥环中，而不是 profiles.toml 里（请改为设置 `auth`）</translation>
        </message>
        <message>
            <source>{path}: {error}</source>
            <translation>{path}：{error}</translation>
        </message>
        <message>
            <source>{path}: line {line}, column {column}: {reason}</source>
            <translation>{path}：第 {line} 行第 {column} 列：{reason}</translation>
        </message>
        <message>
            <source>{path}: line {line} (end of file): {reason}</source>
            <translation>{path}：第 {line} 行（文件末尾）：{reason}</translation>
        </message>
        <message>
            <source>{path}: profile #{number} is not a table</source>
            <translation>{path}：第 {number} 个配置不是表（table）</translation>
        </message>
        <message>
            <source>{path}: profile #{number} has unknown settings: {keys}</source>
            <translation>{path}：第 {number} 个配置含有未知的设置项：{keys}</translation>
        </message>
        <message>
            <source>{path}: profile #{number} needs a name (a string)</source>
            <translation>{path}：第 {number} 个配置需要 name（字符串）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r} needs a base_url (a string)</source>
            <translation>{path}：配置 {name!r} 需要 base_url（字符串）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: {field} has the wrong type ({type})</source>
            <translation>{path}：配置 {name!r}：{field} 的类型不对（{type}）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: headers must be a table of strings</source>
            <translation>{path}：配置 {name!r}：headers 必须是由字符串组成的表</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: vision must be a table of true/false (model = true)</source>
            <translation>{path}：配置 {name!r}：vision 必须是由 true/false 组成的表（模型 = true）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: prices must be a table of strings (model = "IN/OUT CUR")</source>
            <translation>{path}：配置 {name!r}：prices 必须是由字符串组成的表（模型 = "输入/输出 币种"）</translation>
        </message>
        <message>
            <source>profile {name!r}: the price of {model!r} must be IN/OUT[/CACHED] CUR per 1M tokens, e.g. "0.25/2 USD" (got {spec!r})</source>
            <translation>配置 {name!r}：{model!r} 的价格须写作 输入/输出[/缓存] 币种（每 1M tokens），例如 "0.25/2 USD"（收到 {spec!r}）</translation>
        </message>
        <message>
            <source>{path}: cannot be read ({reason})</source>
            <translation>{path}：无法读取（{reason}）</translation>
        </message>
        <message>
            <source>{path}: is not UTF-8 text</source>
            <translation>{path}：不是 UTF-8 文本</translation>
        </message>
        <message>
            <source>{path}: unknown settings: {keys}</source>
            <translation>{path}：未知的设置项：{keys}</translation>
        </message>
        <message>
            <source>{path}: 'profile' must be an array of tables ([[profile]])</source>
            <translation>{path}：'profile' 必须是表数组（[[profile]]）</translation>
        </message>
        <message>
            <source>{path}: two profiles are named {name!r}</source>
            <translation>{path}：有两个配置都叫 {name!r}</translation>
        </message>
        <message>
            <source>{path}: default must be a profile name (a string)</source>
            <translation>{path}：default 必须是一个配置名称（字符串）</translation>
        </message>
        <message>
            <source>no profile named {name!r}; `sluice profile list` shows them</source>
            <translation>没有名为 {name!r} 的配置；`sluice profile list` 可列出全部配置</translation>
        </message>
        <message>
            <source>a profile named {name!r} already exists</source>
            <translation>已存在名为 {name!r} 的配置</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: fallbacks must be a list of profile names (["b", "c:MODEL"])</source>
            <translation>{path}：配置 {name!r}：fallbacks 必须是配置名称的列表（["b", "c:MODEL"]）</translation>
        </message>
        <message>
            <source>profile {name!r}: fallback {fallback!r} must be another profile's name, or NAME:MODEL</source>
            <translation>配置 {name!r}：备用 {fallback!r} 必须是另一个配置的名称，或 名称:模型</translation>
        </message>
    </context>
    <context>
        <name>session</name>
        <message>
            <source>No API key is saved for profile “{name}”. Add one with: sluice profile set-key {quoted}</source>
            <translation>配置“{name}”还没有保存 API 密钥。可在配置编辑器中添加，或运行：sluice profile set-key {quoted}</translation>
        </message>
        <message>
            <source>The reply passed {limit} million characters and was stopped there; its text is kept.</source>
            <translation>回复超过了 {limit} 百万个字符，已在此处停止；已收到的文字都保留着。</translation>
        </message>
        <message>
            <source>The reply could not be saved: {error} Its text is only on screen: copy it before closing.</source>
            <translation>回复无法保存：{error} 它的文字只在屏幕上：关闭前请先复制。</translation>
        </message>
        <message>
            <source>Only part of this reply could be saved: {error}</source>
            <translation>这条回复只保存了一部分：{error}</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <source>theme must be one of {choices}</source>
            <translation>theme 必须是 {choices} 之一</translation>
        </message>
        <message>
            <source>font_size must be 0 (system) or {low}–{high}</source>
            <translation>font_size 必须是 0（跟随系统）或 {low}–{high}</translation>
        </message>
        <message>
            <source>send_key must be one of {choices}</source>
            <translation>send_key 必须是 {choices} 之一</translation>
        </message>
        <message>
            <source>language must be one of {choices}</source>
            <translation>language 必须是 {choices} 之一</translation>
        </message>
        <message>
            <source>{field} has the wrong type</source>
            <translation>{field} 的类型不对</translation>
        </message>
        <message>
            <source>{path}: could not be read ({reason}); using the default settings.</source>
            <translation>{path}：无法读取（{reason}）；将使用默认设置。</translation>
        </message>
        <message>
            <source>{path}: {problems}; the default is used for those.</source>
            <translation>{path}：{problems}；这些项将使用默认值。</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>cost not reported (stopped)</source>
            <translation>费用未报告（已停止）</translation>
        </message>
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
            <source>first token {} s</source>
            <translation>首 token {} 秒</translation>
        </message>
        <message>
            <source>{} tok/s</source>
            <translation>{} tok/s</translation>
        </message>
        <message>
            <source>{} chunks/s</source>
            <translation>{} 片段/秒</translation>
        </message>
        <message>
            <source>↑{} ↓{} tokens</source>
            <translation>↑{} ↓{} tokens</translation>
        </message>
        <message>
            <source>↓{} tokens</source>
            <translation>↓{} tokens</translation>
        </message>
        <message>
            <source>{} tokens in all</source>
            <translation>共 {} tokens</translation>
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
    <context>
        <name>store</name>
        <message>
            <source>The conversation database {path} cannot be opened: the disk is full ({detail}). The file was left untouched. Free some space and try again.</source>
            <translation>无法打开对话数据库 {path}：磁盘已满（{detail}）。文件未被改动。请释放一些空间后重试。</translation>
        </message>
        <message>
            <source>Cannot create the conversation database at {path}: {reason}.</source>
            <translation>无法在 {path} 创建对话数据库：{reason}。</translation>
        </message>
        <message>
            <source>Cannot open the conversation database {path}: {reason}.</source>
            <translation>无法打开对话数据库 {path}：{reason}。</translation>
        </message>
        <message>
            <source>The conversation database {path} could not be used: {reason}.</source>
            <translation>无法使用对话数据库 {path}：{reason}。</translation>
        </message>
        <message>
            <source>Conversation {id} does not exist (it may have been deleted).</source>
            <translation>对话 {id} 不存在（可能已被删除）。</translation>
        </message>
        <message>
            <source>Message {id} does not exist (it may have been deleted).</source>
            <translation>消息 {id} 不存在（可能已被删除）。</translation>
        </message>
        <message>
            <source>Conversation {id} already exists; nothing was restored.</source>
            <translation>对话 {id} 已存在；没有恢复任何内容。</translation>
        </message>
        <message>
            <source>Message {message} is not in conversation {conversation}.</source>
            <translation>消息 {message} 不在对话 {conversation} 中。</translation>
        </message>
        <message>
            <source>The conversation database {path} was made by a newer version of Sluice (schema {version}; this version understands up to {latest}). The file was left untouched. Update Sluice to open it.</source>
            <translation>对话数据库 {path} 是由更新版本的 Sluice 创建的（结构版本 {version}；当前版本最高只支持到 {latest}）。文件未被改动。请更新 Sluice 后再打开。</translation>
        </message>
        <message>
            <source>The conversation database {path} is not a SQLite database or is damaged ({detail}). The file was left untouched. Move it aside to start a new history, or restore it from a backup.</source>
            <translation>对话数据库 {path} 不是 SQLite 数据库，或已损坏（{detail}）。文件未被改动。把它移到别处即可开始新的历史记录，也可以从备份中恢复。</translation>
        </message>
        <message>
            <source>Cannot read the conversation database {path}: {reason}.</source>
            <translation>无法读取对话数据库 {path}：{reason}。</translation>
        </message>
    </context>
    <context>
        <name>credentials</name>
        <message>
            <source>The value of header {header} of profile {name!r} is not in the keyring. Enter it again in the profile editor (or add the profile again with --secret-header).</source>
            <translation>配置 {name!r} 的请求头 {header} 的值不在密钥环中。请在配置编辑器中重新输入（或用 --secret-header 重新添加该配置）。</translation>
        </message>
    </context>
    <context>
        <name>InspectPanel</name>
        <message>
            <source>{} more bytes arrived and were not kept (the record keeps 2 MB).</source>
            <translation>另有 {} 字节已收到但未保存（记录最多保存 2 MB）。</translation>
        </message>
        <message>
            <source>{request} · {status} · {chunks} chunks, {size} bytes in {ms} ms</source>
            <translation>{request} · {status} · {chunks} 个数据块，{size} 字节，用时 {ms} 毫秒</translation>
        </message>
        <message>
            <source>no response</source>
            <translation>无响应</translation>
        </message>
        <message>
            <source>The request was larger than the record keeps; it cannot be sent again.</source>
            <translation>请求超出了记录保存的大小，无法再次发送。</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>响应</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>请求</translation>
        </message>
        <message>
            <source>Inspect reply {}</source>
            <translation>检查回复 {}</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Copy as cURL</source>
            <translation>复制为 cURL</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>+ms</source>
            <translation>+毫秒</translation>
        </message>
    </context>
    <context>
        <name>StreamingMessageRenderer</name>
        <message>
            <source>Thinking… {} s</source>
            <translation>思考中… {} 秒</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>A table of {} rows, shown as text.</source>
            <translation>共 {} 行的表格，以文本显示。</translation>
        </message>
        <message>
            <source>A table of {rows} rows, shown as text: the first {shown}. Copy the reply for all.</source>
            <translation>共 {rows} 行的表格，以文本显示前 {shown} 行。复制回复可获得全部内容。</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copied ✓</source>
            <translation>已复制 ✓</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
    </context>
    <context>
        <name>Welcome</name>
        <message>
            <source>stop a reply</source>
            <translation>停止回复</translation>
        </message>
        <message>
            <source>send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>new line</source>
            <translation>换行</translation>
        </message>
        <message>
            <source>new chat</source>
            <translation>新对话</translation>
        </message>
        <message>
            <source>Write a SQL query for each month's revenue, and explain it.</source>
            <translation>写一个按月统计收入的 SQL 查询，并加以解释。</translation>
        </message>
        <message>
            <source>What can I help with?</source>
            <translation>有什么可以帮你？</translation>
        </message>
        <message>
            <source>Translate into Chinese and keep the tone: “Thanks, that helped a lot.”</source>
            <translation>翻译成英文并保持语气：“谢谢，帮了大忙。”</translation>
        </message>
        <message>
            <source>Summarise the key points of a text I will paste next.</source>
            <translation>总结我接下来粘贴的文字的要点。</translation>
        </message>
        <message>
            <source>Explain how HTTP streaming works, with a small Python example.</source>
            <translation>解释 HTTP 流式传输的原理，并附一个简短的 Python 示例。</translation>
        </message>
        <message>
            <source>Add a profile to start.</source>
            <translation>添加一个配置即可开始。</translation>
        </message>
    </context>
    <context>
        <name>ModelsTable</name>
        <message>
            <source>Prices per 1M tokens: IN/OUT[/CACHED] CUR, e.g. 0.25/2.00 USD or 2/8 CNY. Empty: the gateway's price is used.</source>
            <translation>价格按每百万 token 计：输入/输出[/缓存] 货币，例如 0.25/2.00 USD 或 2/8 CNY。留空则使用网关的价格。</translation>
        </message>
        <message>
            <source>{price} (from the gateway)</source>
            <translation>{price}（来自网关）</translation>
        </message>
        <message>
            <source>{model}: “{price}” is not a price. Type IN/OUT[/CACHED] CUR per 1M tokens, e.g. 0.25/2.00 USD or 2/8 CNY, or leave it empty to use the gateway's.</source>
            <translation>{model}：“{price}” 不是有效价格。请按每百万 token 输入 输入/输出[/缓存] 货币，例如 0.25/2.00 USD 或 2/8 CNY，或留空以使用网关的价格。</translation>
        </message>
        <message>
            <source>on</source>
            <translation>开</translation>
        </message>
        <message>
            <source>off</source>
            <translation>关</translation>
        </message>
        <message>
            <source>auto (yes)</source>
            <translation>自动（是）</translation>
        </message>
        <message>
            <source>auto (unknown)</source>
            <translation>自动（未知）</translation>
        </message>
        <message>
            <source>auto (no)</source>
            <translation>自动（否）</translation>
        </message>
        <message>
            <source>Your price</source>
            <translation>你的价格</translation>
        </message>
        <message>
            <source>The gateway publishes no price for this model.</source>
            <translation>网关未公布此模型的价格。</translation>
        </message>
        <message>
            <source>Takes images: click to cycle auto (what /models says), on, off.
Your price: IN/OUT[/CACHED] CUR per 1M tokens, e.g. 0.25/2.00 USD or 2/8 CNY; empty uses the gateway's.</source>
            <translation>接受图片：点击在 自动（按 /models 所述）、开、关 之间切换。
你的价格：每百万 token 的 输入/输出[/缓存] 货币，例如 0.25/2.00 USD 或 2/8 CNY；留空则使用网关的价格。</translation>
        </message>
        <message>
            <source>Takes images</source>
            <translation>接受图片</translation>
        </message>
        <message>
            <source>Sends usage.include = true so that gateways such as OpenRouter report what each reply cost. Sluice stops asking if the gateway refuses the field.</source>
            <translation>发送 usage.include = true，让 OpenRouter 等网关报告每条回复的费用。如果网关拒绝该字段，Sluice 将不再询问。</translation>
        </message>
        <message>
            <source>Published in the gateway's /models; your price, when set, is used instead.</source>
            <translation>来自网关的 /models；如果你设置了自己的价格，则改用你的价格。</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Gateway's price</source>
            <translation>网关价格</translation>
        </message>
        <message>
            <source>Filter models</source>
            <translation>筛选模型</translation>
        </message>
        <message>
            <source>Ask the gateway for each reply's cost</source>
            <translation>向网关询问每条回复的费用</translation>
        </message>
        <message>
            <source>Another model id</source>
            <translation>其他模型 ID</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
    </context>
    <context>
        <name>AttachmentIntake</name>
        <message>
            <source>Only the first {} files of a drop or paste are attached.</source>
            <translation>一次拖放或粘贴只附加前 {} 个文件。</translation>
        </message>
        <message>
            <source>Not attached: {}</source>
            <translation>未附加：{}</translation>
        </message>
        <message>
            <source>Not attached: {name}: it could not be read ({error}).</source>
            <translation>未附加：{name}：无法读取（{error}）。</translation>
        </message>
        <message>
            <source>Location data removed from {} (the setting keep_image_metadata sends photos as they are).</source>
            <translation>已从 {} 中移除位置数据（设置 keep_image_metadata 可按原样发送照片）。</translation>
        </message>
    </context>
    <context>
        <name>AttachmentViewer</name>
        <message>
            <source>This image cannot be shown.</source>
            <translation>无法显示此图片。</translation>
        </message>
    </context>
    <context>
        <name>ChatAttachments</name>
        <message>
            <source>{model} takes no images: pick a model that does, or remove the images.</source>
            <translation>{model} 不接受图片：请选择接受图片的模型，或移除图片。</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>附加文件</translation>
        </message>
    </context>
    <context>
        <name>_Chip</name>
        <message>
            <source>preparing…</source>
            <translation>准备中…</translation>
        </message>
        <message>
            <source>Remove this attachment (Delete)</source>
            <translation>移除此附件（Delete）</translation>
        </message>
    </context>
    <context>
        <name>_MessageEdit</name>
        <message>
            <source>pasted image.png</source>
            <translation>粘贴的图片.png</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>Compare side by side (on or off)</source>
            <translation>并排对比（开启或关闭）</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新对话</translation>
        </message>
        <message>
            <source>Command palette</source>
            <translation>命令面板</translation>
        </message>
        <message>
            <source>Search conversations</source>
            <translation>搜索对话</translation>
        </message>
        <message>
            <source>Show or hide the sidebar</source>
            <translation>显示或隐藏侧边栏</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Send (Ctrl+Enter when chosen in Settings)</source>
            <translation>发送（在设置中可改为 Ctrl+Enter）</translation>
        </message>
        <message>
            <source>New line in the message</source>
            <translation>消息中换行</translation>
        </message>
        <message>
            <source>Stop the reply</source>
            <translation>停止回复</translation>
        </message>
        <message>
            <source>Rename the conversation (in the list)</source>
            <translation>重命名对话（在列表中）</translation>
        </message>
        <message>
            <source>Delete the conversation (in the list)</source>
            <translation>删除对话（在列表中）</translation>
        </message>
        <message>
            <source>Pin or unpin the conversation (in the list)</source>
            <translation>置顶或取消置顶对话（在列表中）</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Edit profiles…</source>
            <translation>编辑配置…</translation>
        </message>
        <message>
            <source>Theme: light</source>
            <translation>主题：浅色</translation>
        </message>
        <message>
            <source>Theme: dark</source>
            <translation>主题：深色</translation>
        </message>
        <message>
            <source>Theme: follow the system</source>
            <translation>主题：跟随系统</translation>
        </message>
        <message>
            <source>Rename this conversation</source>
            <translation>重命名此对话</translation>
        </message>
        <message>
            <source>Images auto / on / off for the selected model (in the picker)</source>
            <translation>所选模型的图片：自动 / 开 / 关（在模型选择器中）</translation>
        </message>
        <message>
            <source>Next link or message action (in the conversation)</source>
            <translation>下一个链接或消息操作（在对话中）</translation>
        </message>
        <message>
            <source>Older version of the message (on its actions)</source>
            <translation>消息的上一个版本（焦点在其操作上时）</translation>
        </message>
        <message>
            <source>Newer version of the message (on its actions)</source>
            <translation>消息的下一个版本（焦点在其操作上时）</translation>
        </message>
        <message>
            <source>Undo deleting a message (in the conversation)</source>
            <translation>撤销删除消息（在对话中）</translation>
        </message>
        <message>
            <source>Delete the message (on its actions)</source>
            <translation>删除该消息（焦点在其操作上时）</translation>
        </message>
    </context>
    <context>
        <name>ModelPicker</name>
        <message>
            <source>Recent</source>
            <translation>最近使用</translation>
        </message>
        <message>
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>Loading the model list…</source>
            <translation>正在加载模型列表…</translation>
        </message>
        <message>
            <source>Click or press Ctrl+I: auto → on → off.</source>
            <translation>点击或按 Ctrl+I：自动 → 开 → 关。</translation>
        </message>
        <message>
            <source>Could not save whether {model} takes images: {error}</source>
            <translation>无法保存 {model} 是否接受图片：{error}</translation>
        </message>
        <message>
            <source>Images: auto ({said})</source>
            <translation>图片：自动（{said}）</translation>
        </message>
        <message>
            <source>Images: off, your choice (auto: {said})</source>
            <translation>图片：关，由你设定（自动时：{said}）</translation>
        </message>
        <message>
            <source>Images: on, your choice (auto: {said})</source>
            <translation>图片：开，由你设定（自动时：{said}）</translation>
        </message>
        <message>
            <source>the gateway does not say; images are sent</source>
            <translation>网关未说明；图片会照常发送</translation>
        </message>
        <message>
            <source>the gateway says no</source>
            <translation>网关表示不支持</translation>
        </message>
        <message>
            <source>the gateway says yes</source>
            <translation>网关表示支持</translation>
        </message>
    </context>
    <context>
        <name>SearchPopup</name>
        <message>
            <source>Nothing matches</source>
            <translation>没有匹配项</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
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
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>聊天</translation>
        </message>
        <message>
            <source>Keyboard</source>
            <translation>键盘</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>Back to the chat</source>
            <translation>返回聊天</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <source> pt</source>
            <translation> 磅</translation>
        </message>
        <message>
            <source>System size ({} pt)</source>
            <translation>系统字号（{} 磅）</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>文字大小</translation>
        </message>
        <message>
            <source>The quick brown fox jumps over the lazy dog.</source>
            <translation>敏捷的棕色狐狸跳过了懒狗。</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
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
            <source>A new language applies after a restart of Sluice.</source>
            <translation>更改语言后，重启 Sluice 才会生效。</translation>
        </message>
        <message>
            <source>Open the data folder</source>
            <translation>打开数据文件夹</translation>
        </message>
        <message>
            <source>Export all conversations…</source>
            <translation>导出全部对话…</translation>
        </message>
        <message>
            <source>The first profile</source>
            <translation>第一个配置</translation>
        </message>
        <message>
            <source>Conversations are kept in {}</source>
            <translation>对话保存在 {}</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>The request (keys left out) and the bytes received with their times, up to 2 MB a reply.</source>
            <translation>请求（不含密钥）以及收到的字节和时间，每条回复最多 2 MB。</translation>
        </message>
        <message>
            <source>Send photos as they are, location data included</source>
            <translation>按原样发送照片（包括位置信息）</translation>
        </message>
        <message>
            <source>Off: a photo that carries its location (EXIF GPS) is sent without its metadata.</source>
            <translation>关闭时：带有位置信息（EXIF GPS）的照片会去掉元数据后再发送。</translation>
        </message>
        <message>
            <source>Keep a record of each reply's exchange (Inspect)</source>
            <translation>保存每条回复的收发记录（检查）</translation>
        </message>
    </context>
    <context>
        <name>attachments</name>
        <message>
            <source>{name}: the image is {width}×{height} pixels; that is too many to send.</source>
            <translation>{name}：图片为 {width}×{height} 像素，像素过多，无法发送。</translation>
        </message>
        <message>
            <source>{name}: the image is {size} MB; the limit is {limit} MB.</source>
            <translation>{name}：图片有 {size} MB；上限是 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: the image cannot be read ({reason}).</source>
            <translation>{name}：无法读取图片（{reason}）。</translation>
        </message>
        <message>
            <source>{name}: the PDF cannot be read ({reason}).</source>
            <translation>{name}：无法读取 PDF（{reason}）。</translation>
        </message>
        <message>
            <source>{name}: its text is over {limit} MB.</source>
            <translation>{name}：其中的文本超过 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: it is {size} MB; the limit is {pdf} MB for a PDF, {image} MB for an image, {text} MB for text.</source>
            <translation>{name}：文件大小为 {size} MB；上限是 PDF {pdf} MB、图片 {image} MB、文本 {text} MB。</translation>
        </message>
        <message>
            <source>{name}: it is {size} MB of text; the limit is {limit} MB.</source>
            <translation>{name}：文本有 {size} MB；上限是 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: it is not an image (PNG, JPEG, WebP, GIF), a text file or a PDF.</source>
            <translation>{name}：不是图片（PNG、JPEG、WebP、GIF）、文本文件或 PDF。</translation>
        </message>
        <message>
            <source>{name}: it has {pages} pages; the limit is {limit}.</source>
            <translation>{name}：共 {pages} 页；上限是 {limit} 页。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer and {pages} pages; at most {limit} go as images.</source>
            <translation>{name}：没有文本层且共 {pages} 页；最多只能以图片形式发送 {limit} 页。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer (a scan?); this model takes no images, so its pages cannot be sent as pictures either.</source>
            <translation>{name}：没有文本层（扫描件？）；此模型不接受图片，因此也无法以图片形式发送各页。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer (a scan?); pick a model that takes images to send its pages as pictures.</source>
            <translation>{name}：没有文本层（扫描件？）；请选择接受图片的模型，以图片形式发送各页。</translation>
        </message>
        <message>
            <source>{name}: it cannot be read ({reason}).</source>
            <translation>{name}：无法读取（{reason}）。</translation>
        </message>
    </context>
    <context>
        <name>CompareController</name>
        <message>
            <source>First choose the reply to go on from (Continue with this one), or leave Compare.</source>
            <translation>请先选出要接着往下聊的回复（“就用这个继续”），或退出对比。</translation>
        </message>
        <message>
            <source>Add at least two lanes to compare.</source>
            <translation>请至少添加两个通道再对比。</translation>
        </message>
        <message>
            <source>Choose a model for {} first.</source>
            <translation>请先为 {} 选择一个模型。</translation>
        </message>
        <message>
            <source>Compare can start once the reply ends.</source>
            <translation>等这条回复结束后才能开始对比。</translation>
        </message>
        <message>
            <source>Compare sends text only: remove the attachments, or leave Compare to send them.</source>
            <translation>对比只发送文字：请移除附件，或退出对比后再发送附件。</translation>
        </message>
        <message>
            <source>Continuing with {}. The other replies are its other versions.</source>
            <translation>继续使用 {}。其他回复保留为它的其他版本。</translation>
        </message>
        <message>
            <source>Not saved.</source>
            <translation>未保存。</translation>
        </message>
        <message>
            <source>Stopped every lane. What arrived is kept.</source>
            <translation>已停止所有通道，已收到的内容已保留。</translation>
        </message>
        <message>
            <source>The reply failed unexpectedly.</source>
            <translation>回复意外失败。</translation>
        </message>
        <message>
            <source>Waiting for the first token…</source>
            <translation>等待第一个 token…</translation>
        </message>
        <message>
            <source>thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message>
            <source>{} is already a lane.</source>
            <translation>{} 已经是一个通道。</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Add 2 to 4 lanes: a profile and a model each.</source>
            <translation>添加 2 到 4 个通道：每个通道是一个配置和一个模型。</translation>
        </message>
        <message>
            <source>Add a lane</source>
            <translation>添加通道</translation>
        </message>
        <message>
            <source>Compare side by side</source>
            <translation>并排对比</translation>
        </message>
        <message>
            <source>Leave Compare</source>
            <translation>退出对比</translation>
        </message>
        <message>
            <source>One message goes to every lane at once.</source>
            <translation>一条消息会同时发送到每个通道。</translation>
        </message>
    </context>
    <context>
        <name>LaneColumn</name>
        <message>
            <source>Continue with this one</source>
            <translation>就用这个继续</translation>
        </message>
        <message>
            <source>Remove this lane</source>
            <translation>移除这个通道</translation>
        </message>
        <message>
            <source>Waiting for your message</source>
            <translation>等待你的消息</translation>
        </message>
    </context>
    <context>
        <name>LanePicker</name>
        <message>
            <source>Search profiles and models, or type PROFILE:MODEL</source>
            <translation>搜索配置和模型，或输入 配置:模型</translation>
        </message>
        <message>
            <source>Add the lane {}</source>
            <translation>添加通道 {}</translation>
        </message>
        <message>
            <source>Type PROFILE:MODEL</source>
            <translation>输入 配置:模型</translation>
        </message>
    </context>
    <context>
        <name>FallbacksList</name>
        <message>
            <source>{} — no profile has this name: skipped until you remove or replace it</source>
            <translation>{} — 没有这个名称的配置：在你移除或替换它之前会被跳过</translation>
        </message>
        <message>
            <source>{} · its default model</source>
            <translation>{} · 其默认模型</translation>
        </message>
        <message>
            <source>{} is in the list already.</source>
            <translation>{} 已在列表中。</translation>
        </message>
        <message>
            <source>{profile} · {model}</source>
            <translation>{profile} · {model}</translation>
        </message>
        <message>
            <source>Tried in order when this profile fails before any text arrives (connection, timeout, server error, rate limit, quota). Never after text arrived, nor on errors that are yours to fix (key, request, model).</source>
            <translation>当此配置在收到任何文字之前失败（连接、超时、服务器错误、限流、额度）时，按顺序尝试。已收到文字后不会切换；需要你自己修正的错误（密钥、请求、模型）也不会切换。</translation>
        </message>
        <message>
            <source>The profile {} was deleted or renamed outside Sluice.</source>
            <translation>配置 {} 已被删除，或在 Sluice 之外被重命名。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <source>Its default model</source>
            <translation>其默认模型</translation>
        </message>
        <message>
            <source>Fallbacks</source>
            <translation>备用配置</translation>
        </message>
        <message>
            <source>At most {} fallbacks.</source>
            <translation>最多 {} 个备用。</translation>
        </message>
        <message>
            <source>Add fallback</source>
            <translation>添加备用</translation>
        </message>
        <message>
            <source>A profile cannot fall back to itself.</source>
            <translation>配置不能把自己作为备用。</translation>
        </message>
    </context>
    <context>
        <name>ProfileEditor</name>
        <message>
            <source>The fallbacks of {profiles} still name it: they show it as missing and skip it until you change them.</source>
            <translation>{profiles} 的备用配置仍指向它：在你修改之前，它会显示为缺失并被跳过。</translation>
        </message>
        <message>
            <source>The fallbacks of {profiles} now name {name}.</source>
            <translation>{profiles} 的备用配置现在指向 {name}。</translation>
        </message>
    </context>
    <context>
        <name>StreamChart</name>
        <message>
            <source>Text pieces (content and reasoning deltas; not tokens)</source>
            <translation>文字片段（正文与推理的增量，并非 token）</translation>
        </message>
        <message>
            <source>Text pieces (content and reasoning deltas); the gateway counted {} completion tokens</source>
            <translation>文字片段（正文与推理的增量）；网关统计了 {} 个输出 token</translation>
        </message>
        <message>
            <source>Bytes received</source>
            <translation>已接收字节</translation>
        </message>
    </context>
    <context>
        <name>failover</name>
        <message>
            <source>{message} (Fallback not tried: no profile is called {names}; fix it in the profile editor.)</source>
            <translation>{message}（未尝试备用：没有名为 {names} 的配置；请在配置编辑器中修正。）</translation>
        </message>
    </context>
    <context>
        <name>profiles</name>
        <message>
            <source>profile {name!r}: the fallback {fallback!r} is this profile; a profile cannot fall back to itself</source>
            <translation>配置 {name!r}：备用 {fallback!r} 就是此配置本身；配置不能把自己作为备用</translation>
        </message>
        <message>
            <source>profile {name!r}: the fallback {fallback!r} is listed twice; keep one of them</source>
            <translation>配置 {name!r}：备用 {fallback!r} 列出了两次；请只保留一个</translation>
        </message>
    </context>
    <context>
        <name>MessageDeletes</name>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Delete message</source>
            <translation>删除消息</translation>
        </message>
        <message>
            <source>Delete this message and the message below it? You can undo this for a few seconds.</source>
            <translation>删除这条消息及其下方的一条消息吗？几秒内可以撤销。</translation>
        </message>
        <message>
            <source>Delete this message and the {} messages below it (its replies, what followed them, and every version under it)? You can undo this for a few seconds.</source>
            <translation>删除这条消息及其下方的 {} 条消息（它的回复、之后的对话，以及其下的所有版本）吗？几秒内可以撤销。</translation>
        </message>
        <message>
            <source>Message deleted.</source>
            <translation>消息已删除。</translation>
        </message>
        <message>
            <source>{} messages deleted.</source>
            <translation>已删除 {} 条消息。</translation>
        </message>
        <message>
            <source>That message is already gone.</source>
            <translation>这条消息已经不存在了。</translation>
        </message>
        <message>
            <source>The deleted message could not be brought back: what it followed is gone.</source>
            <translation>无法恢复已删除的消息：它所跟随的消息已不存在。</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Undo (Ctrl+Z)</source>
            <translation>撤销（Ctrl+Z）</translation>
        </message>
    </context>
<context>
    <name>CompareView</name>
    <message>
        <source>Your message: {}</source>
        <translation>你的消息：{}</translation>
    </message>
</context>
</TS>
