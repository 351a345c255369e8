import type { Application } from '../../../../domain/model/application';
import { useIntakeStore } from '../../state/intake-store';

/** The open application's working copy and its editor; sections render only once loaded. */
export function useIntakeApp(): { app: Application; update: (change: (draft: Application) => void) => void; readOnly: boolean } {
  const app = useIntakeStore((s) => s.app);
  const update = useIntakeStore((s) => s.update);
  const readOnly = useIntakeStore((s) => s.record?.readOnly ?? true);
  if (!app) throw new Error('useIntakeApp outside an open application');
  return { app, update, readOnly };
}

/** Empty text is stored as absent, so a cleared field reads the same as one never filled. */
export const orUndefined = (v: string): string | undefined => (v === '' ? undefined : v);
