import { useT } from '../../i18n/locale-store';
import { ReceiptSettingsPanel } from '../receipts/ReceiptSettingsPanel';
import { ReferenceImportPanel } from './ReferenceImportPanel';
import { WorkstationSettingsForm } from './WorkstationSettings';
import { EnrolmentPanel } from './EnrolmentPanel';

/** The workstation administrator's settings: service point and workstation, then receipts (issue 13, items 2 and 3). */
export function SettingsScreen() {
  const t = useT();
  return (
    <>
      <h1 tabIndex={-1}>{t('nav.settings')}</h1>
      <WorkstationSettingsForm />
      <ReceiptSettingsPanel />
      <ReferenceImportPanel />
      <EnrolmentPanel />
    </>
  );
}
