import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmpClient, type DmpClient } from '../../../../main/dmp/client';
import { checkAccess } from '../../../../main/dmp/transactions/check-access';
import { setAuthorization } from '../../../../main/dmp/transactions/habilitations';
import { NS } from '../../../../main/xml';
import { memoryLogger } from '../../../support/memory-logger';
import { clientConfig, clientPki, startScriptedDmp, type Reply } from './harness';

/** The client refuses hostile answers from a (compromised or spoofed) DMP: no DTD, no entity expansion, no huge body. */
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
let client: DmpClient;
let server: Awaited<ReturnType<typeof startScriptedDmp>>;
let reply: Reply = { body: '' };
const log = memoryLogger();

beforeAll(async () => {
  const material = await clientPki();
  server = await startScriptedDmp(material, () => reply);
  client = createDmpClient({ ...clientConfig(material, server.origin), logger: log.logger });
});

afterAll(async () => {
  await server.close();
});

const wrap = (prolog: string, body: string): string =>
  `${prolog}<s:Envelope xmlns:s="${NS.soap12}"><s:Body>${body}</s:Body></s:Envelope>`;

describe('hostile DMP answers', () => {
  it.each([
    ['external entity (XXE)', wrap('<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<r>&x;</r>')],
    [
      'entity expansion (billion laughs)',
      wrap(
        '<!DOCTYPE s:Envelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<r>&c;</r>',
      ),
    ],
    ['external DTD', wrap('<!DOCTYPE s:Envelope SYSTEM "http://127.0.0.1:9/evil.dtd">', '<r/>')],
  ])('refuses %s with XML_HOSTILE', async (_label, body) => {
    reply = { body };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).rejects.toMatchObject({
      code: 'XML_HOSTILE',
    });
  });

  it('stops reading a huge answer with XML_TOO_LARGE', async () => {
    reply = { body: wrap('', `<r>${'A'.repeat(21 * 1024 * 1024)}</r>`) };
    await expect(
      setAuthorization(client, { patient: PATIENT, accessMode: 'normal', action: 'grant', treatingPhysician: false }),
    ).rejects.toMatchObject({ code: 'XML_TOO_LARGE' });
  });

  it('refuses malformed XML with XML_MALFORMED, and logs no content', async () => {
    reply = { body: wrap('', '<r><unclosed DUPONT 1840575123456></r>') };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).rejects.toMatchObject({
      code: 'XML_MALFORMED',
    });
    expect(log.text()).not.toContain('DUPONT');
    expect(log.text()).not.toContain(PATIENT.matricule);
  });
});
