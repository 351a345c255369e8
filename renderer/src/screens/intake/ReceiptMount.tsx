// Mount point for engineer C's <ReceiptActions applicationId /> (renderer/src/screens/receipts/).
// Until it lands the receipt step renders nothing here.
export function ReceiptMount(_props: { applicationId: string }) {
  return null;
}
