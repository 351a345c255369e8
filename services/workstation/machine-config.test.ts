import { describe, expect, it } from 'vitest';
import { machineConfigPath, newSetupCode, setupCodeHash, setupCodeMatches } from './machine-config';

describe('machine-wide configuration (issue 12 item 2)', () => {
  it('lives where only the OS administrator writes, per platform', () => {
    expect(machineConfigPath('linux', {})).toBe('/etc/counterdesk/machine.json');
    expect(machineConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Counterdesk\\machine.json');
    expect(machineConfigPath('win32', {})).toBe('C:\\ProgramData\\Counterdesk\\machine.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/Counterdesk/machine.json');
  });

  it('setup codes are typed by people: case, spaces and dashes do not matter, anything else does', () => {
    const code = newSetupCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(newSetupCode()).not.toBe(code);
    const expected = setupCodeHash(code);
    expect(setupCodeMatches(code.toLowerCase().replace(/-/g, ' '), expected)).toBe(true);
    expect(setupCodeMatches(`${code}0`, expected)).toBe(false);
    expect(setupCodeMatches('', expected)).toBe(false);
  });
});
