import type { firstRunZhHant } from './zh-Hant';

export const firstRunEn: Record<keyof typeof firstRunZhHant, string> = {
  'auth.setup.code': 'One-time setup code',
  'auth.setup.codeHint.machine_config': 'The code was shown when the app was installed; ask your IT administrator.',
  'auth.setup.codeHint.start_console': 'The code is shown on the console that started the app (COUNTERDESK_SETUP_CODE=…).',
  'auth.setup.codeHint.unavailable': 'This workstation has no setup code: the IT administrator must write the machine configuration.',
  'auth.error.setupCodeInvalid':
    'Wrong setup code ({remaining, plural, one {# try} other {# tries}} left). It was shown at installation; ask your IT administrator.',
  'auth.error.setupCodeUnavailable':
    'This workstation cannot be set up: there is no setup code, or too many wrong ones were typed. The IT administrator must check {path} and restart the app.',
  'auth.enrolment.machineKey':
    'The enrolment authority’s public key is pinned by the machine configuration {path}; a workstation administrator cannot change it.',
  'auth.enrolment.machineKeyMissing': 'The machine configuration {path} pins no enrolment authority key: enrolment files cannot be imported.',
  'auth.enrolment.machineConfigUntrusted': 'The machine configuration {path} is not used (malformed, or the app’s own user can change it).',
  'auth.enrolment.notConfigured': '(not configured)',
  'firstRun.title': 'Connect to the central server',
  'firstRun.intro':
    'Enter the server address and the one-time enrolment code from the server’s administrator. Once enrolled, users, roles and reference data arrive by sync.',
  'firstRun.serverUrl': 'Server address',
  'firstRun.code': 'One-time enrolment code',
  'firstRun.codeHint': 'Format: XXXX-XXXX-XXXX-XXXX-XXXX',
  'firstRun.servicePoint': 'Service point code',
  'firstRun.workstation': 'Workstation code',
  'firstRun.file': 'Or read the enrolment file from your administrator',
  'firstRun.submit': 'Enrol this workstation',
  'firstRun.busy': 'Connecting to the server…',
  'firstRun.standalone': 'Not now: use as a standalone workstation',
  'firstRun.standaloneNote':
    'Standalone: this workstation’s administrator creates its users and the data stays here. You can connect to the central server later under Settings.',
  'firstRun.done': 'Enrolled as workstation {workstationId}; server: {server}.',
  'firstRun.enrolled': 'This workstation is connected to the central server {server} (workstation {workstationId}).',
  'firstRun.error.code': 'The enrolment code is wrong, was used or has expired. Ask the server’s administrator for a new one.',
  'firstRun.error.codeFormat': 'The code has 20 characters in five groups, e.g. ABCD-EFGH-JKMN-PQRS-TVWX.',
  'firstRun.error.unreachable': 'Cannot reach the server {server}. Check the address and the network, then try again.',
  'firstRun.error.clockSkew': 'This computer’s clock is too far from the server’s (server time {serverTime, datetime}). Correct the time first.',
  'firstRun.error.file': 'The enrolment file is not valid: {detail}',
};
