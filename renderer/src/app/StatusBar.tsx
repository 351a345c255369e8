import { useAppStore } from '../state/app-store';
import { useT } from '../i18n/locale-store';
import type { MessageKey } from '../../../i18n';

const SYNC_KEYS: Record<string, MessageKey> = {
  not_configured: 'status.sync.notConfigured',
  online: 'status.sync.online',
  offline: 'status.sync.offline',
  syncing: 'status.sync.syncing',
};

export function StatusBar() {
  const t = useT();
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span>
        {t('status.servicePoint')}:{' '}
        {info ? `${info.servicePoint.nameZh} / ${info.servicePoint.namePt} (${info.servicePoint.code} · ${info.workstationId})` : '…'}
      </span>
      <span data-testid="status-db">
        {t('status.database')}:{' '}
        {infoError || info?.database.state === 'error'
          ? t('status.db.error')
          : info
            ? t(info.database.encrypted ? 'status.db.okEncrypted' : 'status.db.ok')
            : '…'}
      </span>
      <span data-testid="status-sync">
        {t('status.sync')}: {info ? t(SYNC_KEYS[info.sync.state] ?? 'status.sync.notConfigured') : '…'}
      </span>
    </footer>
  );
}
