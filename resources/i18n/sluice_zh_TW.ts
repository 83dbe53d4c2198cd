<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>Copied the code.</source>
        <translation>已複製程式碼。</translation>
    </message>
    <message>
        <source>This reply is still streaming; it will appear in full when it ends.</source>
        <translation>這則回覆仍在串流中，結束後會完整顯示。</translation>
    </message>
    <message>
        <source>{hidden} earlier messages not shown — show {more} more</source>
        <translation>還有 {hidden} 則較早的訊息未顯示——再顯示 {more} 則</translation>
    </message>
    <message>
        <source>Earlier messages can be shown once the reply ends.</source>
        <translation>回覆結束後才能顯示較早的訊息。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>開啟設定檔</translation>
    </message>
    <message>
        <source>Add a profile first: sluice profile add NAME --preset openai --key-stdin</source>
        <translation>請先新增一個設定檔：sluice profile add NAME --preset openai --key-stdin</translation>
    </message>
    <message>
        <source>Choose or type a model first.</source>
        <translation>請先選擇或輸入一個模型。</translation>
    </message>
    <message>
        <source>before the first byte</source>
        <translation>在收到第一個位元組之前</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The reply failed unexpectedly: {}</source>
        <translation>回覆意外失敗：{}</translation>
    </message>
    <message>
        <source>Stopped. The partial reply is kept.</source>
        <translation>已停止，已收到的部分回覆已保留。</translation>
    </message>
    <message>
        <source>Editing: your unsent text was replaced; Ctrl+Z in the box brings it back.</source>
        <translation>正在編輯：尚未送出的文字已被取代，在輸入框中按 Ctrl+Z 即可復原。</translation>
    </message>
    <message>
        <source>Editing: sending replaces this message and the replies after it.</source>
        <translation>編輯中：傳送後會取代這則訊息及其後的回覆。</translation>
    </message>
    <message>
        <source>Could not fetch the model list of {profile}: {error}</source>
        <translation>無法取得 {profile} 的模型清單：{error}</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>Not opening a {scheme} link from a reply: {url}</source>
        <translation>不會開啟回覆中的 {scheme} 連結：{url}</translation>
    </message>
    <message>
        <source>Not opening a relative link from a reply: {}</source>
        <translation>不會開啟回覆中的相對連結：{}</translation>
    </message>
    <message>
        <source>Copied the reply as Markdown.</source>
        <translation>已將回覆複製為 Markdown。</translation>
    </message>
</context>
<context>
    <name>ChatTopBar</name>
    <message>
        <source>Profile (gateway) for this conversation</source>
        <translation>此對話使用的設定檔（閘道）</translation>
    </message>
    <message>
        <source>Model: pick from the gateway&apos;s list or type any id</source>
        <translation>模型：從閘道的清單中選擇，或輸入任意模型 ID</translation>
    </message>
    <message>
        <source>Edit profiles, add one, settings</source>
        <translation>編輯設定檔、新增設定檔、設定</translation>
    </message>
    <message>
        <source>Edit profiles…</source>
        <translation>編輯設定檔…</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>新增設定檔…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Fetch the model list again</source>
        <translation>重新取得模型清單</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系統提示詞</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <source>Ask again for the last reply</source>
        <translation>重新產生最後一則回覆</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>設定檔</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>System prompt ✓</source>
        <translation>系統提示詞 ✓</translation>
    </message>
    <message>
        <source>This conversation has a system prompt</source>
        <translation>此對話已設定系統提示詞</translation>
    </message>
    <message>
        <source>Fetching models…</source>
        <translation>正在取得模型…</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message — Enter to send, Shift+Enter for a new line</source>
        <translation>輸入訊息 — Enter 傳送，Shift+Enter 換行</translation>
    </message>
    <message>
        <source>Message — Ctrl+Enter to send, Enter for a new line</source>
        <translation>輸入訊息 — Ctrl+Enter 傳送，Enter 換行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回覆（Esc）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Send ({})</source>
        <translation>傳送（{}）</translation>
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
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>新增對話（Ctrl+N）</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Deleted “{}”</source>
        <translation>已刪除「{}」</translation>
    </message>
    <message>
        <source>No conversations match “{}”</source>
        <translation>沒有符合「{}」的對話</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>還沒有對話</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Sluice: unexpected error</source>
        <translation>Sluice：未預期的錯誤</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>複製報告</translation>
    </message>
    <message>
        <source>Sluice ran into an unexpected error: {}</source>
        <translation>Sluice 遇到未預期的錯誤：{}</translation>
    </message>
    <message>
        <source>Sluice ran into {count} unexpected errors; the latest: {what}</source>
        <translation>Sluice 遇到 {count} 個未預期的錯誤，最近一個：{what}</translation>
    </message>
    <message>
        <source>The details are in the log: {}</source>
        <translation>詳細資訊請見記錄檔：{}</translation>
    </message>
    <message>
        <source>No log file is open.</source>
        <translation>沒有開啟的記錄檔。</translation>
    </message>
    <message>
        <source>{head}

