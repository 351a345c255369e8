export type { CheckResult } from './check-result';
export { normaliseIdText, normalisePhoneText } from './normalise';
export {
  checkIdNumber,
  checkMacauBir,
  checkHongKongId,
  checkMainlandResidentId,
  checkTravelPermit,
  checkPassport,
  checkOtherId,
  isMacauId,
} from './id-numbers';
export { checkMobile, checkPhone, checkTaxpayerNumber, checkEmail } from './contact-numbers';
