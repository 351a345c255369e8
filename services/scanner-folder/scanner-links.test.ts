import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScannerTray, TrayItemGone } from './scanner-tray';
import { createTrayDescriber } from './tray-items';
import { scanFixtures } from '../store/attachments/fixtures';
import { pngDeclaring } from '../store/attachments/hostile-scans';

// Issue 12, item 8: the scanner folder is writable by anyone on the PC; a link in it must not
// make the core read files elsewhere (the review imported a linked file and read /etc/passwd).
let now = 0;
const clock = () => new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + now);
const dirs: string[] = [];
function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'cd-scanner-'));
  const outside = mkdtempSync(join(tmpdir(), 'cd-outside-'));
  dirs.push(folder, outside);
  now = 0;
  const tray = new ScannerTray({ folder, settleMs: 1000, clock });
  const settle = () => {
    tray.scan();
    now += 1500;
    tray.scan();
  };
  return { folder, outside, tray, settle, describer: createTrayDescriber(folder, () => 30 * 1024 * 1024) };
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('scanner folder: links and special files', () => {
  it.each([
    [
      'a link to a scan outside the folder',
      (folder: string, outside: string) => {
        writeFileSync(join(outside, 'secret.png'), scanFixtures.png);
        symlinkSync(join(outside, 'secret.png'), join(folder, 'scan.png'));
      },
    ],
    ['a link to /etc/passwd', (folder: string) => symlinkSync('/etc/passwd', join(folder, 'passwd.pdf'))],
    [
      'a hard link to a file outside the folder',
      (folder: string, outside: string) => {
        writeFileSync(join(outside, 'other.png'), scanFixtures.png);
        linkSync(join(outside, 'other.png'), join(folder, 'hard.png'));
      },
    ],
    ['a named pipe (reading it would block)', (folder: string) => execFileSync('mkfifo', [join(folder, 'pipe.pdf')])],
  ])('lists %s as not a scan and never reads it', async (_l, make) => {
    const { folder, outside, tray, settle, describer } = setup();
    make(folder, outside);
    settle();
    const [item] = tray.list();
    expect(item).toMatchObject({ notPlainFile: true });
    await expect(tray.read(item?.id ?? '')).rejects.toBeInstanceOf(TrayItemGone);
    expect(await describer.list(tray)).toEqual([expect.objectContaining({ mime: null, problem: 'hardening.scanner.notPlainFile' })]);
  });

  it('refuses a plain file swapped for a link after it was listed (the open does not follow links)', async () => {
    const { folder, outside, tray, settle } = setup();
    writeFileSync(join(folder, 'scan.png'), scanFixtures.png);
    writeFileSync(join(outside, 'secret.png'), scanFixtures.png);
    settle();
    const [item] = tray.list();
    expect(item?.notPlainFile).toBeUndefined();
    rmSync(join(folder, 'scan.png'));
    symlinkSync(join(outside, 'secret.png'), join(folder, 'scan.png'));
    await expect(tray.read(item?.id ?? '')).rejects.toBeInstanceOf(TrayItemGone);
  });

  it('reads a plain scan as before, and names a pixel bomb dropped in the folder without storing it', async () => {
    const { folder, tray, settle, describer } = setup();
    writeFileSync(join(folder, 'a.png'), scanFixtures.png);
    writeFileSync(join(folder, 'bomb.png.new'), pngDeclaring(20000, 20000));
    renameSync(join(folder, 'bomb.png.new'), join(folder, 'bomb.png'));
    settle();
    const views = await describer.list(tray);
    expect(views).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fileName: 'a.png', mime: 'image/png' }),
        expect.objectContaining({ fileName: 'bomb.png', mime: null, problem: 'hardening.scan.tooManyPixels', problemParams: { megapixels: 400, limit: 60 } }),
      ]),
    );
    const a = tray.list().find((i) => i.fileName === 'a.png');
    expect((await tray.read(a?.id ?? '')).bytes.equals(scanFixtures.png)).toBe(true);
  });
});
