import { DEMO_PRACTITIONER } from '../../simulators/cards';
import { cachedTestPki } from './pcsc-virtual';

/**
 * Creates the shared test PKI and the demo CPS credentials once, in plain Node, before any test
 * file runs. Issuing a certificate inside a jsdom test fails (@peculiar/x509 hands WebCrypto a
 * buffer from jsdom's realm); loading cached credentials does not, so jsdom tests only load.
 */
export default async function setup(): Promise<void> {
  const pki = await cachedTestPki();
  await pki.issueCps(DEMO_PRACTITIONER);
}
