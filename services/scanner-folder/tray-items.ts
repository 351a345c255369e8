import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageKey } from '../../i18n';
import { sniffScan, type ScanMime } from '../store/attachments/sniff';
import type { ScannerTray, TrayItem } from './scanner-tray';

export interface TrayItemView {
  id: string;
  fileName: string;
  size: number;
  mime: ScanMime | null;
  addedAt: string;
  problem?: MessageKey;
  problemParams?: Record<string, string | number>;
}

/**
 * What the tray shows for each settled file: its type from its bytes and, before the clerk
 * tries, why it cannot be assigned (wrong type, cut short, too large). A file is read once:
 * the item id changes when the file does, so the answer is cached by id.
 */
export function createTrayDescriber(folder: string, maxBytes: () => number) {
  const known = new Map<string, Pick<TrayItemView, 'mime' | 'problem' | 'problemParams'>>();

  async function describe(item: TrayItem): Promise<TrayItemView> {
    let d = known.get(item.id);
    if (!d) {
      d = await classify(item);
      known.set(item.id, d);
    }
    return {
      id: item.id,
      fileName: item.fileName,
      size: item.size,
      addedAt: item.detectedAt,
      mime: d.mime,
      ...(d.problem ? { problem: d.problem } : {}),
      ...(d.problemParams ? { problemParams: d.problemParams } : {}),
    };
  }

  async function classify(item: TrayItem): Promise<Pick<TrayItemView, 'mime' | 'problem' | 'problemParams'>> {
    const max = maxBytes();
    if (item.size > max) return { mime: null, problem: 'attachments.error.tooLarge', problemParams: { maxMb: Math.round((max / (1024 * 1024)) * 10) / 10 } };
    const bytes = await readFile(join(folder, item.fileName)).catch(() => null);
    if (!bytes) return { mime: null, problem: 'attachments.error.trayItemGone' };
    const s = sniffScan(bytes);
    if (s.ok) return { mime: s.mime };
    return { mime: null, problem: s.reason === 'corrupt' ? 'attachments.error.corrupt' : 'attachments.error.unsupportedType' };
  }

  return {
    async list(tray: ScannerTray): Promise<TrayItemView[]> {
      const items = tray.list();
      const live = new Set(items.map((i) => i.id));
      for (const id of known.keys()) if (!live.has(id)) known.delete(id);
      return Promise.all(items.map(describe));
    },
  };
}
