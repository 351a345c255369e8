import { describe, expect, it } from 'vitest';
import { machineConfigPath } from '../../services/workstation/machine-config';
import { machineConfigFor } from './machine-config-policy';

describe('the installed app reads the machine configuration only where the OS administrator writes it (issue 12 item 2)', () => {
  it('packaged: the platform path whatever the environment says, read-only, no console setup code', () => {
    expect(machineConfigFor(true, { COUNTERDESK_MACHINE_CONFIG: '/home/clerk/my-own.json' })).toEqual({
      path: machineConfigPath(),
      requireReadOnly: true,
      allowStartConsoleCode: false,
    });
  });
  it('unpackaged (development): may name another file and prints a setup code', () => {
    expect(machineConfigFor(false, { COUNTERDESK_MACHINE_CONFIG: '/tmp/dev-machine.json' })).toEqual({
      path: '/tmp/dev-machine.json',
      requireReadOnly: false,
      allowStartConsoleCode: true,
    });
    expect(machineConfigFor(false, {})).toEqual({ requireReadOnly: false, allowStartConsoleCode: true });
  });
});
