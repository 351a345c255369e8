import { create } from 'zustand';
import type { Output } from '../../../api/contract';
import type { ApiErrorBody, ApiResult } from '../../../api/result';
import { api } from '../api/transport';

type AppInfo = Output<'app.info'>;
type Summary = Output<'applications.list'>[number];

export type Route =
  | { screen: 'worklist' }
  | { screen: 'intakeStart' }
  | { screen: 'intake'; id: string }
  | { screen: 'approval' }
  | { screen: 'dayEnd' }
  | { screen: 'users' }
  | { screen: 'password' }
  | { screen: 'verifyReceipt' };

interface AppState {
  info: AppInfo | null;
  infoError: ApiErrorBody | null;
  route: Route;
  applications: Summary[];
  listError: ApiErrorBody | null;
  loadInfo(): Promise<void>;
  loadApplications(): Promise<void>;
  navigate(route: Route): void;
}

export function unwrap<T>(r: ApiResult<T>): { value?: T; error?: ApiErrorBody } {
  return r.ok ? { value: r.value } : { error: r.error };
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  infoError: null,
  route: { screen: 'worklist' },
  applications: [],
  listError: null,
  async loadInfo() {
    const r = await api['app.info']({});
    set(r.ok ? { info: r.value, infoError: null } : { infoError: r.error });
  },
  async loadApplications() {
    const r = await api['applications.list']({ limit: 200 });
    set(r.ok ? { applications: r.value, listError: null } : { listError: r.error });
  },
  navigate(route) {
    set({ route });
  },
}));
