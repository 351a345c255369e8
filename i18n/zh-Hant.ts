// Traditional Chinese: the default language and the source of the key set.
// Sections: app (frame and screens), rules (FAQ rules engine), receipt (printed receipt).
// Each section is owned by one area of the code; add keys to your own section.
export const zhHant = {
  // --- app ---
  'app.title': '一戶通實體帳戶櫃台',
  'app.language': '語言',
  'app.skipToContent': '跳到主要內容',
  // --- rules ---
  // --- receipt ---
} as const;