Sluice is still running and your conversations are saved, but something may not work until you restart it. {where}

Copy the report to include it in a bug report (API keys are removed from it).</source>
        <translation>{head}

Sluice 仍在執行，你的對話也都已儲存，但在重新啟動之前，某些功能可能無法正常運作。{where}

回報問題時，請複製此報告一併附上（其中的 API 金鑰已被移除）。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
</context>
<context>
    <name>KeyField</name>
    <message>
        <source>Paste the API key</source>
        <translation>貼上 API 金鑰</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Show or hide the key while you type it</source>
        <translation>輸入時顯示或隱藏金鑰</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
</context>
<context>
    <name>KeyringTrouble</name>
    <message>
        <source>The key could not be saved in the system keyring.</source>
        <translation>無法將金鑰儲存到系統鑰匙圈。</translation>
    </message>
    <message>
        <source>Sluice keeps API keys only in the system keyring, never in a file. On Linux, install and unlock a Secret Service — GNOME Keyring (sudo apt-get install gnome-keyring) or KWallet — and log in to a desktop session, then press Try again. Or keep the key for this session only: it stays in memory and is gone when Sluice quits.</source>
        <translation>Sluice 只把 API 金鑰存放在系統鑰匙圈中，絕不寫入檔案。在 Linux 上，請安裝並解鎖一個 Secret Service（GNOME Keyring：sudo apt-get install gnome-keyring，或 KWallet），並登入桌面工作階段，然後按「重試」。也可以只在這次工作階段中保留金鑰：它只存在於記憶體中，Sluice 結束後就會消失。</translation>
    </message>
    <message>
        <source>Keep the key for this session only</source>
        <translation>僅在這次工作階段中保留金鑰</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
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
        <translation>主機可連線</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Key accepted</source>
        <translation>金鑰有效</translation>
    </message>
    <message>
        <source>Model exists</source>
        <translation>模型存在</translation>
    </message>
    <message>
        <source>Streaming works</source>
        <translation>串流正常</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在檢查…</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Bearer token (Authorization: Bearer KEY)</source>
        <translation>Bearer 權杖（Authorization: Bearer 金鑰）</translation>
    </message>
    <message>
        <source>Raw key (Authorization: KEY)</source>
        <translation>直接填金鑰（Authorization: 金鑰）</translation>
    </message>
    <message>
        <source>Custom header</source>
        <translation>自訂標頭</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>不使用金鑰</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>系統設定</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理伺服器</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理伺服器 URL</translation>
    </message>
    <message>
        <source>line {} of the extra headers is not “Name: value”</source>
        <translation>附加標頭的第 {} 行不是「名稱: 值」的格式</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>設定檔</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>Import from cURL / SDK snippet…</source>
        <translation>從 cURL / SDK 程式碼片段匯入…</translation>
    </message>
    <message>
        <source>Header name, e.g. api-key</source>
        <translation>標頭名稱，例如 api-key</translation>
    </message>
    <message>
        <source>One per line: Name: value (no keys here)</source>
        <translation>每行一個：名稱: 值（不要在這裡填金鑰）</translation>
    </message>
    <message>
        <source>Fetch list</source>
        <translation>取得清單</translation>
    </message>
    <message>
        <source>Fetch the gateway&apos;s model list (/models)</source>
        <translation>取得閘道的模型清單（/models）</translation>
    </message>
    <message>
        <source>Send stream_options (token usage at the end of the stream)</source>
        <translation>傳送 stream_options（在串流結尾回傳 token 用量）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds without a byte before giving up; reasoning models think long</source>
        <translation>連續多少秒收不到任何資料就放棄；推理模型可能會思考很久</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>範本</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Auth style</source>
        <translation>驗證方式</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>附加標頭</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理伺服器</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>預設模型</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>讀取逾時</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>No key needed.</source>
        <translation>不需要金鑰。</translation>
    </message>
    <message>
        <source>The key is saved in the system keyring.</source>
        <translation>金鑰會存放在系統鑰匙圈中。</translation>
    </message>
    <message>
        <source>Imported. Check the fields, then Save.</source>
        <translation>已匯入。請檢查各欄位，然後儲存。</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>貼上 API 金鑰</translation>
    </message>
    <message>
        <source>Save or revert the changes first</source>
        <translation>請先儲存或還原變更</translation>
    </message>
    <message>
        <source>The key is kept for this session only: it is gone when Sluice quits.</source>
        <translation>金鑰僅在這次工作階段中保留：Sluice 結束後就會消失。</translation>
    </message>
    <message>
        <source>The system keyring cannot be used: {}</source>
        <translation>無法使用系統鑰匙圈：{}</translation>
    </message>
    <message>
        <source>A key is saved in the system keyring. Type a new one to replace it.</source>
        <translation>系統鑰匙圈中已存有金鑰。輸入新的金鑰即可取代。</translation>
    </message>
    <message>
        <source>No key is saved for this profile.</source>
        <translation>此設定檔尚未存放金鑰。</translation>
    </message>
    <message>
        <source>•••••••• (saved in the keyring)</source>
        <translation>••••••••（已存放在鑰匙圈中）</translation>
    </message>
    <message>
        <source>the custom auth style needs a header name, e.g. api-key</source>
        <translation>自訂驗證方式需要填寫標頭名稱，例如 api-key</translation>
    </message>
    <message>
        <source>enter the proxy URL, or choose System settings or No proxy</source>
        <translation>請輸入代理伺服器 URL，或選擇「系統設定」或「不使用代理伺服器」</translation>
    </message>
    <message>
        <source>enter the gateway&apos;s base URL, e.g. https://api.example.com/v1</source>
        <translation>請輸入閘道的 Base URL，例如 https://api.example.com/v1</translation>
    </message>
    <message>
        <source>Not saved: {}.</source>
        <translation>未儲存：{}。</translation>
    </message>
    <message>
        <source>Not saved: {path} could not be written ({error}).</source>
        <translation>未儲存：無法寫入 {path}（{error}）。</translation>
    </message>
    <message>
        <source>The profile was renamed, but its key could not be moved: {}</source>
        <translation>設定檔已重新命名，但無法搬移它的金鑰：{}</translation>
    </message>
    <message>
        <source>The profile is saved; its key is not.</source>
        <translation>設定檔已儲存，但金鑰沒有儲存。</translation>
    </message>
    <message>
        <source>Saved {}.</source>
        <translation>已儲存 {}。</translation>
    </message>
    <message>
        <source>Not duplicated: {}</source>
        <translation>未複製：{}</translation>
    </message>
    <message>
        <source>The copy was made, but its key could not be copied: {}</source>
        <translation>副本已建立，但無法複製它的金鑰：{}</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>刪除設定檔</translation>
    </message>
    <message>
        <source>Delete the profile “{}” and its API key? Conversations that used it are kept.</source>
        <translation>要刪除設定檔「{}」及其 API 金鑰嗎？使用過它的對話會保留。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Not deleted: {}</source>
        <translation>未刪除：{}</translation>
    </message>
    <message>
        <source>The profile was deleted, but its key could not be removed from the keyring: {}</source>
        <translation>設定檔已刪除，但無法從鑰匙圈中移除它的金鑰：{}</translation>
    </message>
    <message>
        <source>Deleted {} and its key.</source>
        <translation>已刪除 {} 及其金鑰。</translation>
    </message>
    <message>
        <source>Cannot fetch the list yet: {}.</source>
        <translation>暫時無法取得清單：{}。</translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在取得模型清單…</translation>
    </message>
    <message>
        <source>Could not fetch the model list: {}</source>
        <translation>無法取得模型清單：{}</translation>
    </message>
    <message>
        <source>{} models available.</source>
        <translation>共有 {} 個可用模型。</translation>
    </message>
    <message>
        <source>The list is empty.</source>
        <translation>清單是空的。</translation>
    </message>
    <message>
        <source>Cannot test yet: {}.</source>
        <translation>暫時無法測試：{}。</translation>
    </message>
