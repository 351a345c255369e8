import type { WorkstationKeyPair } from './workstation-keys';

// A fixed Ed25519 key for sample receipts, snapshot tests and the benchmark: fixed so
// that the same sample always gives the same PDF. It is public in the repository and
// belongs to no real workstation; a verifier in production never lists it.

const SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'; // RFC 8032 test vector 1
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';

export const SAMPLE_WORKSTATION_KEY: WorkstationKeyPair = {
  workstationId: 'W1A2',
  publicKey: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', // RFC 8032 test vector 1, base64url
  privateKey: Buffer.from(PKCS8_ED25519_PREFIX + SEED_HEX, 'hex').toString('base64'),
};
