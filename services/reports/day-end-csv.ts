import { translate, type Locale, type MessageKey } from '../../i18n';
import type { DayEndApplication } from './day-end-data';
import type { ReconciliationCounts, ReconciliationDifference, ReconciliationReport } from '../../domain/reconciliation';

export const COUNT_COLUMNS: readonly (keyof ReconciliationCounts)[] = [
  'received',
  'recorded',
  'drafts',
  'submitted',
  'approved',
  'rejected',
  'returned',
  'pending',
  'synced',
  'notSynced',
  'reprints',
];

export const columnLabel = (locale: Locale, c: keyof ReconciliationCounts) => translate(locale, `approval.report.${c}` as MessageKey);

export function describeDifference(locale: Locale, d: ReconciliationDifference): string {
  return translate(locale, 'approval.report.difference', {
    check: translate(locale, `approval.report.check.${d.check}`),
    left: d.left,
    right: d.right,
    difference: d.difference > 0 ? `+${d.difference}` : d.difference,
  });
}

// A cell starting with = + - @ would be run as a formula by a spreadsheet (CSV injection).
function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, so Excel on the counter PCs opens the Chinese headings correctly. */
export function renderDayEndCsv(
  report: ReconciliationReport,
  locale: Locale,
  applications?: readonly DayEndApplication[],
  auditLines: readonly string[] = [],
): string {
  const header = [
    translate(locale, 'approval.report.servicePoint'),
    translate(locale, 'approval.report.workstation'),
    ...COUNT_COLUMNS.map((c) => columnLabel(locale, c)),
    '',
  ];
  const lines: (string | number)[][] = [header];
  for (const g of report.groups) {
    lines.push([g.servicePoint, g.workstationId, ...COUNT_COLUMNS.map((c) => g.counts[c]), g.differences.map((d) => describeDifference(locale, d)).join('; ')]);
  }
  lines.push([
    translate(locale, 'approval.report.total'),
    '',
    ...COUNT_COLUMNS.map((c) => report.totals[c]),
    report.totalDifferences.map((d) => describeDifference(locale, d)).join('; '),
  ]);
  if (applications) {
    // The day's applications under the figures, after an empty line, as in the PDF.
    lines.push([], [translate(locale, 'dayEnd.apps.title', { count: applications.length })]);
    lines.push(
      (['number', 'kind', 'entity', 'status', 'takenInBy', 'decidedBy'] as const).map((k) => translate(locale, `dayEnd.apps.${k}`)),
      ...applications.map((a) => [
        a.applicationNumber ?? '',
        translate(locale, `kind.${a.kind}`),
        a.entityName,
        translate(locale, `status.app.${a.status}`),
        a.takenInBy,
        a.decidedBy ?? '',
      ]),
    );
  }
  // The audit chain's head at generation, signed (issue 12 item 12), after an empty line.
  if (auditLines.length > 0) lines.push([], ...auditLines.map((l) => [l]));
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
