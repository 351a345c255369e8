import type { MessageKey } from '../../i18n';
import type { ScanMime } from '../store/attachments/sniff';
import { inspectScanOffThread } from '../store/attachments/inspect-off-thread';
import { refusalMessageKey } from '../store/attachments/scan-refusal';
import { readPlainFile, type ScannerTray, type TrayItem } from './scanner-tray';

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
    if (item.notPlainFile) return { mime: null, problem: 'hardening.scanner.notPlainFile' };
    const max = maxBytes();
    if (item.size > max) return { mime: null, problem: 'attachments.error.tooLarge', problemParams: { maxMb: Math.round((max / (1024 * 1024)) * 10) / 10 } };
    const bytes = await readPlainFile(folder, item.fileName, item.size);
    if (!bytes) return { mime: null, problem: 'attachments.error.trayItemGone' };
    // In a worker with a timeout: a file dropped in the folder must not stall the core for every clerk.
    const s = await inspectScanOffThread(bytes);
    if (s.ok) return { mime: s.mime };
    const hardened = refusalMessageKey(s.reason);
    if (hardened) return { mime: null, problem: hardened, ...(s.reason !== 'timeout' && s.params ? { problemParams: s.params } : {}) };
    return { mime: null, problem: s.reason === 'corrupt' ? 'attachments.error.corrupt' : 'attachments.error.unsupportedType' };
  }

  return {
    async list(tray: ScannerTray): Promise<TrayItemView[]> {
      const items = tray.list();
      const live = new Set(items.map((i) => i.id));
      for (const id of known.keys()) if (!live.has(id)) known.delete(id);
      // One file at a time: a folder full of large files must not fill memory all at once.
      const out: TrayItemView[] = [];
      for (const item of items) out.push(await describe(item));
      return out;
    },
  };
}
