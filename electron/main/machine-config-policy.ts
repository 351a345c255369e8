import { resolve } from 'node:path';
import { machineConfigPath } from '../../services/workstation/machine-config';

/** Only an unpackaged (development) run may point elsewhere; the installed app reads the platform's path. */
export const MACHINE_CONFIG_ENV = 'COUNTERDESK_MACHINE_CONFIG';

/**
 * How the installed app reads the machine-wide configuration (issue 12 item 2): only at the
 * platform's path, refused when the app's own user could write it, and never a setup code of
 * its own (the installer's is the only one). An unpackaged run is a developer's: it may name
 * another file and gets a setup code printed on its console.
 */
export function machineConfigFor(packaged: boolean, env: Record<string, string | undefined>) {
  if (packaged) return { path: machineConfigPath(), requireReadOnly: true, allowStartConsoleCode: false };
  const override = env[MACHINE_CONFIG_ENV];
  return { ...(override ? { path: resolve(override) } : {}), requireReadOnly: false, allowStartConsoleCode: true };
}
