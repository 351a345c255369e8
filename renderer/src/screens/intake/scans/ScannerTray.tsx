import { useEffect, useState } from 'react';
import type { ApiErrorBody } from '../../../../../api/result';
import { isMessageKey } from '../../../../../i18n';
import { ErrorNotice } from '../../../app/ErrorNotice';
import { useT } from '../../../i18n/locale-store';
import { scansClient, type TrayItem, type TrayView } from './scans-api';
import { useScansStore } from './scans-store';
import './scans.css';

/** New files show up within this; short enough that the clerk sees the scan while at the scanner. */
export const TRAY_POLL_MS = 2_000;

export interface SlotOption {
  slot: string;
  label: string;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function TrayRow({ item, slots, busy, onAssign }: { item: TrayItem; slots: SlotOption[]; busy: boolean; onAssign: (item: TrayItem, slot: string) => void }) {
  const t = useT();
  const [slot, setSlot] = useState('');
  const problem = item.problem && isMessageKey(item.problem) ? t(item.problem, item.problemParams) : null;
  return (
    <li className="tray-item" data-tray-item={item.id}>
      <span className="tray-item-name">{item.fileName}</span>
      <span className="tray-item-meta">{sizeText(item.size)}</span>
      {problem ? (
        <span className="tray-item-problem">{problem}</span>
      ) : (
        <>
          {/* Named by aria-label, not a hidden <label>: the file name stays the row's only text of it. */}
          <select aria-label={t('scans.tray.assignTo', { name: item.fileName })} value={slot} onChange={(e) => setSlot(e.target.value)}>
            <option value="">{t('scans.tray.chooseSlot')}</option>
            {slots.map((s) => (
              <option key={s.slot} value={s.slot}>
                {s.label}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy || slot === ''} aria-label={`${t('scans.tray.assign')} ${item.fileName}`} onClick={() => onAssign(item, slot)}>
            {t('scans.tray.assign')}
          </button>
        </>
      )}
    </li>
  );
}

/**
 * The counter scanner's watched folder (issue 5, item 4): files that arrived and are not yet
 * assigned, each with "assign to" a checklist slot. Polls while the form is open.
 */
export function ScannerTray({ applicationId, slots, onChanged }: { applicationId: string; slots: SlotOption[]; onChanged?: () => void }) {
  const t = useT();
  const [tray, setTray] = useState<TrayView | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // Kept apart from an assignment's refusal: the next good poll clears only this.
  const [pollError, setPollError] = useState<ApiErrorBody | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // Assigned files disappear at once, before the next poll confirms they left the folder.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const put = useScansStore((s) => s.put);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const r = await scansClient['scanner.tray']({});
      if (stopped) return;
      setPollError(r.ok ? null : r.error);
      if (r.ok) {
        setTray((old) => (old && JSON.stringify(old) === JSON.stringify(r.value) ? old : r.value));
        setGone((g) => (g.size === 0 ? g : new Set([...g].filter((id) => r.value.items.some((i) => i.id === id)))));
      }
      // Not configured does not change while the app runs: no need to keep asking.
      if (r.ok && !r.value.configured) return;
      timer = setTimeout(() => void poll(), TRAY_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  const assign = async (item: TrayItem, slot: string) => {
    setBusy(true);
    setStatus('');
    try {
      const r = await scansClient['scanner.assign']({ itemId: item.id, applicationId, slot });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      put(r.value);
      setGone((g) => new Set([...g, item.id]));
      // Without the file name: the tray shows only what is still waiting in the folder.
      setStatus(t('scans.tray.assigned', { slot: slots.find((s) => s.slot === slot)?.label ?? slot }));
      onChanged?.();
    } finally {
      setBusy(false);
    }
  };

  const items = tray?.items.filter((i) => !gone.has(i.id)) ?? [];
  return (
    <section className="scanner-tray" aria-labelledby="scanner-tray-title">
      <h2 id="scanner-tray-title">{t('scans.tray.title')}</h2>
      {tray && !tray.configured ? <p>{t('scans.tray.notConfigured')}</p> : null}
      {tray?.configured && items.length === 0 ? <p>{t('scans.tray.empty')}</p> : null}
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <TrayRow key={item.id} item={item} slots={slots} busy={busy} onAssign={(i, s) => void assign(i, s)} />
          ))}
        </ul>
      ) : null}
      <p className="scans-status" role="status">
        {status}
      </p>
      <ErrorNotice error={error ?? pollError} />
    </section>
  );
}
