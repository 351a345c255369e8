import type { workstationZhHant } from './zh-Hant';

export const workstationEn: Record<keyof typeof workstationZhHant, string> = {
  'nav.settings': 'Settings',
  'workstation.title': 'Workstation settings',
  'workstation.intro': 'The workstation administrator sets the service point, workstation id and scanner folder here. Receipts print the service point name.',
  'workstation.placeholderNotice': 'This workstation still uses the test service point. Receipts cannot be issued until it is set.',
  'workstation.servicePointCode': 'Service point code (2–8 capital letters or digits)',
  'workstation.nameZh': 'Service point name (Chinese)',
  'workstation.namePt': 'Service point name (Portuguese)',
  'workstation.workstationId': 'Workstation id (2–8 capital letters or digits)',
  'workstation.workstationIdLocked': 'Applications have been numbered on this workstation: its id can no longer change.',
  'workstation.scannerFolder': 'Scanner folder (full path; empty to turn it off)',
  'workstation.save': 'Save workstation settings',
  'workstation.saved': 'Settings saved.',
  'workstation.savedRestart': 'Settings saved. Restart the app for the new workstation id, service point code or scanner folder to take effect.',
  'workstation.receiptSettings': 'Receipt settings',
  'workstation.error.invalid': 'Invalid settings: codes are 2–8 capital letters or digits, names 1–100 characters.',
  'workstation.error.placeholderCode': 'The test code DEV cannot be used: enter the official service point code.',
  'workstation.error.folderMissing': 'The scanner folder “{folder}” does not exist: enter the full path of an existing folder, or leave it empty.',
  'workstation.error.workstationIdLocked':
    'Applications have been numbered on this workstation ({workstationId}): changing its id would repeat application numbers, so it is not allowed.',
  'workstation.error.receiptPlaceholder':
    'This workstation’s service point is not set yet: no receipt was issued. Ask the workstation administrator to set the service point under Settings.',
  'workstation.reference.title': 'Reference data',
  'workstation.reference.intro':
    'Imports the entities that already hold an account and their logins (a JSON file, format in the README). Nothing is imported unless all of it is valid.',
  'workstation.reference.file': 'Reference data file',
  'workstation.reference.imported': 'Imported {entities} entities and {staffLogins} logins.',
  'workstation.error.referenceInvalid': 'The file is not a valid reference data file; nothing was imported: {detail}',
};
