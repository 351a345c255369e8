import { create } from 'zustand';
import type { Output } from '../../../api/contract';
import type { ApiErrorBody, ApiResult } from '../../../api/result';
import { api } from '../api/transport';

type AppInfo = Output<'app.info'>;

export type Route =
  | { screen: 'worklist' }
  | { screen: 'intakeStart' }
  | { screen: 'intake'; id: string }
  | { screen: 'approval' }
  | { screen: 'dayEnd' }
  | { screen: 'users' }
  | { screen: 'settings' }
  | { screen: 'password' }
  | { screen: 'verifyReceipt' }
  | { screen: 'securityCode' }
  | { screen: 'faceRecognition' }
  | { screen: 'enquiry' };

interface AppState {
  info: AppInfo | null;
  infoError: ApiErrorBody | null;
  route: Route;
  loadInfo(): Promise<void>;
  navigate(route: Route): void;
}

export function unwrap<T>(r: ApiResult<T>): { value?: T; error?: ApiErrorBody } {
  return r.ok ? { value: r.value } : { error: r.error };
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  infoError: null,
  route: { screen: 'worklist' },
  async loadInfo() {
    const r = await api['app.info']({});
    set(r.ok ? { info: r.value, infoError: null } : { infoError: r.error });
  },
  navigate(route) {
    set({ route });
  },
}));
