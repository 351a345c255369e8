// FAQ 8 as a clerk needs it (issue 13, items 7 and 9): a same-name match to compare and record,
// another clerk's open draft for the same entity, and what the supervisor sees of both.
export const duplicatesZhHant = {
  'intake.sameName.title': '名稱相同，須比對（常見問題第 8 題：每個實體只可有一個帳戶）',
  'intake.sameName.reason': '為何並非同一實體（例如登記編號、地址或負責人不同）',
  'intake.sameName.record': '記錄為另一實體',
  'intake.sameName.reasonRequired': '請先填寫為何並非同一實體。',
  'intake.sameName.entity': '實體 {entityNumber}（{names}）',
  'intake.sameName.application': '申請 {applicationNumber}（{names}）',
  'intake.otherDraft.title': '同事亦正為同一實體填寫申請（此提示不影響遞交）',
  'history.action.distinct_entity': '記錄為另一實體（常見問題第 8 題）',
  'approval.data.distinct.title': '名稱相同，已記錄為另一實體（常見問題第 8 題）',
  'approval.data.distinct.item': '{subject}：{reason}（{by}，{at}）',
} as const;
