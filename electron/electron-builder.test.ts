import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../scripts/build-electron.mjs';

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: { target: string }[]; icon: string };
  nsis: { deleteAppDataOnUninstall: boolean };
  linux: { target: { target: string }[]; icon: string; category: string; maintainer: string; executableName: string };
}

const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const config = parse(text) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; devDependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", async () => {
    await expect(validateConfiguration(parse(text), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar and unpacks the native SQLite module', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3-multiple-ciphers/**/*']));
  });

  it('builds NSIS for Windows and AppImage + deb for Linux, keeping data on uninstall', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.productName).toBe('Counterdesk');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('ships the built app and never the harness, tests or sources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/**/*', 'dist-electron/**/*', 'node_modules/**/*']));
    for (const excluded of ['!harness{,/**/*}', '!e2e{,/**/*}', '!**/*.test.{ts,tsx,js,mjs,cjs}', '!**/*.{ts,tsx,map}']) {
      expect(config.files).toContain(excluded);
    }
    // The entry point package.json names is among the packed files.
    expect(pkg.main).toBe('dist-electron/main.cjs');
    // The browser harness is never a production dependency (those are packed with node_modules).
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'playwright-core']));
  });

  it('points at icons and resources that exist: a 512x512 PNG and the Linux sizes', () => {
    const icon = PNG.sync.read(readFileSync(join(ROOT, config.win.icon)));
    expect([icon.width, icon.height]).toEqual([512, 512]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = PNG.sync.read(readFileSync(join(ROOT, config.linux.icon, `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    for (const r of config.extraResources) expect(existsSync(join(ROOT, r.from))).toBe(true);
  });
});
