import { useT } from '../../i18n/locale-store';
import type { MessageKey } from '../../../../i18n';

export const INTAKE_SHORTCUTS: readonly { keys: string; label: MessageKey }[] = [
  { keys: 'Alt+ArrowDown', label: 'intake.shortcut.nextSection' },
  { keys: 'Alt+ArrowUp', label: 'intake.shortcut.previousSection' },
  { keys: 'Alt+P', label: 'intake.shortcut.addPerson' },
  { keys: 'Alt+A', label: 'intake.shortcut.attach' },
  { keys: 'Ctrl+Enter', label: 'intake.shortcut.nextOrSubmit' },
  { keys: 'Escape', label: 'intake.shortcut.back' },
  { keys: 'Alt+K', label: 'intake.shortcut.help' },
];

const shown = (keys: string) => keys.replace('ArrowDown', '↓').replace('ArrowUp', '↑');

/** The screen's shortcuts, listed where keyboard and screen-reader users can find them. */
export function ShortcutsHelp({ open, onToggle }: { open: boolean; onToggle: (open: boolean) => void }) {
  const t = useT();
  return (
    <details className="shortcuts-help" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary aria-keyshortcuts="Alt+K">{t('intake.shortcut.title')}</summary>
      <dl>
        {INTAKE_SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{shown(s.keys)}</kbd>
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
