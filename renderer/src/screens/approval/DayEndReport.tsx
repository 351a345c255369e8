import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { DayEndReportSchema } from '../../../../api/contracts/approval-contract';
import type { MessageKey } from '../../../../i18n';
import { ErrorNotice } from '../../app/ErrorNotice';
import { DateField } from '../../components/DateField';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { useSessionStore } from '../../state/session-store';
import { macauDay } from '../../../../domain/macau-day';
import { now } from '../../clock';

type Report = z.output<typeof DayEndReportSchema>;
type Counts = Report['totals'];
const COLUMNS: (keyof Counts)[] = [
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

/** Today in Macau (UTC+8), whatever the PC's own time zone. */
const macauToday = () => macauDay(now());

function download(fileName: string, mime: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Day-end reconciliation: figures per workstation and service point, failing equations highlighted. */
export function DayEndReport() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [day, setDay] = useState(macauToday());
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // The paper forms counted by hand at this workstation: the one figure the system cannot
  // know, and the one that catches a form taken in but never recorded.
  const [paper, setPaper] = useState('');
  const station = useSessionStore((s) => (s.status ? `${s.status.workstationId}/${s.status.servicePoint}` : null));
  const paperCounts = () => (station && /^\d+$/.test(paper.trim()) ? { paperCounts: { [station]: Number(paper.trim()) } } : {});

  const show = async (e?: FormEvent) => {
    e?.preventDefault();
    const r = await sessionApi['approval.dayEnd']({ day, ...paperCounts() });
    if (r.ok) {
      setReport(r.value);
      setError(null);
    } else setError(r.error);
  };
  const exportAs = async (format: 'csv' | 'pdf') => {
    const r = await sessionApi['approval.dayEndExport']({ day, format, locale, ...paperCounts() });
    if (r.ok) download(r.value.fileName, r.value.mime, r.value.base64);
    else setError(r.error);
  };
  const diffText = (d: Report['totalDifferences'][number]) =>
    t('approval.report.difference', {
      check: t(`approval.report.check.${d.check}`),
      left: d.left,
      right: d.right,
      difference: d.difference > 0 ? `+${d.difference}` : d.difference,
    });

  return (
    <section className="day-end" aria-labelledby="day-end-title">
      <h1 id="day-end-title" tabIndex={-1}>
        {t('approval.report.title')}
      </h1>
      <form onSubmit={show} className="actions">
        <DateField label={t('approval.report.day', { day: '' })} value={day} required onChange={setDay} />
        <label>
          {t('approval.report.paperCount')}
          <input type="number" inputMode="numeric" min={0} max={100000} step={1} value={paper} onChange={(e) => setPaper(e.target.value)} />
        </label>
        <button type="submit">{t('approval.report.title')}</button>
        {report ? (
          <>
            <button type="button" onClick={() => void exportAs('pdf')}>
              PDF
            </button>
            <button type="button" onClick={() => void exportAs('csv')}>
              CSV
            </button>
          </>
        ) : null}
      </form>
      <ErrorNotice error={error} />
      {report ? (
        <>
          <table className="worklist">
            <thead>
              <tr>
                <th scope="col">{t('approval.report.servicePoint')}</th>
                <th scope="col">{t('approval.report.workstation')}</th>
                {COLUMNS.map((c) => (
                  <th scope="col" key={c}>
                    {t(`approval.report.${c}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={`${g.workstationId}/${g.servicePoint}`} className={g.differences.length ? 'row-difference' : undefined}>
                  <td>{g.servicePoint}</td>
                  <td>{g.workstationId}</td>
                  {COLUMNS.map((c) => (
                    <td key={c}>{g.counts[c]}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={2}>
                  {t('approval.report.total')}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c}>{report.totals[c]}</td>
                ))}
              </tr>
            </tbody>
          </table>
          {report.balanced ? (
            <p role="status">{t('approval.report.balanced')}</p>
          ) : (
            <div role="status">
              <ul className="differences">
                {report.groups.flatMap((g) =>
                  g.differences.map((d) => (
                    <li key={`${g.workstationId}/${g.servicePoint}/${d.check}`}>
                      <strong>!</strong> {g.servicePoint} {g.workstationId}: {diffText(d)}
                    </li>
                  )),
                )}
              </ul>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
