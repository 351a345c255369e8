// Date fields (issue 13 item 15).
export const datesZhHant = {
  'date.invalid': '請按「日/月/年」輸入有效日期，例如 28/11/2026。',
  'date.hint': '格式：日/月/年；上下方向鍵可加減一日。',
} as const;
