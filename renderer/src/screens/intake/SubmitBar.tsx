import type { ReactNode } from 'react';
import type { Assessment } from '../../../../domain/rules';
import { useT } from '../../i18n/locale-store';

/**
 * Submission only when nothing blocks (issue 5, item 6). The button is never a silent grey
 * dead end: it says why it cannot submit, and pressing it takes the clerk to the first item
 * that blocks.
 */
export function SubmitBar({
  assessment,
  duplicate,
  busy,
  onSubmit,
  onShowFirstBlocking,
  extra,
}: {
  assessment: Assessment;
  duplicate: boolean;
  busy: boolean;
  onSubmit: () => void;
  onShowFirstBlocking: () => void;
  /** Other actions on the form (discard draft), kept in reach at the bottom of the screen. */
  extra?: ReactNode;
}) {
  const t = useT();
  const blocked = assessment.blockingCount > 0 || duplicate;
  const why = duplicate ? t('intake.submit.duplicate') : t('intake.submit.blocked', { count: assessment.blockingCount });
  return (
    <div className="submit-bar">
      <button
        type="button"
        className="submit"
        aria-disabled={blocked || busy ? true : undefined}
        aria-describedby={blocked ? 'submit-why' : undefined}
        aria-keyshortcuts="Control+Enter"
        data-testid="submit"
        onClick={() => {
          if (busy) return;
          if (blocked) onShowFirstBlocking();
          else onSubmit();
        }}
      >
        {t('intake.submit')} <kbd>Ctrl+Enter</kbd>
      </button>
      {blocked ? (
        <span id="submit-why" className="submit-why">
          {why}
        </span>
      ) : null}
      {extra}
    </div>
  );
}
