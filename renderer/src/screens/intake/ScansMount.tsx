import { useMemo } from 'react';
import { useT } from '../../i18n/locale-store';
import { useIntakeStore } from '../../state/intake-store';
import { slotLabel } from '../approval/slot-label';
import { ScannerTray } from './scans/ScannerTray';
import { ScansPanel } from './scans/ScansPanel';

// Where the checklist and the intake screen mount the scan components
// (renderer/src/screens/intake/scans/). Slots are named as the receipt and the supervisor's
// review name them, with the person's name, so "assign to" reads like the paper in hand.

export function SlotScans({ applicationId, slot, readOnly, onChanged }: { applicationId: string; slot: string; readOnly: boolean; onChanged?: () => void }) {
  const t = useT();
  const app = useIntakeStore((s) => s.app);
  const label = app ? slotLabel(t, slot, app) : slot;
  return <ScansPanel applicationId={applicationId} slot={slot} label={label} readOnly={readOnly} {...(onChanged ? { onChanged } : {})} />;
}

export function Tray({ applicationId, slots, onChanged }: { applicationId: string; slots: string[]; onChanged?: () => void }) {
  const t = useT();
  const app = useIntakeStore((s) => s.app);
  const options = useMemo(() => slots.map((slot) => ({ slot, label: app ? slotLabel(t, slot, app) : slot })), [slots, app, t]);
  return <ScannerTray applicationId={applicationId} slots={options} {...(onChanged ? { onChanged } : {})} />;
}
