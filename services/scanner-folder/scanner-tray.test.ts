import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScannerTray, TrayItemGone } from './scanner-tray';

let now = 0;
const clock = () => new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + now);
const dirs: string[] = [];
function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'cd-scanner-'));
  dirs.push(folder);
  now = 0;
  const tray = new ScannerTray({ folder, settleMs: 1000, clock });
  return { folder, tray };
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('scanner tray', () => {
  it('offers a file only after it has stopped growing', () => {
    const { folder, tray } = setup();
    writeFileSync(join(folder, 'scan001.pdf'), '%PDF-1.7 part');
    tray.scan();
    expect(tray.list()).toEqual([]);
    now += 600;
    appendFileSync(join(folder, 'scan001.pdf'), ' more pages');
    tray.scan();
    now += 600;
    tray.scan();
    expect(tray.list()).toEqual([]); // it grew 600 ms ago: still being written
    now += 1000;
    tray.scan();
    expect(tray.list().map((i) => i.fileName)).toEqual(['scan001.pdf']);
  });

  it('ignores temporary, hidden and empty files and sub-folders', () => {
    const { folder, tray } = setup();
    for (const name of ['.DS_Store', 'x.tmp', 'y.part', '~$lock.pdf', 'empty.pdf']) writeFileSync(join(folder, name), name === 'empty.pdf' ? '' : 'x');
    tray.scan();
    now += 2000;
    tray.scan();
    expect(tray.list()).toEqual([]);
  });

  it('reads the bytes; an assigned file is deleted (its encrypted copy is in the store), and a leftover assigned/ folder is cleared at start', async () => {
    const { folder, tray } = setup();
    writeFileSync(join(folder, 'id-card.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    tray.scan();
    now += 1500;
    tray.scan();
    const [item] = tray.list();
    if (!item) throw new Error('expected an item');
    const { bytes } = await tray.read(item.id);
    expect([...bytes]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    tray.markAssigned(item.id);
    expect(tray.list()).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
    // Plain copies left by an earlier version are removed when the tray starts.
    mkdirSync(join(folder, 'assigned'));
    writeFileSync(join(folder, 'assigned', 'old-id-card.jpg'), 'x');
    tray.start();
    tray.stop();
    expect(existsSync(join(folder, 'assigned'))).toBe(false);
  });

  it('drops an item whose file disappeared, and refuses to read it', async () => {
    const { folder, tray } = setup();
    writeFileSync(join(folder, 'a.png'), 'x');
    tray.scan();
    now += 1500;
    tray.scan();
    const id = tray.list()[0]?.id ?? '';
    rmSync(join(folder, 'a.png'));
    await expect(tray.read(id)).rejects.toBeInstanceOf(TrayItemGone);
    tray.scan();
    expect(tray.list()).toEqual([]);
  });
});
