/** Refusals added by the hardening work (issue 12): unsafe files, downloads that leave the encrypted store. */
export const hardeningZhHant = {
  'hardening.scan.tooManyPixels': '圖像太大（{megapixels} 百萬像素），上限為 {limit} 百萬像素（A4 以 600 dpi 掃描約為 35）。請以較低解像度重新掃描。',
  'hardening.scan.tooComplex': '檔案的頁數或組成部分太多，無法安全檢查（上限 {maxPages} 頁），未有附加。請分開掃描或另存為 PDF。',
  'hardening.scan.checkTimedOut': '檢查檔案所需時間太長，未有附加。請重新掃描或另存為 PDF。',
  'hardening.scanner.notPlainFile': '掃描器資料夾中的此項目是連結或特殊檔案，並非掃描檔，系統不會讀取。請從資料夾移除。',
  'hardening.download.title': '將檔案儲存到加密資料庫以外',
  'hardening.download.message': '「{fileName}」將以未加密形式儲存在你選擇的位置。',
  'hardening.download.detail': '檔案一旦離開本程式的加密資料庫，便不受保留期限自動刪除，任何能開啟該位置的人都可讀取。只在有需要時儲存，用完請即刪除。',
  'hardening.download.choose': '選擇儲存位置…',
  'hardening.download.cancel': '取消',
  'history.action.purge_form': '伺服器已確認保存且保存期限已過，本機的個人資料已刪除',
  'hardening.report.auditHead': '稽核鏈頂端：第 {seq} 筆 {hash}',
  'hardening.report.auditSigned': '本工作站簽署：{signature}',
  'hardening.report.auditUnsigned': '本工作站尚未登記，稽核鏈頂端未經簽署',
  'hardening.enrolment.serverKeyMismatch':
    '此伺服器的簽署金鑰（{presented}…）與本機設定檔指定的中央伺服器金鑰（{expected}…）不符，工作站未有登記，亦未保存任何資料。請檢查地址，並通知系統管理員。',
  'hardening.enrolment.tlsKeyMismatch': '此地址的伺服器出示的 TLS 金鑰與本機設定檔指定的不符。未有傳送任何資料，工作站未有登記。請檢查地址，並通知系統管理員。',
  'hardening.enrolment.needsHttps': '本機設定檔已指定中央伺服器的 TLS 金鑰：請輸入以 https:// 開頭的地址。',
  'hardening.sync.serverKeyMismatch':
    '此工作站登記時所用的伺服器（金鑰 {presented}…）不是本機設定檔指定的中央伺服器（{expected}…），因此不會傳送任何資料；資料仍保存在本機。請通知系統管理員重新登記此工作站。',
  'hardening.sync.tlsKeyMismatch':
    '此工作站登記時所用伺服器的 TLS 金鑰與本機設定檔指定的不符，因此不會傳送任何資料；資料仍保存在本機。請通知系統管理員重新登記此工作站。',
  'hardening.enrolment.machineConfigUntrusted': '本機設定檔不被採用（格式錯誤，或本程式的使用者可以修改它），因此不能登記。請系統管理員修正該檔案。',
} as const;