</context>
<context>
    <name>ProfileUi</name>
    <message>
        <source>Profile {} is ready. Type a message to start.</source>
        <translation>設定檔 {} 已就緒，輸入訊息即可開始。</translation>
    </message>
    <message>
        <source>Settings not saved: {}</source>
        <translation>設定未儲存：{}</translation>
    </message>
    <message>
        <source>The default profile was not saved: {}</source>
        <translation>預設設定檔未儲存：{}</translation>
    </message>
    <message>
        <source>Theme changed; this conversation follows once the reply ends.</source>
        <translation>主題已變更；目前的對話會在回覆結束後更新。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 傳送，Shift+Enter 換行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 傳送，Enter 換行</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 點</translation>
    </message>
    <message>
        <source>The first profile</source>
        <translation>第一個設定檔</translation>
    </message>
    <message>
        <source>A new language applies after a restart of Sluice.</source>
        <translation>變更語言後，需重新啟動 Sluice 才會生效。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字型大小</translation>
    </message>
    <message>
        <source>Send with</source>
        <translation>傳送方式</translation>
    </message>
    <message>
        <source>Default profile</source>
        <translation>預設設定檔</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言 / Language</translation>
    </message>
</context>
<context>
    <name>SnippetDialog</name>
    <message>
        <source>Import from cURL / SDK snippet</source>
        <translation>從 cURL / SDK 程式碼片段匯入</translation>
    </message>
    <message>
        <source>Paste the example request from your gateway&apos;s documentation: a cURL command, an OpenAI SDK snippet (Python or JavaScript) or just a base URL. A key in it goes to the system keyring.</source>
        <translation>貼上閘道文件中的範例請求：cURL 指令、OpenAI SDK 程式碼片段（Python 或 JavaScript），或只是一個 Base URL。其中的金鑰會存放到系統鑰匙圈。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>Nothing imported: {}.</source>
        <translation>未匯入任何內容：{}。</translation>
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
        <translation>複製程式碼</translation>
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
        <translation>助理</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>複製程式碼</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Sluice</source>
        <translation>歡迎使用 Sluice</translation>
    </message>
    <message>
        <source>Connect a gateway to start chatting: pick it, paste your API key, choose a model. The key goes to the system keyring, never to a file.</source>
        <translation>連接一個閘道即可開始聊天：選擇閘道，貼上 API 金鑰，選擇模型。金鑰會存放到系統鑰匙圈，絕不寫入檔案。</translation>
    </message>
    <message>
        <source>Import from cURL / SDK snippet…</source>
        <translation>從 cURL / SDK 程式碼片段匯入…</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <source>Pick from the list or type a model id</source>
        <translation>從清單中選擇，或輸入模型 ID</translation>
    </message>
    <message>
        <source>Start chatting</source>
        <translation>開始聊天</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
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
        <translation>閘道</translation>
    </message>
    <message>
        <source>Imported from snippet</source>
        <translation>從程式碼片段匯入</translation>
    </message>
    <message>
        <source>{preset} — running, {count} models</source>
        <translation>{preset} — 執行中，{count} 個模型</translation>
    </message>
    <message>
        <source>{} models on this server.</source>
        <translation>此伺服器上有 {} 個模型。</translation>
    </message>
    <message>
        <source>The list is fetched once the key is there.</source>
        <translation>填入金鑰後會自動取得模型清單。</translation>
    </message>
    <message>
        <source>enter the gateway&apos;s base URL</source>
        <translation>請輸入閘道的 Base URL</translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在取得模型清單…</translation>
    </message>
    <message>
        <source>Could not fetch the model list: {}</source>
        <translation>無法取得模型清單：{}</translation>
    </message>
    <message>
        <source>{} models available.</source>
        <translation>共有 {} 個可用模型。</translation>
    </message>
    <message>
        <source>The gateway lists no models; type one.</source>
        <translation>閘道沒有列出任何模型，請手動輸入。</translation>
    </message>
    <message>
        <source>a profile named “{}” already exists</source>
        <translation>已有名為「{}」的設定檔</translation>
    </message>
    <message>
        <source>Not yet: {}.</source>
        <translation>還不能開始：{}。</translation>
    </message>
    <message>
        <source>Paste your API key first (or pick a local server, which needs none).</source>
        <translation>請先貼上 API 金鑰（或選擇不需要金鑰的本機伺服器）。</translation>
    </message>
    <message>
        <source>Pick or type a model first.</source>
        <translation>請先選擇或輸入一個模型。</translation>
    </message>
    <message>
        <source>Not saved: {}</source>
        <translation>未儲存：{}</translation>
    </message>
    <message>
        <source>Cannot test yet: {}.</source>
        <translation>暫時無法測試：{}。</translation>
    </message>
