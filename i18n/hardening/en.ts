import type { hardeningZhHant } from './zh-Hant';

export const hardeningEn: Record<keyof typeof hardeningZhHant, string> = {
  'hardening.scan.tooManyPixels':
    'The image is too large ({megapixels} megapixels); the limit is {limit} megapixels (an A4 page at 600 dpi is about 35). Scan again at a lower resolution.',
  'hardening.scan.tooComplex':
    'The file has too many pages or parts to check safely (limit {maxPages} pages) and was not attached. Scan it in parts or save it as a PDF.',
  'hardening.scan.checkTimedOut': 'Checking the file took too long and it was not attached. Scan it again or save it as a PDF.',
  'hardening.scanner.notPlainFile': 'This item in the scanner folder is a link or a special file, not a scan, and is not read. Remove it from the folder.',
  'hardening.download.title': 'Save the file outside the encrypted store',
  'hardening.download.message': '"{fileName}" will be saved unencrypted where you choose.',
  'hardening.download.detail':
    "Outside the app's encrypted store the file is no longer deleted by retention, and anyone who can open that location can read it. Save it only if you need to, and delete it when you are done.",
  'hardening.download.choose': 'Choose where to save…',
  'hardening.download.cancel': 'Cancel',
  'history.action.purge_form': 'Personal data deleted from this workstation (held by the server, retention period passed)',
  'hardening.report.auditHead': 'Audit chain head: entry {seq} {hash}',
  'hardening.report.auditSigned': 'Signed by this workstation: {signature}',
  'hardening.report.auditUnsigned': 'This workstation is not enrolled: the audit chain head is not signed',
  'hardening.enrolment.serverKeyMismatch':
    'This server signs with a key ({presented}…) other than the central server key in the machine configuration ({expected}…). The workstation was not enrolled and nothing was kept. Check the address and tell the system administrator.',
  'hardening.enrolment.tlsKeyMismatch':
    'The server at this address presented a TLS key other than the one in the machine configuration. Nothing was sent and the workstation was not enrolled. Check the address and tell the system administrator.',
  'hardening.enrolment.needsHttps': 'The machine configuration pins the central server’s TLS key: enter an address that starts with https://.',
  'hardening.sync.serverKeyMismatch':
    'This workstation was enrolled with a server (key {presented}…) that is not the central server the machine configuration pins ({expected}…): nothing is sent, and the data stays saved here. Ask the system administrator to enrol the workstation again.',
  'hardening.sync.tlsKeyMismatch':
    'This workstation was enrolled with a server whose TLS key is not the one the machine configuration pins: nothing is sent, and the data stays saved here. Ask the system administrator to enrol the workstation again.',
  'hardening.enrolment.machineConfigUntrusted':
    'The machine configuration is not used (malformed, or the app’s own user can change it), so this workstation cannot enrol. Ask the system administrator to correct the file.',
};
