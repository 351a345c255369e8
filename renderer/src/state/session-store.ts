import { create } from 'zustand';
import type { z } from 'zod';
import type { ApiErrorBody, ApiResult } from '../../../api/result';
import type { AuthStatusSchema } from '../../../api/contracts/auth-contract';
import { useIntakeStore } from './intake-store';
import { sessionApi } from './session-api';

export type AuthStatus = z.output<typeof AuthStatusSchema>;

interface SessionStore {
  status: AuthStatus | null;
  error: ApiErrorBody | null;
  busy: boolean;
  refresh(): Promise<void>;
  setup(input: { staffNumber: string; displayName: string; password: string; setupCode: string }): Promise<boolean>;
  signIn(staffNumber: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** 'idle' from the idle timer, else the user locked the screen themselves (both audited). */
  lock(reason?: 'idle' | 'manual'): Promise<void>;
  unlock(password: string): Promise<boolean>;
  changePassword(current: string, next: string): Promise<boolean>;
  elevate(staffNumber: string, password: string, mode: 'one_decision' | 'window'): Promise<boolean>;
  endElevation(): Promise<void>;
  /** An API error that means "locked" or "signed out": reflect it at once. */
  noticeAuthError(error: ApiErrorBody): void;
  clearError(): void;
}

export const useSessionStore = create<SessionStore>((set, get) => {
  /** Runs a call that changes the session, then re-reads the status from the core (the truth). */
  async function run<T>(call: () => Promise<ApiResult<T>>): Promise<boolean> {
    set({ busy: true, error: null });
    const r = await call();
    set({ busy: false, error: r.ok ? null : r.error });
    await get().refresh();
    return r.ok;
  }
  return {
    status: null,
    error: null,
    busy: false,
    async refresh() {
      const r = await sessionApi['auth.status']({});
      if (!r.ok) return set({ error: r.error });
      // Sessions are never shared (issue 7): once the user is someone else, or nobody, the form
      // the previous user had open is dropped from memory. A lock keeps the user, so it stays.
      if (r.value.user?.userId !== get().status?.user?.userId) useIntakeStore.getState().reset();
      set({ status: r.value });
    },
    setup: (input) => run(() => sessionApi['auth.setup'](input)),
    signIn: (staffNumber, password) => run(() => sessionApi['auth.signIn']({ staffNumber, password })),
    async signOut() {
      // The last keystrokes are still waiting for the autosave: save them under this user first.
      await useIntakeStore.getState().flush();
      await run(() => sessionApi['auth.signOut']({}));
    },
    async lock(reason = 'manual') {
      await run(() => sessionApi['auth.lock']({ reason }));
    },
    unlock: (password) => run(() => sessionApi['auth.unlock']({ password })),
    changePassword: (current, next) => run(() => sessionApi['auth.changePassword']({ current, next })),
    elevate: (staffNumber, password, mode) => run(() => sessionApi['auth.elevate']({ staffNumber, password, mode })),
    async endElevation() {
      await run(() => sessionApi['auth.endElevation']({}));
    },
    noticeAuthError(error) {
      if (error.code === 'unauthorised') void get().refresh();
    },
    clearError: () => set({ error: null }),
  };
});

/** Which user's work the screens may show: lists must be filtered by this actor. */
export const useSignedInUser = () => useSessionStore((s) => s.status?.user ?? null);
/**
 * What the person at the keyboard may work in: the signed-in user's roles plus those of a
 * supervisor signed in on top (elevation), so the approval area opens at a clerk's
 * workstation only while the supervisor is there. The core checks every call anyway.
 */
export function effectiveRoles(s: AuthStatus | null): string[] {
  return [...new Set([...(s?.user?.roles ?? []), ...(s?.elevation?.user.roles ?? [])])];
}
export function useEffectiveRoles(): string[] {
  // Selected as a string: a fresh array each time would re-render on every store change.
  const joined = useSessionStore((s) => effectiveRoles(s.status).join(' '));
  return joined === '' ? [] : joined.split(' ');
}
export const isSupervisor = (s: AuthStatus | null) => Boolean(s?.elevation?.user.roles.includes('supervisor') || s?.user?.roles.includes('supervisor'));
