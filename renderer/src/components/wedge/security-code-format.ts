import { mod97Valid } from '../../../../domain/security-code/check-digits';
import { MAX_QR_TEXT_LENGTH, MIN_QR_TEXT_LENGTH, QR_PREFIX } from '../../../../domain/security-code/payload-codec';
import type { WedgeFormat } from './wedge-detector';

/** What a keyboard-wedge scan of the security-code QR looks like (docs/security-code-qr.md): prefix, length, MOD 97-10. */
export const SECURITY_CODE_WEDGE: WedgeFormat = {
  prefix: QR_PREFIX,
  minLength: MIN_QR_TEXT_LENGTH,
  maxLength: MAX_QR_TEXT_LENGTH,
  checkDigitValid: mod97Valid,
};
