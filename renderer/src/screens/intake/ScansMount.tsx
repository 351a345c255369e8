// Mount points for engineer A2's scan components (renderer/src/screens/intake/scans/).
// Until they land these render nothing, so the checklist works without scans.
export function SlotScans(_props: { applicationId: string; slot: string; readOnly: boolean; onChanged?: () => void }) {
  return null;
}

export function Tray(_props: { applicationId: string; slots: string[]; onChanged?: () => void }) {
  return null;
}
