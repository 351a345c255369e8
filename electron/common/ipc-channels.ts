/**
 * One IPC channel per contract method, so that main registers exactly the calls the contract
 * knows and the preload can expose only named functions (no generic `invoke(channel)`).
 */
export const IPC_CHANNEL_PREFIX = 'counterdesk:';

export function ipcChannel(method: string): string {
  return IPC_CHANNEL_PREFIX + method;
}