</context>
<context>
    <name>composition</name>
    <message>
        <source>Sluice cannot open its database</source>
        <translation>Sluice 無法開啟資料庫</translation>
    </message>
    <message>
        <source>{} reply(s) cut short by the last exit were kept, marked interrupted.</source>
        <translation>上次結束時被中斷的 {} 則回覆已保留，並標示為「已中斷」。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系統提示詞</translation>
    </message>
    <message>
        <source>Instructions sent before every message of this conversation:</source>
        <translation>在此對話的每則訊息之前傳送的指示：</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The gateway rejected the API key.</source>
        <translation>閘道拒絕了 API 金鑰。</translation>
    </message>
    <message>
        <source>The account has no balance or quota left.</source>
        <translation>帳戶餘額或額度已用完。</translation>
    </message>
    <message>
        <source>Rate limited by the gateway.</source>
        <translation>請求過於頻繁，已被閘道限流。</translation>
    </message>
    <message>
        <source>The gateway rejected the request.</source>
        <translation>閘道拒絕了請求。</translation>
    </message>
    <message>
        <source>Not found: check the base URL and the model name.</source>
        <translation>找不到：請檢查 Base URL 和模型名稱。</translation>
    </message>
    <message>
        <source>The gateway had a server error.</source>
        <translation>閘道發生伺服器錯誤。</translation>
    </message>
    <message>
        <source>The provider reported an error during the reply.</source>
        <translation>服務商在回覆過程中回報了錯誤。</translation>
    </message>
    <message>
        <source>The gateway answered with something that is not a chat stream.</source>
        <translation>閘道回傳的內容不是聊天串流。</translation>
    </message>
    <message>
        <source>The connection broke before the reply was finished.</source>
        <translation>回覆完成前連線已中斷。</translation>
    </message>
    <message>
        <source>The gateway did not answer in time.</source>
        <translation>閘道未能及時回應。</translation>
    </message>
    <message>
        <source>Could not connect to the gateway.</source>
        <translation>無法連線到閘道。</translation>
    </message>
    <message>
        <source>No API key could be used.</source>
        <translation>沒有可用的 API 金鑰。</translation>
    </message>
    <message>
        <source>Error.</source>
        <translation>發生錯誤。</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>Create an API key in the ZenMux console.</source>
        <translation>在 ZenMux 主控台建立 API 金鑰。</translation>
    </message>
    <message>
        <source>Create an API key (令牌) in the 零度API console.</source>
        <translation>在零度API 主控台建立 API 金鑰（令牌）。</translation>
    </message>
    <message>
        <source>Create an API key (令牌) in the DMXAPI console.</source>
        <translation>在 DMXAPI 主控台建立 API 金鑰（令牌）。</translation>
    </message>
    <message>
        <source>Create an API key in the LemonData console.</source>
        <translation>在 LemonData 主控台建立 API 金鑰。</translation>
    </message>
    <message>
        <source>Create an API key in the MyTokenGate console.</source>
        <translation>在 MyTokenGate 主控台建立 API 金鑰。</translation>
    </message>
    <message>
        <source>Keys: https://platform.openai.com/api-keys</source>
        <translation>金鑰：https://platform.openai.com/api-keys</translation>
    </message>
    <message>
        <source>Keys: https://openrouter.ai/keys</source>
        <translation>金鑰：https://openrouter.ai/keys</translation>
    </message>
    <message>
        <source>Keys: https://platform.deepseek.com/api_keys</source>
        <translation>金鑰：https://platform.deepseek.com/api_keys</translation>
    </message>
    <message>
        <source>Ollama (local)</source>
        <translation>Ollama（本機）</translation>
    </message>
    <message>
        <source>No key needed. Start Ollama and pull a model first, e.g. `ollama pull llama3.2`.</source>
        <translation>不需要金鑰。請先啟動 Ollama 並下載一個模型，例如 `ollama pull llama3.2`。</translation>
    </message>
    <message>
        <source>LM Studio (local)</source>
        <translation>LM Studio（本機）</translation>
    </message>
    <message>
        <source>No key needed. Load a model and start the local server in LM Studio&apos;s Developer tab.</source>
        <translation>不需要金鑰。請在 LM Studio 的「Developer」分頁中載入模型並啟動本機伺服器。</translation>
    </message>
