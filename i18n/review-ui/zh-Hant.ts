// The supervisor's queue and review screen: column headings and keyboard (issue 13, item 12).
export const reviewUiZhHant = {
  'approval.queue.col.waiting': '已等候',
  'approval.queue.col.application': '申請',
  'approval.queue.col.kind': '申請類別',
  'approval.queue.col.submittedBy': '遞交人',
  'approval.review.backShortcut': '返回待審批清單（Esc 或 Alt+2）',
  'approval.review.next': '下一宗申請',
  'approval.review.noNext': '沒有其他待審批的申請。',
} as const;
