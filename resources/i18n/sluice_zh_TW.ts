<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
    <context>
        <name>ChatController</name>
        <message>
            <source>Opened the mail link without the parts a reply may not set: {}</source>
            <translation>已開啟郵件連結，但去掉了回覆不能設定的部分：{}</translation>
        </message>
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
            <source>Not saved.</source>
            <translation>未儲存。</translation>
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
            <source>The reply that could not be saved is saved now.</source>
            <translation>先前未能儲存的回覆現在已儲存。</translation>
        </message>
        <message>
            <source>There is no reply to regenerate yet.</source>
            <translation>還沒有可以重新產生的回覆。</translation>
        </message>
        <message>
            <source>Other versions can be shown once the reply ends.</source>
            <translation>回覆結束後才能檢視其他版本。</translation>
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
        <message>
            <source>{} is rate limited; trying again in {} s (Stop cancels).</source>
            <translation>{} 遭到限流；{} 秒後重試（「停止」可取消）。</translation>
        </message>
        <message>
            <source>{failed} failed; trying {next}.</source>
            <translation>{failed} 失敗；正在嘗試 {next}。</translation>
        </message>
        <message>
            <source>via {profile} ({reasons})</source>
            <translation>經由 {profile}（{reasons}）</translation>
        </message>
        <message>
            <source>This reply has no record: it was made while recording was off, or before.</source>
            <translation>這則回覆沒有記錄：它是在記錄關閉時或更早產生的。</translation>
        </message>
        <message>
            <source>Retry on {}</source>
            <translation>在 {} 上重試</translation>
        </message>
        <message>
            <source>Inspect</source>
            <translation>檢查</translation>
        </message>
        <message>
            <source>Wait until the attachments are ready: {} still being prepared.</source>
            <translation>請等待附件準備完成：{} 仍在準備中。</translation>
        </message>
        <message>
            <source>The profile and model can be changed once the reply ends.</source>
            <translation>回覆結束後才能變更設定檔和模型。</translation>
        </message>
        <message>
            <source>Messages can be deleted once the reply ends.</source>
            <translation>回覆結束後才能刪除訊息。</translation>
        </message>
    </context>
    <context>
        <name>ChatTopBar</name>
        <message>
            <source>Compare side by side</source>
            <translation>並排比較</translation>
        </message>
        <message>
            <source>What this conversation's replies cost, where the cost is known</source>
            <translation>本對話中已知費用的回覆共花費多少</translation>
        </message>
        <message>
            <source>Usage…</source>
            <translation>用量…</translation>
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
            <source>Fetching models…</source>
            <translation>正在取得模型…</translation>
        </message>
        <message>
            <source>Regenerate the last reply</source>
            <translation>重新產生最後一則回覆</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>選單</translation>
        </message>
        <message>
            <source>Command palette</source>
            <translation>命令面板</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>鍵盤快速鍵</translation>
        </message>
        <message>
            <source>System prompt (this conversation has one)</source>
            <translation>系統提示詞（此對話已設定）</translation>
        </message>
        <message>
            <source>No profile</source>
            <translation>沒有設定檔</translation>
        </message>
        <message>
            <source>choose a model</source>
            <translation>選擇模型</translation>
        </message>
        <message>
            <source>{} — click to choose a profile and model</source>
            <translation>{} — 按一下以選擇設定檔和模型</translation>
        </message>
        <message>
            <source>Search profiles and models, or type a model id</source>
            <translation>搜尋設定檔和模型，或輸入模型 ID</translation>
        </message>
        <message>
            <source>Use the model “{}”</source>
            <translation>使用模型「{}」</translation>
        </message>
        <message>
            <source>Type a model id</source>
            <translation>輸入模型 ID</translation>
        </message>
        <message>
            <source>Show or hide the sidebar (Ctrl+B)</source>
            <translation>顯示或隱藏側邊欄（Ctrl+B）</translation>
        </message>
        <message>
            <source>Enter: use the model · Ctrl+I: images auto → on → off</source>
            <translation>Enter：使用此模型 · Ctrl+I：圖片 自動 → 開 → 關</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Editing a message — Esc to cancel</source>
            <translation>正在編輯訊息 — 按 Esc 取消</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
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
        <message>
            <source>pasted image.png</source>
            <translation>貼上的圖片.png</translation>
        </message>
        <message>
            <source>Attach images, text files or PDFs (or paste, or drop them here)</source>
            <translation>附加圖片、文字檔或 PDF（也可貼上或拖放到此處）</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>附加檔案</translation>
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
            <translation>搜尋對話</translation>
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
        <message>
            <source>Pinned</source>
            <translation>已釘選</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Previous 7 days</source>
            <translation>過去 7 天</translation>
        </message>
        <message>
            <source>MMMM yyyy</source>
            <translation>yyyy年M月</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新對話</translation>
        </message>
        <message>
            <source>Pin</source>
            <translation>釘選</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Settings (Ctrl+,)</source>
            <translation>設定（Ctrl+,）</translation>
        </message>
        <message>
            <source>Unpin</source>
            <translation>取消釘選</translation>
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
            <source>The profile was renamed, but its secret headers or proxy password could not be moved: {}</source>
            <translation>設定檔已重新命名，但其機密標頭或代理密碼未能移動：{}</translation>
        </message>
        <message>
            <source>The profile was changed or deleted, but a secret header or proxy password could not be removed from the keyring: {}</source>
            <translation>設定檔已修改或刪除，但有機密標頭或代理密碼未能從鑰匙圈中移除：{}</translation>
        </message>
        <message>
            <source>The copy was made, but its secret headers or proxy password could not be copied: {}</source>
            <translation>副本已建立，但其機密標頭或代理密碼未能複製：{}</translation>
        </message>
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
            <source>new profile</source>
            <translation>新設定檔</translation>
        </message>
        <message>
            <source>Not saved yet: the keyring did not take the key.</source>
            <translation>尚未儲存：鑰匙圈沒有接受這個金鑰。</translation>
        </message>
        <message>
            <source>The profile was renamed, but its conversations still name the old one: {}</source>
            <translation>設定檔已重新命名，但它的對話仍使用舊名稱：{}</translation>
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
        <name>ProfileEditorView</name>
        <message>
            <source>Secret headers</source>
            <translation>機密標頭</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Kept in the keyring; type to replace</source>
            <translation>存放在鑰匙圈中；輸入新值以取代</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>設定檔</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新對話</translation>
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
            <source>Fetch the gateway's model list (/models)</source>
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
            <source>Paste the API key</source>
            <translation>貼上 API 金鑰</translation>
        </message>
        <message>
            <source>Save or revert the changes first</source>
            <translation>請先儲存或還原變更</translation>
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
            <source>enter the gateway's base URL, e.g. https://api.example.com/v1</source>
            <translation>請輸入閘道的 Base URL，例如 https://api.example.com/v1</translation>
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
            <source>Export all conversations</source>
            <translation>匯出全部對話</translation>
        </message>
        <message>
            <source>JSON files (*.json)</source>
            <translation>JSON 檔案 (*.json)</translation>
        </message>
        <message>
            <source>Nothing was exported: {}</source>
            <translation>未匯出任何內容：{}</translation>
        </message>
        <message>
            <source>Exported {count} conversations to {path}</source>
            <translation>已匯出 {count} 個對話到 {path}</translation>
        </message>
        <message>
            <source>The look changed; this conversation follows once the reply ends.</source>
            <translation>外觀已變更；回覆結束後此對話將隨之更新。</translation>
        </message>
    </context>
    <context>
        <name>SnippetDialog</name>
        <message>
            <source>Import from cURL / SDK snippet</source>
            <translation>從 cURL / SDK 程式碼片段匯入</translation>
        </message>
        <message>
            <source>Paste the example request from your gateway's documentation: a cURL command, an OpenAI SDK snippet (Python or JavaScript) or just a base URL. A key in it goes to the system keyring.</source>
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
        <name>SpendChart</name>
        <message>
            <source>No known cost in this period</source>
            <translation>這段期間沒有已知費用</translation>
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
            <translation>助理</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>編輯</translation>
        </message>
    </context>
    <context>
        <name>UsagePage</name>
        <message>
            <source>{replies} replies · spent {spent} · {unknown} without a known cost</source>
            <translation>{replies} 則回覆 · 花費 {spent} · {unknown} 則費用未知</translation>
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
            <translation>首字延遲 p50 / p95</translation>
        </message>
        <message>
            <source>Replies</source>
            <translation>回覆數</translation>
        </message>
        <message>
            <source>Profile</source>
            <translation>設定檔</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>期間：</translation>
        </message>
        <message>
            <source>No cost</source>
            <translation>無費用資訊</translation>
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
            <translation>最近 24 小時</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>錯誤</translation>
        </message>
        <message>
            <source>Currency:</source>
            <translation>幣別：</translation>
        </message>
        <message>
            <source>Costs in different currencies are never added together</source>
            <translation>不同幣別的費用絕不相加</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>費用</translation>
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
            <translation>從程式碼片段匯入</translation>
        </message>
        <message>
            <source>new profile</source>
            <translation>新設定檔</translation>
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
            <source>enter the gateway's base URL</source>
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
        <name>WelcomeView</name>
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
            <source>{preset} — running, {count} models</source>
            <translation>{preset} — 執行中，{count} 個模型</translation>
        </message>
    </context>
    <context>
        <name>attachments</name>
        <message>
            <source>{model} on profile {profile} takes no images (its /models entry says so, or it was marked so). Pick a model that takes images, or if this one does: sluice profile set {quoted_profile} --vision {quoted_model}</source>
            <translation>設定檔 {profile} 上的 {model} 不接受圖片（其 /models 資訊如此說明，或已被標記為如此）。請選擇接受圖片的模型；若此模型其實接受圖片：sluice profile set {quoted_profile} --vision {quoted_model}</translation>
        </message>
    </context>
    <context>
        <name>composition</name>
        <message>
            <source>Secret header values and proxy passwords were moved from profiles.toml into the system keyring; the file keeps only their names.</source>
            <translation>機密標頭的值和代理伺服器密碼已從 profiles.toml 移入系統鑰匙圈；檔案中只保留它們的名稱。</translation>
        </message>
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
            <source>The attachment cannot be sent.</source>
            <translation>無法傳送此附件。</translation>
        </message>
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
            <source>The reply was too large to keep.</source>
            <translation>回覆太大，無法繼續接收。</translation>
        </message>
    </context>
    <context>
        <name>import</name>
        <message>
            <source>the pasted text is too long ({length:,} characters); paste just the example</source>
            <translation>貼上的文字太長（{length:,} 個字元）；只要貼上範例即可</translation>
        </message>
        <message>
            <source>nothing to import: paste a cURL command, an OpenAI SDK snippet or a base URL</source>
            <translation>沒有可匯入的內容：請貼上 cURL 指令、OpenAI SDK 程式碼片段或 Base URL</translation>
        </message>
        <message>
            <source>found no cURL command, OpenAI SDK snippet or base URL in the pasted text; paste the example request from the gateway's docs, e.g. curl https://…/v1/chat/completions -H "Authorization: Bearer …" -d '{{"model": …}}'</source>
            <translation>在貼上的文字中找不到 cURL 指令、OpenAI SDK 程式碼片段或 Base URL；請貼上閘道文件中的範例請求，例如 curl https://…/v1/chat/completions -H "Authorization: Bearer …" -d '{{"model": …}}'</translation>
        </message>
        <message>
            <source>the {kind} has no URL</source>
            <translation>{kind}中沒有 URL</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) has no host: it uses a variable or a placeholder; put the gateway's address in its place and paste again</source>
            <translation>程式碼片段中的 URL（{url}）沒有主機名稱：它用的是變數或預留位置；請換成閘道的位址後重新貼上</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) has spaces or characters a URL cannot have</source>
            <translation>程式碼片段中的 URL（{url}）含有空格或 URL 不允許使用的字元</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) is not a valid URL</source>
            <translation>程式碼片段中的 URL（{url}）不是有效的 URL</translation>
        </message>
        <message>
            <source>the URL in the snippet ({url}) must start with http:// or https://</source>
            <translation>程式碼片段中的 URL（{url}）必須以 http:// 或 https:// 開頭</translation>
        </message>
        <message>
            <source>The snippet sets no base URL, so the OpenAI SDK's default {url} is used.</source>
            <translation>程式碼片段沒有設定 Base URL，因此使用 OpenAI SDK 的預設位址 {url}。</translation>
        </message>
        <message>
            <source>The model in the snippet is a placeholder, so none was set.</source>
            <translation>程式碼片段中的模型是預留位置，因此沒有設定模型。</translation>
        </message>
        <message>
            <source>The URL had no scheme, so {scheme}:// was assumed.</source>
            <translation>URL 沒有通訊協定前綴，因此視為 {scheme}://。</translation>
        </message>
        <message>
            <source>The URL carried a user name or password; it was left out.</source>
            <translation>URL 中帶有使用者名稱或密碼，已將其略去。</translation>
        </message>
        <message>
            <source>The URL's query ({names}) was left out: Sluice calls &lt;base URL&gt;/chat/completions without one.</source>
            <translation>URL 的查詢參數（{names}）已略去：Sluice 呼叫 &lt;base URL&gt;/chat/completions 時不帶查詢參數。</translation>
        </message>
        <message>
            <source>The URL's query (parameters) was left out: Sluice calls &lt;base URL&gt;/chat/completions without one.</source>
            <translation>URL 的查詢參數已略去：Sluice 呼叫 &lt;base URL&gt;/chat/completions 時不帶查詢參數。</translation>
        </message>
        <message>
            <source>The URL does not end in /chat/completions, so it was used as the base URL as it is.</source>
            <translation>URL 不是以 /chat/completions 結尾，因此直接用作 Base URL。</translation>
        </message>
        <message>
            <source>The header {name} also carries a secret; a profile keeps only one key, so it was left out.</source>
            <translation>標頭 {name} 也帶有金鑰；一個設定檔只存放一個金鑰，因此已將它略去。</translation>
        </message>
        <message>
            <source>A header that is not valid HTTP was left out.</source>
            <translation>已略去一個不符合 HTTP 規範的標頭。</translation>
        </message>
        <message>
            <source>The header {name} holds a placeholder, so it was left out.</source>
            <translation>標頭 {name} 的值是預留位置，因此已將它略去。</translation>
        </message>
        <message>
            <source>The pasted text holds no API key: paste your own.</source>
            <translation>貼上的文字中沒有 API 金鑰：請貼上你自己的金鑰。</translation>
        </message>
        <message>
            <source>The snippet sends no API key, so this profile sends none either.</source>
            <translation>程式碼片段沒有傳送 API 金鑰，因此此設定檔也不傳送。</translation>
        </message>
        <message>
            <source>{key!r} is a dummy key that local servers ignore, so this profile sends no key.</source>
            <translation>{key!r} 是本機伺服器會忽略的虛設金鑰，因此此設定檔不傳送金鑰。</translation>
        </message>
        <message>
            <source>The key in the snippet is a placeholder: paste your own.</source>
            <translation>程式碼片段中的金鑰是預留位置：請貼上你自己的金鑰。</translation>
        </message>
        <message>
            <source>The key in the snippet is a placeholder: paste your own (the snippet reads it from the environment variable {variable}).</source>
            <translation>程式碼片段中的金鑰是預留位置：請貼上你自己的金鑰（程式碼片段是從環境變數 {variable} 讀取金鑰的）。</translation>
        </message>
        <message>
            <source>cURL command</source>
            <translation>cURL 指令</translation>
        </message>
        <message>
            <source>SDK snippet</source>
            <translation>SDK 程式碼片段</translation>
        </message>
        <message>
            <source>pasted text</source>
            <translation>貼上的文字</translation>
        </message>
        <message>
            <source>Headers read from a file (-H @file) were not imported.</source>
            <translation>從檔案讀取的標頭（-H @file）沒有匯入。</translation>
        </message>
        <message>
            <source>The request body is read from a file, so the model could not be read from it.</source>
            <translation>請求本文是從檔案讀取的，因此無法從中讀出模型。</translation>
        </message>
        <message>
            <source>The command logs in with -u (HTTP basic auth), which was not imported.</source>
            <translation>該指令用 -u 登入（HTTP 基本驗證），這部分沒有匯入。</translation>
        </message>
    </context>
    <context>
        <name>keystore</name>
        <message>
            <source>save the secret header {header} of profile {name!r}</source>
            <translation>儲存設定檔 {name!r} 的機密標頭 {header}</translation>
        </message>
        <message>
            <source>save the proxy password of profile {name!r}</source>
            <translation>儲存設定檔 {name!r} 的代理伺服器密碼</translation>
        </message>
        <message>
            <source>read the secret header {header} of profile {name!r}</source>
            <translation>讀取設定檔 {name!r} 的機密標頭 {header}</translation>
        </message>
        <message>
            <source>read the proxy password of profile {name!r}</source>
            <translation>讀取設定檔 {name!r} 的代理伺服器密碼</translation>
        </message>
        <message>
            <source>delete the secret header {header} of profile {name!r}</source>
            <translation>刪除設定檔 {name!r} 的機密標頭 {header}</translation>
        </message>
        <message>
            <source>delete the proxy password of profile {name!r}</source>
            <translation>刪除設定檔 {name!r} 的代理伺服器密碼</translation>
        </message>
        <message>
            <source>The keyring refused to {action}.</source>
            <translation>鑰匙圈拒絕{action}。</translation>
        </message>
        <message>
            <source>An empty value cannot be saved: {action}.</source>
            <translation>無法儲存空值：{action}。</translation>
        </message>
        <message>
            <source>Install and unlock a Secret Service such as GNOME Keyring or KeePassXC (e.g. `sudo apt-get install gnome-keyring`), make sure you are in a desktop session with D-Bus, then try again.</source>
            <translation>請安裝並解鎖一個 Secret Service，例如 GNOME Keyring 或 KeePassXC（如 `sudo apt-get install gnome-keyring`），確認你在有 D-Bus 的桌面工作階段中，然後再試一次。</translation>
        </message>
        <message>
            <source>Check that the macOS Keychain is available and unlocked, then try again.</source>
            <translation>請確認 macOS 鑰匙圈可以使用且已解鎖，然後再試一次。</translation>
        </message>
        <message>
            <source>Check that Windows Credential Manager is available, then try again.</source>
            <translation>請確認 Windows 認證管理員可以使用，然後再試一次。</translation>
        </message>
        <message>
            <source>no usable system keyring was found</source>
            <translation>找不到可用的系統鑰匙圈</translation>
        </message>
        <message>
            <source>the keyring backend {backend} keeps keys in a file, not a secure keyring</source>
            <translation>鑰匙圈後端 {backend} 把金鑰存放在檔案中，不是安全的鑰匙圈</translation>
        </message>
        <message>
            <source>the keyring backend {backend} is not a recommended secure keyring</source>
            <translation>鑰匙圈後端 {backend} 不是建議使用的安全鑰匙圈</translation>
        </message>
        <message>
            <source>No secure keyring is available (backends found: {found}). Sluice keeps API keys only in the system keyring, never in a file. {how_to_fix}</source>
            <translation>沒有可用的安全鑰匙圈（找到的後端：{found}）。Sluice 只把 API 金鑰存放在系統鑰匙圈中，絕不寫入檔案。{how_to_fix}</translation>
        </message>
        <message>
            <source>No secure keyring: {reason}. Sluice keeps API keys only in the system keyring, never in a file. {how_to_fix}</source>
            <translation>沒有安全的鑰匙圈：{reason}。Sluice 只把 API 金鑰存放在系統鑰匙圈中，絕不寫入檔案。{how_to_fix}</translation>
        </message>
        <message>
            <source>read the API key of profile {name!r}</source>
            <translation>讀取設定檔 {name!r} 的 API 金鑰</translation>
        </message>
        <message>
            <source>save the API key of profile {name!r}</source>
            <translation>儲存設定檔 {name!r} 的 API 金鑰</translation>
        </message>
        <message>
            <source>delete the API key of profile {name!r}</source>
            <translation>刪除設定檔 {name!r} 的 API 金鑰</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring is locked. Unlock it and try again.</source>
            <translation>無法{action}：鑰匙圈已鎖定。請解鎖後再試一次。</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring is not available. {how_to_fix}</source>
            <translation>無法{action}：鑰匙圈無法使用。{how_to_fix}</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring reported an error ({error_type}: {detail}).</source>
            <translation>無法{action}：鑰匙圈回報了一個錯誤（{error_type}: {detail}）。</translation>
        </message>
        <message>
            <source>Could not {action}: the keyring reported an error ({error_type}).</source>
            <translation>無法{action}：鑰匙圈回報了一個錯誤（{error_type}）。</translation>
        </message>
        <message>
            <source>An empty API key cannot be saved for profile {name!r}.</source>
            <translation>無法為設定檔 {name!r} 儲存空白的 API 金鑰。</translation>
        </message>
        <message>
            <source>An empty API key cannot be kept for profile {name!r}.</source>
            <translation>無法為設定檔 {name!r} 保留空白的 API 金鑰。</translation>
        </message>
        <message>
            <source>This API key is {length} characters long; Windows Credential Manager holds at most {limit}.</source>
            <translation>此 API 金鑰長 {length} 個字元；Windows 認證管理員最多只能存放 {limit} 個字元。</translation>
        </message>
        <message>
            <source>The keyring refused to delete the API key of profile {name!r}.</source>
            <translation>鑰匙圈拒絕刪除設定檔 {name!r} 的 API 金鑰。</translation>
        </message>
        <message>
            <source>A profile name is needed to find its API key.</source>
            <translation>需要設定檔名稱才能找到它的 API 金鑰。</translation>
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
            <translation>在 ZenMux 主控台建立 API 金鑰。ZenMux 對中途停止的回覆按完整回覆計費。</translation>
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
            <source>No key needed. Load a model and start the local server in LM Studio's Developer tab.</source>
            <translation>不需要金鑰。請在 LM Studio 的「Developer」分頁中載入模型並啟動本機伺服器。</translation>
        </message>
        <message>
            <source>Custom (any OpenAI-compatible server)</source>
            <translation>自訂（任何相容 OpenAI 的伺服器）</translation>
        </message>
        <message>
            <source>Any server that speaks the OpenAI API: enter its base URL (it usually ends in /v1) and its key.</source>
            <translation>任何支援 OpenAI API 的伺服器：填寫它的 Base URL（通常以 /v1 結尾）和金鑰。</translation>
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
            <source>No key is sent (the profile's auth style is “none”).</source>
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
        <name>profiles</name>
        <message>
            <source>{path}: nested too deep to read (values are nested more than {limit} levels deep); this is not a profiles file</source>
            <translation>{path}：巢狀過深，無法讀取（值的巢狀層數超過 {limit} 層）；這不是設定檔檔案</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: secret_headers must be a list of header names</source>
            <translation>{path}：設定檔 {name!r}：secret_headers 必須是標頭名稱的清單</translation>
        </message>
        <message>
            <source>{path}: could not be written ({reason}); the file was left as it was</source>
            <translation>{path}：無法寫入（{reason}）；檔案維持原樣</translation>
        </message>
        <message>
            <source>profile {name!r}: the proxy password is kept in the system keyring, not in profiles.toml</source>
            <translation>設定檔 {name!r}：代理伺服器密碼存放在系統鑰匙圈中，而不是 profiles.toml 裡</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} carries a key or other secret; its value is kept in the system keyring (`--secret-header`), not in profiles.toml</source>
            <translation>設定檔 {name!r}：標頭 {header!r} 帶有金鑰或其他機密；其值存放在系統鑰匙圈中（`--secret-header`），而不是 profiles.toml 裡</translation>
        </message>
        <message>
            <source>a profile needs a name</source>
            <translation>設定檔需要一個名稱</translation>
        </message>
        <message>
            <source>profile name {name!r} has leading/trailing spaces or control characters</source>
            <translation>設定檔名稱 {name!r} 的開頭或結尾有空格，或含有控制字元</translation>
        </message>
        <message>
            <source>profile {name!r}: base_url must be a URL starting with {schemes} (got {url!r})</source>
            <translation>設定檔 {name!r}：base_url 必須是以 {schemes} 開頭的 URL（目前為 {url!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: proxy ('none', 'system' or a URL) must be a URL starting with {schemes} (got {url!r})</source>
            <translation>設定檔 {name!r}：proxy（'none'、'system' 或一個 URL）必須是以 {schemes} 開頭的 URL（目前為 {url!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: auth must be 'bearer', 'raw', 'none' or 'header:NAME' (got {auth!r})</source>
            <translation>設定檔 {name!r}：auth 必須是 'bearer'、'raw'、'none' 或 'header:名稱'（目前為 {auth!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: {header!r} is not a valid HTTP header name</source>
            <translation>設定檔 {name!r}：{header!r} 不是有效的 HTTP 標頭名稱</translation>
        </message>
        <message>
            <source>profile {name!r}: read_timeout must be a positive number of seconds (got {timeout!r})</source>
            <translation>設定檔 {name!r}：read_timeout 必須是正數（單位為秒，目前為 {timeout!r}）</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} has a line break in its value</source>
            <translation>設定檔 {name!r}：標頭 {header!r} 的值含有換行字元</translation>
        </message>
        <message>
            <source>profile {name!r}: header {header!r} looks like it carries a key; keys are kept in the system keyring, not in profiles.toml (set `auth` instead)</source>
            <translation>設定檔 {name!r}：標頭 {header!r} 看起來帶有金鑰；金鑰存放在系統鑰匙圈中，而不是 profiles.toml 裡（請改為設定 `auth`）</translation>
        </message>
        <message>
            <source>{path}: {error}</source>
            <translation>{path}：{error}</translation>
        </message>
        <message>
            <source>{path}: line {line}, column {column}: {reason}</source>
            <translation>{path}：第 {line} 行第 {column} 欄：{reason}</translation>
        </message>
        <message>
            <source>{path}: line {line} (end of file): {reason}</source>
            <translation>{path}：第 {line} 行（檔案結尾）：{reason}</translation>
        </message>
        <message>
            <source>{path}: profile #{number} is not a table</source>
            <translation>{path}：第 {number} 個設定檔不是表格（table）</translation>
        </message>
        <message>
            <source>{path}: profile #{number} has unknown settings: {keys}</source>
            <translation>{path}：第 {number} 個設定檔含有不明的設定項目：{keys}</translation>
        </message>
        <message>
            <source>{path}: profile #{number} needs a name (a string)</source>
            <translation>{path}：第 {number} 個設定檔需要 name（字串）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r} needs a base_url (a string)</source>
            <translation>{path}：設定檔 {name!r} 需要 base_url（字串）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: {field} has the wrong type ({type})</source>
            <translation>{path}：設定檔 {name!r}：{field} 的型別不正確（{type}）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: headers must be a table of strings</source>
            <translation>{path}：設定檔 {name!r}：headers 必須是由字串組成的表格</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: vision must be a table of true/false (model = true)</source>
            <translation>{path}：設定檔 {name!r}：vision 必須是由 true/false 組成的表格（模型 = true）</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: prices must be a table of strings (model = "IN/OUT CUR")</source>
            <translation>{path}：設定檔 {name!r}：prices 必須是由字串組成的表格（模型 = "輸入/輸出 幣別"）</translation>
        </message>
        <message>
            <source>profile {name!r}: the price of {model!r} must be IN/OUT[/CACHED] CUR per 1M tokens, e.g. "0.25/2 USD" (got {spec!r})</source>
            <translation>設定檔 {name!r}：{model!r} 的價格須寫作 輸入/輸出[/快取] 幣別（每 1M tokens），例如 "0.25/2 USD"（收到 {spec!r}）</translation>
        </message>
        <message>
            <source>{path}: cannot be read ({reason})</source>
            <translation>{path}：無法讀取（{reason}）</translation>
        </message>
        <message>
            <source>{path}: is not UTF-8 text</source>
            <translation>{path}：不是 UTF-8 文字</translation>
        </message>
        <message>
            <source>{path}: unknown settings: {keys}</source>
            <translation>{path}：不明的設定項目：{keys}</translation>
        </message>
        <message>
            <source>{path}: 'profile' must be an array of tables ([[profile]])</source>
            <translation>{path}：'profile' 必須是表格陣列（[[profile]]）</translation>
        </message>
        <message>
            <source>{path}: two profiles are named {name!r}</source>
            <translation>{path}：有兩個設定檔都叫 {name!r}</translation>
        </message>
        <message>
            <source>{path}: default must be a profile name (a string)</source>
            <translation>{path}：default 必須是一個設定檔名稱（字串）</translation>
        </message>
        <message>
            <source>no profile named {name!r}; `sluice profile list` shows them</source>
            <translation>沒有名為 {name!r} 的設定檔；`sluice profile list` 可列出所有設定檔</translation>
        </message>
        <message>
            <source>a profile named {name!r} already exists</source>
            <translation>已有名為 {name!r} 的設定檔</translation>
        </message>
        <message>
            <source>{path}: profile {name!r}: fallbacks must be a list of profile names (["b", "c:MODEL"])</source>
            <translation>{path}：設定檔 {name!r}：fallbacks 必須是設定檔名稱的清單（["b", "c:MODEL"]）</translation>
        </message>
        <message>
            <source>profile {name!r}: fallback {fallback!r} must be another profile's name, or NAME:MODEL</source>
            <translation>設定檔 {name!r}：備援 {fallback!r} 必須是另一個設定檔的名稱，或 名稱:模型</translation>
        </message>
    </context>
    <context>
        <name>session</name>
        <message>
            <source>No API key is saved for profile “{name}”. Add one with: sluice profile set-key {quoted}</source>
            <translation>設定檔「{name}」尚未儲存 API 金鑰。可在設定檔編輯器中新增，或執行：sluice profile set-key {quoted}</translation>
        </message>
        <message>
            <source>The reply passed {limit} million characters and was stopped there; its text is kept.</source>
            <translation>回覆超過了 {limit} 百萬個字元，已在此處停止；已收到的文字都保留著。</translation>
        </message>
        <message>
            <source>The reply could not be saved: {error} Its text is only on screen: copy it before closing.</source>
            <translation>回覆無法儲存：{error} 它的文字只在螢幕上：關閉前請先複製。</translation>
        </message>
        <message>
            <source>Only part of this reply could be saved: {error}</source>
            <translation>這則回覆只儲存了一部分：{error}</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <source>theme must be one of {choices}</source>
            <translation>theme 必須是 {choices} 其中之一</translation>
        </message>
        <message>
            <source>font_size must be 0 (system) or {low}–{high}</source>
            <translation>font_size 必須是 0（跟隨系統）或 {low}–{high}</translation>
        </message>
        <message>
            <source>send_key must be one of {choices}</source>
            <translation>send_key 必須是 {choices} 其中之一</translation>
        </message>
        <message>
            <source>language must be one of {choices}</source>
            <translation>language 必須是 {choices} 其中之一</translation>
        </message>
        <message>
            <source>{field} has the wrong type</source>
            <translation>{field} 的型別不正確</translation>
        </message>
        <message>
            <source>{path}: could not be read ({reason}); using the default settings.</source>
            <translation>{path}：無法讀取（{reason}）；將使用預設設定。</translation>
        </message>
        <message>
            <source>{path}: {problems}; the default is used for those.</source>
            <translation>{path}：{problems}；這些項目將使用預設值。</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>cost not reported (stopped)</source>
            <translation>費用未回報（已停止）</translation>
        </message>
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
    <context>
        <name>store</name>
        <message>
            <source>The conversation database {path} cannot be opened: the disk is full ({detail}). The file was left untouched. Free some space and try again.</source>
            <translation>無法開啟對話資料庫 {path}：磁碟已滿（{detail}）。檔案未被更動。請釋出一些空間後再試一次。</translation>
        </message>
        <message>
            <source>Cannot create the conversation database at {path}: {reason}.</source>
            <translation>無法在 {path} 建立對話資料庫：{reason}。</translation>
        </message>
        <message>
            <source>Cannot open the conversation database {path}: {reason}.</source>
            <translation>無法開啟對話資料庫 {path}：{reason}。</translation>
        </message>
        <message>
            <source>The conversation database {path} could not be used: {reason}.</source>
            <translation>無法使用對話資料庫 {path}：{reason}。</translation>
        </message>
        <message>
            <source>Conversation {id} does not exist (it may have been deleted).</source>
            <translation>對話 {id} 不存在（可能已被刪除）。</translation>
        </message>
        <message>
            <source>Message {id} does not exist (it may have been deleted).</source>
            <translation>訊息 {id} 不存在（可能已被刪除）。</translation>
        </message>
        <message>
            <source>Conversation {id} already exists; nothing was restored.</source>
            <translation>對話 {id} 已存在；沒有還原任何內容。</translation>
        </message>
        <message>
            <source>Message {message} is not in conversation {conversation}.</source>
            <translation>訊息 {message} 不在對話 {conversation} 中。</translation>
        </message>
        <message>
            <source>The conversation database {path} was made by a newer version of Sluice (schema {version}; this version understands up to {latest}). The file was left untouched. Update Sluice to open it.</source>
            <translation>對話資料庫 {path} 是由較新版本的 Sluice 建立的（結構版本 {version}；目前版本最多只支援到 {latest}）。檔案未被更動。請更新 Sluice 後再開啟。</translation>
        </message>
        <message>
            <source>The conversation database {path} is not a SQLite database or is damaged ({detail}). The file was left untouched. Move it aside to start a new history, or restore it from a backup.</source>
            <translation>對話資料庫 {path} 不是 SQLite 資料庫，或已損毀（{detail}）。檔案未被更動。把它移到別處即可開始新的歷史紀錄，也可以從備份中還原。</translation>
        </message>
        <message>
            <source>Cannot read the conversation database {path}: {reason}.</source>
            <translation>無法讀取對話資料庫 {path}：{reason}。</translation>
        </message>
    </context>
    <context>
        <name>credentials</name>
        <message>
            <source>The value of header {header} of profile {name!r} is not in the keyring. Enter it again in the profile editor (or add the profile again with --secret-header).</source>
            <translation>設定檔 {name!r} 的標頭 {header} 的值不在鑰匙圈中。請在設定檔編輯器中重新輸入（或用 --secret-header 重新新增該設定檔）。</translation>
        </message>
    </context>
    <context>
        <name>InspectPanel</name>
        <message>
            <source>{} more bytes arrived and were not kept (the record keeps 2 MB).</source>
            <translation>另有 {} 位元組已收到但未保存（記錄最多保存 2 MB）。</translation>
        </message>
        <message>
            <source>{request} · {status} · {chunks} chunks, {size} bytes in {ms} ms</source>
            <translation>{request} · {status} · {chunks} 個資料區塊，{size} 位元組，耗時 {ms} 毫秒</translation>
        </message>
        <message>
            <source>no response</source>
            <translation>無回應</translation>
        </message>
        <message>
            <source>The request was larger than the record keeps; it cannot be sent again.</source>
            <translation>請求超出記錄保存的大小，無法再次傳送。</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>回應</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求</translation>
        </message>
        <message>
            <source>Inspect reply {}</source>
            <translation>檢查回覆 {}</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Copy as cURL</source>
            <translation>複製為 cURL</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>已複製</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>位元組</translation>
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
            <translation>複製</translation>
        </message>
        <message>
            <source>A table of {} rows, shown as text.</source>
            <translation>共 {} 列的表格，以文字顯示。</translation>
        </message>
        <message>
            <source>A table of {rows} rows, shown as text: the first {shown}. Copy the reply for all.</source>
            <translation>共 {rows} 列的表格，以文字顯示前 {shown} 列。複製回覆即可取得全部內容。</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <source>Regenerate</source>
            <translation>重新產生</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>複製</translation>
        </message>
        <message>
            <source>Copied ✓</source>
            <translation>已複製 ✓</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>刪除</translation>
        </message>
    </context>
    <context>
        <name>Welcome</name>
        <message>
            <source>stop a reply</source>
            <translation>停止回覆</translation>
        </message>
        <message>
            <source>send</source>
            <translation>傳送</translation>
        </message>
        <message>
            <source>new line</source>
            <translation>換行</translation>
        </message>
        <message>
            <source>new chat</source>
            <translation>新對話</translation>
        </message>
        <message>
            <source>Write a SQL query for each month's revenue, and explain it.</source>
            <translation>寫一個按月統計營收的 SQL 查詢，並加以說明。</translation>
        </message>
        <message>
            <source>What can I help with?</source>
            <translation>有什麼可以幫你？</translation>
        </message>
        <message>
            <source>Translate into Chinese and keep the tone: “Thanks, that helped a lot.”</source>
            <translation>翻譯成英文並保留語氣：「謝謝，幫了大忙。」</translation>
        </message>
        <message>
            <source>Summarise the key points of a text I will paste next.</source>
            <translation>摘要我接下來貼上的文字重點。</translation>
        </message>
        <message>
            <source>Explain how HTTP streaming works, with a small Python example.</source>
            <translation>說明 HTTP 串流傳輸的原理，並附一個簡短的 Python 範例。</translation>
        </message>
        <message>
            <source>Add a profile to start.</source>
            <translation>新增一個設定檔即可開始。</translation>
        </message>
    </context>
    <context>
        <name>ModelsTable</name>
        <message>
            <source>Prices per 1M tokens: IN/OUT[/CACHED] CUR, e.g. 0.25/2.00 USD or 2/8 CNY. Empty: the gateway's price is used.</source>
            <translation>價格以每百萬 token 計：輸入/輸出[/快取] 貨幣，例如 0.25/2.00 USD 或 2/8 CNY。留空則使用閘道的價格。</translation>
        </message>
        <message>
            <source>{price} (from the gateway)</source>
            <translation>{price}（來自閘道）</translation>
        </message>
        <message>
            <source>{model}: “{price}” is not a price. Type IN/OUT[/CACHED] CUR per 1M tokens, e.g. 0.25/2.00 USD or 2/8 CNY, or leave it empty to use the gateway's.</source>
            <translation>{model}：「{price}」不是有效價格。請依每百萬 token 輸入 輸入/輸出[/快取] 貨幣，例如 0.25/2.00 USD 或 2/8 CNY，或留空以使用閘道的價格。</translation>
        </message>
        <message>
            <source>on</source>
            <translation>開</translation>
        </message>
        <message>
            <source>off</source>
            <translation>關</translation>
        </message>
        <message>
            <source>auto (yes)</source>
            <translation>自動（是）</translation>
        </message>
        <message>
            <source>auto (unknown)</source>
            <translation>自動（未知）</translation>
        </message>
        <message>
            <source>auto (no)</source>
            <translation>自動（否）</translation>
        </message>
        <message>
            <source>Your price</source>
            <translation>你的價格</translation>
        </message>
        <message>
            <source>The gateway publishes no price for this model.</source>
            <translation>閘道未公布此模型的價格。</translation>
        </message>
        <message>
            <source>Takes images: click to cycle auto (what /models says), on, off.
Your price: IN/OUT[/CACHED] CUR per 1M tokens, e.g. 0.25/2.00 USD or 2/8 CNY; empty uses the gateway's.</source>
            <translation>接受圖片：點擊在 自動（依 /models 所述）、開、關 之間切換。
你的價格：每百萬 token 的 輸入/輸出[/快取] 貨幣，例如 0.25/2.00 USD 或 2/8 CNY；留空則使用閘道的價格。</translation>
        </message>
        <message>
            <source>Takes images</source>
            <translation>接受圖片</translation>
        </message>
        <message>
            <source>Sends usage.include = true so that gateways such as OpenRouter report what each reply cost. Sluice stops asking if the gateway refuses the field.</source>
            <translation>傳送 usage.include = true，讓 OpenRouter 等閘道回報每則回覆的費用。若閘道拒絕此欄位，Sluice 將不再詢問。</translation>
        </message>
        <message>
            <source>Published in the gateway's /models; your price, when set, is used instead.</source>
            <translation>來自閘道的 /models；若你設定了自己的價格，則改用你的價格。</translation>
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
            <translation>閘道價格</translation>
        </message>
        <message>
            <source>Filter models</source>
            <translation>篩選模型</translation>
        </message>
        <message>
            <source>Ask the gateway for each reply's cost</source>
            <translation>向閘道詢問每則回覆的費用</translation>
        </message>
        <message>
            <source>Another model id</source>
            <translation>其他模型 ID</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>新增</translation>
        </message>
    </context>
    <context>
        <name>AttachmentIntake</name>
        <message>
            <source>Only the first {} files of a drop or paste are attached.</source>
            <translation>一次拖放或貼上只附加前 {} 個檔案。</translation>
        </message>
        <message>
            <source>Not attached: {}</source>
            <translation>未附加：{}</translation>
        </message>
        <message>
            <source>Not attached: {name}: it could not be read ({error}).</source>
            <translation>未附加：{name}：無法讀取（{error}）。</translation>
        </message>
        <message>
            <source>Location data removed from {} (the setting keep_image_metadata sends photos as they are).</source>
            <translation>已從 {} 移除位置資料（設定 keep_image_metadata 可按原樣傳送照片）。</translation>
        </message>
    </context>
    <context>
        <name>AttachmentViewer</name>
        <message>
            <source>This image cannot be shown.</source>
            <translation>無法顯示此圖片。</translation>
        </message>
    </context>
    <context>
        <name>ChatAttachments</name>
        <message>
            <source>{model} takes no images: pick a model that does, or remove the images.</source>
            <translation>{model} 不接受圖片：請選擇接受圖片的模型，或移除圖片。</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>附加檔案</translation>
        </message>
    </context>
    <context>
        <name>_Chip</name>
        <message>
            <source>preparing…</source>
            <translation>準備中…</translation>
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
            <translation>貼上的圖片.png</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>Compare side by side (on or off)</source>
            <translation>並排比較（開啟或關閉）</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新對話</translation>
        </message>
        <message>
            <source>Command palette</source>
            <translation>命令面板</translation>
        </message>
        <message>
            <source>Search conversations</source>
            <translation>搜尋對話</translation>
        </message>
        <message>
            <source>Show or hide the sidebar</source>
            <translation>顯示或隱藏側邊欄</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>鍵盤快速鍵</translation>
        </message>
        <message>
            <source>Send (Ctrl+Enter when chosen in Settings)</source>
            <translation>傳送（可在設定中改為 Ctrl+Enter）</translation>
        </message>
        <message>
            <source>New line in the message</source>
            <translation>訊息中換行</translation>
        </message>
        <message>
            <source>Stop the reply</source>
            <translation>停止回覆</translation>
        </message>
        <message>
            <source>Rename the conversation (in the list)</source>
            <translation>重新命名對話（在清單中）</translation>
        </message>
        <message>
            <source>Delete the conversation (in the list)</source>
            <translation>刪除對話（在清單中）</translation>
        </message>
        <message>
            <source>Pin or unpin the conversation (in the list)</source>
            <translation>釘選或取消釘選對話（在清單中）</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>結束</translation>
        </message>
        <message>
            <source>Edit profiles…</source>
            <translation>編輯設定檔…</translation>
        </message>
        <message>
            <source>Theme: light</source>
            <translation>主題：淺色</translation>
        </message>
        <message>
            <source>Theme: dark</source>
            <translation>主題：深色</translation>
        </message>
        <message>
            <source>Theme: follow the system</source>
            <translation>主題：跟隨系統</translation>
        </message>
        <message>
            <source>Rename this conversation</source>
            <translation>重新命名此對話</translation>
        </message>
        <message>
            <source>Images auto / on / off for the selected model (in the picker)</source>
            <translation>所選模型的圖片：自動 / 開 / 關（在模型選擇器中）</translation>
        </message>
        <message>
            <source>Next link or message action (in the conversation)</source>
            <translation>下一個連結或訊息操作（在對話中）</translation>
        </message>
        <message>
            <source>Older version of the message (on its actions)</source>
            <translation>訊息的上一個版本（焦點在其操作上時）</translation>
        </message>
        <message>
            <source>Newer version of the message (on its actions)</source>
            <translation>訊息的下一個版本（焦點在其操作上時）</translation>
        </message>
        <message>
            <source>Undo deleting a message (in the conversation)</source>
            <translation>復原刪除的訊息（在對話中）</translation>
        </message>
        <message>
            <source>Delete the message (on its actions)</source>
            <translation>刪除該訊息（焦點在其操作上時）</translation>
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
            <translation>預設</translation>
        </message>
        <message>
            <source>Loading the model list…</source>
            <translation>正在載入模型清單…</translation>
        </message>
        <message>
            <source>Click or press Ctrl+I: auto → on → off.</source>
            <translation>點按或按 Ctrl+I：自動 → 開 → 關。</translation>
        </message>
        <message>
            <source>Could not save whether {model} takes images: {error}</source>
            <translation>無法儲存 {model} 是否接受圖片：{error}</translation>
        </message>
        <message>
            <source>Images: auto ({said})</source>
            <translation>圖片：自動（{said}）</translation>
        </message>
        <message>
            <source>Images: off, your choice (auto: {said})</source>
            <translation>圖片：關，由你設定（自動時：{said}）</translation>
        </message>
        <message>
            <source>Images: on, your choice (auto: {said})</source>
            <translation>圖片：開，由你設定（自動時：{said}）</translation>
        </message>
        <message>
            <source>the gateway does not say; images are sent</source>
            <translation>閘道未說明；圖片會照常傳送</translation>
        </message>
        <message>
            <source>the gateway says no</source>
            <translation>閘道表示不支援</translation>
        </message>
        <message>
            <source>the gateway says yes</source>
            <translation>閘道表示支援</translation>
        </message>
    </context>
    <context>
        <name>SearchPopup</name>
        <message>
            <source>Nothing matches</source>
            <translation>沒有相符的項目</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
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
            <source>Appearance</source>
            <translation>外觀</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>聊天</translation>
        </message>
        <message>
            <source>Keyboard</source>
            <translation>鍵盤</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>語言</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>資料</translation>
        </message>
        <message>
            <source>Back to the chat</source>
            <translation>返回聊天</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>主題</translation>
        </message>
        <message>
            <source> pt</source>
            <translation> 點</translation>
        </message>
        <message>
            <source>System size ({} pt)</source>
            <translation>系統字級（{} 點）</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>文字大小</translation>
        </message>
        <message>
            <source>The quick brown fox jumps over the lazy dog.</source>
            <translation>敏捷的棕色狐狸跳過了懶狗。</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>預覽</translation>
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
            <source>A new language applies after a restart of Sluice.</source>
            <translation>變更語言後，重新啟動 Sluice 才會生效。</translation>
        </message>
        <message>
            <source>Open the data folder</source>
            <translation>開啟資料夾</translation>
        </message>
        <message>
            <source>Export all conversations…</source>
            <translation>匯出全部對話…</translation>
        </message>
        <message>
            <source>The first profile</source>
            <translation>第一個設定檔</translation>
        </message>
        <message>
            <source>Conversations are kept in {}</source>
            <translation>對話儲存在 {}</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>鍵盤快速鍵</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>The request (keys left out) and the bytes received with their times, up to 2 MB a reply.</source>
            <translation>請求（不含金鑰）以及收到的位元組和時間，每則回覆最多 2 MB。</translation>
        </message>
        <message>
            <source>Send photos as they are, location data included</source>
            <translation>照原樣傳送照片（包含位置資訊）</translation>
        </message>
        <message>
            <source>Off: a photo that carries its location (EXIF GPS) is sent without its metadata.</source>
            <translation>關閉時：帶有位置資訊（EXIF GPS）的照片會移除中繼資料後再傳送。</translation>
        </message>
        <message>
            <source>Keep a record of each reply's exchange (Inspect)</source>
            <translation>保存每則回覆的收發記錄（檢查）</translation>
        </message>
    </context>
    <context>
        <name>attachments</name>
        <message>
            <source>{name}: the image is {width}×{height} pixels; that is too many to send.</source>
            <translation>{name}：圖片為 {width}×{height} 像素，像素過多，無法傳送。</translation>
        </message>
        <message>
            <source>{name}: the image is {size} MB; the limit is {limit} MB.</source>
            <translation>{name}：圖片有 {size} MB；上限是 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: the image cannot be read ({reason}).</source>
            <translation>{name}：無法讀取圖片（{reason}）。</translation>
        </message>
        <message>
            <source>{name}: the PDF cannot be read ({reason}).</source>
            <translation>{name}：無法讀取 PDF（{reason}）。</translation>
        </message>
        <message>
            <source>{name}: its text is over {limit} MB.</source>
            <translation>{name}：其中的文字超過 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: it is {size} MB; the limit is {pdf} MB for a PDF, {image} MB for an image, {text} MB for text.</source>
            <translation>{name}：檔案大小為 {size} MB；上限是 PDF {pdf} MB、圖片 {image} MB、文字 {text} MB。</translation>
        </message>
        <message>
            <source>{name}: it is {size} MB of text; the limit is {limit} MB.</source>
            <translation>{name}：文字有 {size} MB；上限是 {limit} MB。</translation>
        </message>
        <message>
            <source>{name}: it is not an image (PNG, JPEG, WebP, GIF), a text file or a PDF.</source>
            <translation>{name}：不是圖片（PNG、JPEG、WebP、GIF）、文字檔或 PDF。</translation>
        </message>
        <message>
            <source>{name}: it has {pages} pages; the limit is {limit}.</source>
            <translation>{name}：共 {pages} 頁；上限是 {limit} 頁。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer and {pages} pages; at most {limit} go as images.</source>
            <translation>{name}：沒有文字層且共 {pages} 頁；最多只能以圖片形式傳送 {limit} 頁。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer (a scan?); this model takes no images, so its pages cannot be sent as pictures either.</source>
            <translation>{name}：沒有文字層（掃描檔？）；此模型不接受圖片，因此也無法以圖片形式傳送各頁。</translation>
        </message>
        <message>
            <source>{name}: it has no text layer (a scan?); pick a model that takes images to send its pages as pictures.</source>
            <translation>{name}：沒有文字層（掃描檔？）；請選擇接受圖片的模型，以圖片形式傳送各頁。</translation>
        </message>
        <message>
            <source>{name}: it cannot be read ({reason}).</source>
            <translation>{name}：無法讀取（{reason}）。</translation>
        </message>
    </context>
    <context>
        <name>CompareController</name>
        <message>
            <source>First choose the reply to go on from (Continue with this one), or leave Compare.</source>
            <translation>請先選出要接著往下聊的回覆（「就用這個繼續」），或離開比較。</translation>
        </message>
        <message>
            <source>Add at least two lanes to compare.</source>
            <translation>請至少新增兩個通道再比較。</translation>
        </message>
        <message>
            <source>Choose a model for {} first.</source>
            <translation>請先為 {} 選擇一個模型。</translation>
        </message>
        <message>
            <source>Compare can start once the reply ends.</source>
            <translation>等這則回覆結束後才能開始比較。</translation>
        </message>
        <message>
            <source>Compare sends text only: remove the attachments, or leave Compare to send them.</source>
            <translation>比較只傳送文字：請移除附件，或離開比較後再傳送附件。</translation>
        </message>
        <message>
            <source>Continuing with {}. The other replies are its other versions.</source>
            <translation>繼續使用 {}。其他回覆保留為它的其他版本。</translation>
        </message>
        <message>
            <source>Not saved.</source>
            <translation>未儲存。</translation>
        </message>
        <message>
            <source>Stopped every lane. What arrived is kept.</source>
            <translation>已停止所有通道，已收到的內容已保留。</translation>
        </message>
        <message>
            <source>The reply failed unexpectedly.</source>
            <translation>回覆意外失敗。</translation>
        </message>
        <message>
            <source>Waiting for the first token…</source>
            <translation>等待第一個 token…</translation>
        </message>
        <message>
            <source>thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message>
            <source>{} is already a lane.</source>
            <translation>{} 已經是一個通道。</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Add 2 to 4 lanes: a profile and a model each.</source>
            <translation>新增 2 到 4 個通道：每個通道是一個設定檔和一個模型。</translation>
        </message>
        <message>
            <source>Add a lane</source>
            <translation>新增通道</translation>
        </message>
        <message>
            <source>Compare side by side</source>
            <translation>並排比較</translation>
        </message>
        <message>
            <source>Leave Compare</source>
            <translation>離開比較</translation>
        </message>
        <message>
            <source>One message goes to every lane at once.</source>
            <translation>一則訊息會同時傳送到每個通道。</translation>
        </message>
    </context>
    <context>
        <name>LaneColumn</name>
        <message>
            <source>Continue with this one</source>
            <translation>就用這個繼續</translation>
        </message>
        <message>
            <source>Remove this lane</source>
            <translation>移除這個通道</translation>
        </message>
        <message>
            <source>Waiting for your message</source>
            <translation>等待你的訊息</translation>
        </message>
    </context>
    <context>
        <name>LanePicker</name>
        <message>
            <source>Search profiles and models, or type PROFILE:MODEL</source>
            <translation>搜尋設定檔和模型，或輸入 設定檔:模型</translation>
        </message>
        <message>
            <source>Add the lane {}</source>
            <translation>新增通道 {}</translation>
        </message>
        <message>
            <source>Type PROFILE:MODEL</source>
            <translation>輸入 設定檔:模型</translation>
        </message>
    </context>
    <context>
        <name>FallbacksList</name>
        <message>
            <source>{} — no profile has this name: skipped until you remove or replace it</source>
            <translation>{} — 沒有這個名稱的設定檔：在你移除或替換它之前會被略過</translation>
        </message>
        <message>
            <source>{} · its default model</source>
            <translation>{} · 其預設模型</translation>
        </message>
        <message>
            <source>{} is in the list already.</source>
            <translation>{} 已在清單中。</translation>
        </message>
        <message>
            <source>{profile} · {model}</source>
            <translation>{profile} · {model}</translation>
        </message>
        <message>
            <source>Tried in order when this profile fails before any text arrives (connection, timeout, server error, rate limit, quota). Never after text arrived, nor on errors that are yours to fix (key, request, model).</source>
            <translation>當此設定檔在收到任何文字之前失敗（連線、逾時、伺服器錯誤、速率限制、額度）時，依序嘗試。已收到文字後不會切換；需要你自行修正的錯誤（金鑰、請求、模型）也不會切換。</translation>
        </message>
        <message>
            <source>The profile {} was deleted or renamed outside Sluice.</source>
            <translation>設定檔 {} 已被刪除，或在 Sluice 之外被重新命名。</translation>
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
            <translation>其預設模型</translation>
        </message>
        <message>
            <source>Fallbacks</source>
            <translation>備援設定檔</translation>
        </message>
        <message>
            <source>At most {} fallbacks.</source>
            <translation>最多 {} 個備援。</translation>
        </message>
        <message>
            <source>Add fallback</source>
            <translation>新增備援</translation>
        </message>
        <message>
            <source>A profile cannot fall back to itself.</source>
            <translation>設定檔不能把自己設為備援。</translation>
        </message>
    </context>
    <context>
        <name>ProfileEditor</name>
        <message>
            <source>The fallbacks of {profiles} still name it: they show it as missing and skip it until you change them.</source>
            <translation>{profiles} 的備援仍指向它：在你修改之前，它會顯示為缺失並被略過。</translation>
        </message>
        <message>
            <source>The fallbacks of {profiles} now name {name}.</source>
            <translation>{profiles} 的備援現在指向 {name}。</translation>
        </message>
    </context>
    <context>
        <name>StreamChart</name>
        <message>
            <source>Text pieces (content and reasoning deltas; not tokens)</source>
            <translation>文字片段（正文與推理的增量，並非 token）</translation>
        </message>
        <message>
            <source>Text pieces (content and reasoning deltas); the gateway counted {} completion tokens</source>
            <translation>文字片段（正文與推理的增量）；閘道統計了 {} 個輸出 token</translation>
        </message>
        <message>
            <source>Bytes received</source>
            <translation>已接收位元組</translation>
        </message>
    </context>
    <context>
        <name>failover</name>
        <message>
            <source>{message} (Fallback not tried: no profile is called {names}; fix it in the profile editor.)</source>
            <translation>{message}（未嘗試備援：沒有名為 {names} 的設定檔；請在設定檔編輯器中修正。）</translation>
        </message>
    </context>
    <context>
        <name>profiles</name>
        <message>
            <source>profile {name!r}: the fallback {fallback!r} is this profile; a profile cannot fall back to itself</source>
            <translation>設定檔 {name!r}：備援 {fallback!r} 就是此設定檔本身；設定檔不能把自己設為備援</translation>
        </message>
        <message>
            <source>profile {name!r}: the fallback {fallback!r} is listed twice; keep one of them</source>
            <translation>設定檔 {name!r}：備援 {fallback!r} 列出了兩次；請只保留一個</translation>
        </message>
    </context>
    <context>
        <name>MessageDeletes</name>
        <message>
            <source>Delete</source>
            <translation>刪除</translation>
        </message>
        <message>
            <source>Delete message</source>
            <translation>刪除訊息</translation>
        </message>
        <message>
            <source>Delete this message and the message below it? You can undo this for a few seconds.</source>
            <translation>要刪除這則訊息及其下方的一則訊息嗎？幾秒內可以復原。</translation>
        </message>
        <message>
            <source>Delete this message and the {} messages below it (its replies, what followed them, and every version under it)? You can undo this for a few seconds.</source>
            <translation>要刪除這則訊息及其下方的 {} 則訊息（它的回覆、之後的對話，以及其下的所有版本）嗎？幾秒內可以復原。</translation>
        </message>
        <message>
            <source>Message deleted.</source>
            <translation>訊息已刪除。</translation>
        </message>
        <message>
            <source>{} messages deleted.</source>
            <translation>已刪除 {} 則訊息。</translation>
        </message>
        <message>
            <source>That message is already gone.</source>
            <translation>這則訊息已經不存在了。</translation>
        </message>
        <message>
            <source>The deleted message could not be brought back: what it followed is gone.</source>
            <translation>無法還原已刪除的訊息：它所接續的訊息已不存在。</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <source>Undo</source>
            <translation>復原</translation>
        </message>
        <message>
            <source>Undo (Ctrl+Z)</source>
            <translation>復原（Ctrl+Z）</translation>
        </message>
    </context>
<context>
    <name>CompareView</name>
    <message>
        <source>Your message: {}</source>
        <translation>你的訊息：{}</translation>
    </message>
</context>
</TS>
