import { useMemo } from 'react';
import { ApplicationSchema, type Application } from '../../../../domain/model/application';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { applicationChanges } from './application-changes';
import { formatMacauDateTime } from './format-time';

/**
 * After a return for correction, what the clerk changed since the last submission (issue 13
 * item 11): one row per field, the value as returned and the value now.
 */
export function ChangesSinceReturn({ app, previous }: { app: Application; previous: { returnedAt: string; data: Record<string, unknown> } }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const before = useMemo(() => ApplicationSchema.safeParse(previous.data), [previous]);
  const changes = useMemo(() => (before.success ? applicationChanges(t, before.data, app, locale) : null), [before, app, t, locale]);
  if (!changes) return null;
  const shown = (v: string) => (v === '' ? <span className="hint">{t('approval.changes.empty')}</span> : v);
  return (
    <section className="review-changes" aria-labelledby="review-changes-title">
      <h2 id="review-changes-title">{t('approval.changes.title')}</h2>
      {changes.length === 0 ? (
        <p>{t('approval.changes.none')}</p>
      ) : (
        <table>
          <caption>{t('approval.changes.returnedAt', { at: formatMacauDateTime(locale, previous.returnedAt) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('approval.changes.field')}</th>
              <th scope="col">{t('approval.changes.before')}</th>
              <th scope="col">{t('approval.changes.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.key} data-field={c.key}>
                <th scope="row">{c.label}</th>
                <td className="changed-before">{shown(c.before)}</td>
                <td className="changed-after">{shown(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