</context>
<context>
    <name>probe</name>
    <message>
        <source>{host} resolved to {address}; TCP connection in {ms} ms.</source>
        <translation>{host} 解析為 {address}；TCP 連線耗時 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>Connected to {host}:{port} in {ms} ms.</source>
        <translation>已連線到 {host}:{port}，耗時 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>The proxy {host} resolved to {address}; TCP connection in {ms} ms.</source>
        <translation>代理伺服器 {host} 解析為 {address}；TCP 連線耗時 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>Could not find {host} in DNS: {reason}. Check the base URL for typos and your network.</source>
        <translation>DNS 中找不到 {host}：{reason}。請檢查 Base URL 是否有拼字錯誤，以及網路是否正常。</translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection. Is the server running on that port?</source>
        <translation>{host}:{port} 拒絕了連線。伺服器是否在該連接埠上執行？</translation>
    </message>
    <message>
        <source>Connecting to {host}:{port} timed out after {seconds:g} s.</source>
        <translation>連線到 {host}:{port} 逾時（{seconds:g} 秒）。</translation>
    </message>
    <message>
        <source>Could not connect to {host}:{port}: {reason}.</source>
        <translation>無法連線到 {host}:{port}：{reason}。</translation>
    </message>
    <message>
        <source>{version} with {host}; the certificate is trusted ({ms} ms).</source>
        <translation>與 {host} 使用 {version}；憑證受信任（{ms} 毫秒）。</translation>
    </message>
    <message>
        <source>Not used: the base URL starts with http://.</source>
        <translation>未使用：Base URL 以 http:// 開頭。</translation>
    </message>
    <message>
        <source>Checked through the proxy by the request below.</source>
        <translation>將透過代理伺服器由下方的請求一併檢查。</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted: {reason}.</source>
        <translation>{host} 的憑證不受信任：{reason}。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} failed: {reason}.</source>
        <translation>與 {host} 的 TLS 交握失敗：{reason}。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} timed out after {seconds:g} s.</source>
        <translation>與 {host} 的 TLS 交握逾時（{seconds:g} 秒）。</translation>
    </message>
    <message>
        <source>Not checked: an earlier step failed.</source>
        <translation>未檢查：前面的步驟失敗了。</translation>
    </message>
    <message>
        <source>The gateway accepted the key.</source>
        <translation>閘道接受了金鑰。</translation>
    </message>
    <message>
        <source>The gateway did not reject the key.</source>
        <translation>閘道沒有拒絕金鑰。</translation>
    </message>
    <message>
        <source>No key is sent (the profile&apos;s auth style is “none”).</source>
        <translation>不傳送金鑰（此設定檔的驗證方式為「不使用金鑰」）。</translation>
    </message>
    <message>
        <source>No key was entered, and the gateway did not ask for one.</source>
        <translation>沒有填寫金鑰，閘道也沒有要求提供。</translation>
    </message>
    <message>
        <source>{explanation} {message}</source>
        <translation>{explanation} {message}</translation>
    </message>
    <message>
        <source>No key was entered, and the gateway refused the request: {message}</source>
        <translation>沒有填寫金鑰，閘道拒絕了請求：{message}</translation>
    </message>
    <message>
        <source>{model} answered.</source>
        <translation>{model} 已回應。</translation>
    </message>
    <message>
        <source>No model is chosen: pick one from the list or type its id.</source>
        <translation>尚未選擇模型：請從清單中選擇，或輸入模型 ID。</translation>
    </message>
    <message>
        <source>First byte after {ttfb} ms, first token after {ttft} ms; {count} pieces in {spread} ms.</source>
        <translation>首位元組 {ttfb} 毫秒，首 token {ttft} 毫秒；{spread} 毫秒內收到 {count} 個片段。</translation>
    </message>
    <message>
        <source>First byte after {ttfb} ms; the reply ended without text ({finish}).</source>
        <translation>首位元組 {ttfb} 毫秒；回覆結束時沒有任何文字（{finish}）。</translation>
    </message>
    <message>
        <source>All {count} pieces arrived in one burst at the end ({spread} ms apart, {wait} ms after the request): the gateway, or a proxy in between, seems to buffer the stream. Replies will appear all at once when they are finished.</source>
        <translation>全部 {count} 個片段在最後一次到達（前後相差 {spread} 毫秒，在請求送出 {wait} 毫秒後）：閘道或中間的代理伺服器似乎緩衝了串流。回覆會在完成後一次全部顯示。</translation>
    </message>
    <message>
        <source>The gateway answered with one whole reply (JSON) instead of a stream: replies will appear all at once when they are finished.</source>
        <translation>閘道回傳的是一個完整回覆（JSON），而不是串流：回覆會在完成後一次全部顯示。</translation>
    </message>
    <message>
        <source>The gateway refuses “stream_options” (token usage in the stream); turn that option off for this profile.</source>
        <translation>閘道不接受「stream_options」（在串流中回傳 token 用量）；請為此設定檔關閉該選項。</translation>
    </message>
    <message>
        <source>The model sent no text within {tokens} tokens; a reasoning model may think longer.</source>
        <translation>模型在 {tokens} 個 token 內沒有輸出文字；推理模型可能需要思考更久。</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>cut: max tokens reached</source>
        <translation>已截斷：達到 token 上限</translation>
    </message>
    <message>
        <source>filtered by the provider</source>
        <translation>被服務商過濾</translation>
    </message>
    <message>
        <source>asked to call a tool</source>
        <translation>要求呼叫工具</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <source>streaming…</source>
        <translation>串流中…</translation>
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
        <translation>（{} 秒後重試）</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中斷</translation>
    </message>
</context>
</TS>
