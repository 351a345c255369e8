import { createApiClient, type CounterdeskApi, type Invoke } from '../../../api/client';
import { METHODS } from '../../../api/contract';
import type { ApiResult } from '../../../api/result';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in the browser harness. */
    counterdesk?: CounterdeskApi;
  }
}

const TOKEN_KEY = 'counterdesk.harnessToken';

/**
 * The harness hands its token over in the URL fragment (never sent to a server, never in
 * logs). Keep it for this tab only, and take it out of the address bar.
 */
function harnessToken(): string {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const offline = (message: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'unavailable', message, messageKey: 'api.error.unavailable' },
});

function httpInvoke(token: string): Invoke {
  return async (method, input) => {
    try {
      const res = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as ApiResult<unknown>;
    } catch {
      return offline('The app core did not answer');
    }
  };
}

export function connectApi(): CounterdeskApi {
  if (window.counterdesk) return window.counterdesk;
  return createApiClient(METHODS, httpInvoke(harnessToken()));
}

export const api: CounterdeskApi = connectApi();
