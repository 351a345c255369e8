import { useId } from 'react';
import { useT } from '../../i18n/locale-store';
import type { WorkstationSettingsValue } from './workstation-api';

type Item = NonNullable<WorkstationSettingsValue['fromServer']>[number];
type Key = Parameters<ReturnType<typeof useT>>[0];

const LABELS: Record<string, Key> = {
  'retention.scanDays': 'sync.serverSettings.key.retention.scanDays',
  'auth.maxFailures': 'sync.serverSettings.key.auth.maxFailures',
  'auth.lockoutMinutes': 'sync.serverSettings.key.auth.lockoutMinutes',
  'auth.idleMinutes': 'sync.serverSettings.key.auth.idleMinutes',
  'auth.elevationMinutes': 'sync.serverSettings.key.auth.elevationMinutes',
  'receipts.paperSize': 'sync.serverSettings.key.receipts.paperSize',
  'receipts.english': 'sync.serverSettings.key.receipts.english',
  'sync.sessionRequired': 'sync.serverSettings.key.sync.sessionRequired',
};
const PAPER: Record<string, Key> = { a4: 'receipts.settings.paper.a4', roll80: 'receipts.settings.paper.roll80' };

/** Settings the central server published through pull (issue 14): read-only here, in the clerk's words. */
export function ServerSettingsList({ items }: { items: readonly Item[] }) {
  const t = useT();
  const id = useId();
  const known = items.filter((i) => LABELS[i.key]);
  if (known.length === 0) return null;
  const say = (i: Item): string => {
    if (typeof i.value === 'boolean') return t(i.value ? 'sync.serverSettings.on' : 'sync.serverSettings.off');
    if (i.key === 'receipts.paperSize' && typeof i.value === 'string' && PAPER[i.value]) return t(PAPER[i.value]!);
    return String(i.value);
  };
  return (
    <section className="server-settings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('sync.serverSettings.title')}</h3>
      <p>{t('sync.serverSettings.intro')}</p>
      <dl>
        {known.map((i) => (
          <div key={i.key}>
            <dt>{t(LABELS[i.key]!)}</dt>
            <dd>{say(i)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
