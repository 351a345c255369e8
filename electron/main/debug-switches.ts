/**
 * Command-line switches that open the app to a debugger. The fuses already make Electron
 * ignore Node's `--inspect*` and NODE_OPTIONS in a packaged build; Chromium's remote
 * debugging switches have no fuse, so a packaged app refuses to start with any of these.
 */
const FORBIDDEN = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
];

export function forbiddenDebugSwitches(argv: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    const m = /^--?([a-z-]+)(?:=.*)?$/i.exec(arg);
    const name = m?.[1]?.toLowerCase();
    if (name && FORBIDDEN.includes(name)) found.push(arg);
  }
  return found;
}
