import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInsiSimulator, type InsiSimulator, type SimPerson } from '../../../../simulators/insi';
import { createDmpServer, SERVICES_PATH } from '../../../../simulators/national-dmp/server';
import { rawHttp } from '../../../support/raw-http';
import { officialMessage, postSoap, sendOfficial, startFixture, xp, type SimulatorFixture } from './harness';
import { OFFICIAL } from './requests';

let fx: SimulatorFixture;
let port: number;
let tls: { cert: string; key: string; ca: string };

beforeAll(async () => {
  fx = await startFixture();
  port = Number(new URL(fx.sim.url).port);
  tls = { cert: fx.establishment.certPem, key: fx.establishment.keyPem, ca: fx.pki.caCertPem };
});
afterAll(async () => {
  await fx.sim.close();
});

const send = (request: string | Buffer, to = port) => rawHttp(to, request, { tls });
const post = (service: string, contentType: string, body: string) =>
  `POST ${SERVICES_PATH}/${service} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

/** The simulator still answers an official TD0.2 after whatever came before. */
async function stillServes(): Promise<void> {
  const answer = await sendOfficial(fx, 'patients', officialMessage(OFFICIAL.td02));
  expect(answer.status).toBe(200);
  expect(xp(answer.body, "//*[local-name()='queryResponseCode']/@code")).toBe('OK');
}

describe('DMP simulator under malformed HTTP', () => {
  it.each([
    ['a request line that is no HTTP', '\u0000\u0001garbage\r\n\r\n', 400],
    ['a negative Content-Length', `POST ${SERVICES_PATH}/patients HTTP/1.1\r\nContent-Length: -1\r\n\r\n`, 400],
    ['two Content-Lengths', `POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`, 400],
    ['an unknown path', 'GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 404],
    ['a GET on a service', `GET ${SERVICES_PATH}/patients HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 405],
    [
      'a target with a broken escape',
      `GET ${SERVICES_PATH}/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      404,
    ],
    ['SOAP as text/plain', post('patients', 'text/plain', '<a/>'), 415],
    ['MTOM without a boundary', post('repository', 'multipart/related; type="application/xop+xml"', 'x'), 400],
    [
      'MTOM with a boundary and no parts',
      post('repository', 'multipart/related; type="application/xop+xml"; boundary="b"', 'x'),
      400,
    ],
    ['an empty SOAP body', post('patients', 'application/soap+xml', ''), 500],
    ['XML that is no SOAP', post('patients', 'application/soap+xml', '<a><b></a>'), 500],
  ])('answers %s, then still serves', async (_label, request, status) => {
    expect(await send(request)).toBe(status);
    await stillServes();
  });

  it('answers a depth bomb with a SOAP fault before building a DOM', async () => {
    const bomb = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">${'<a>'.repeat(200_000)}`;
    const answer = await postSoap(fx, 'patients', bomb, fx.establishment);
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('XML nesting or node count beyond limits');
    await stillServes();
  });

  it('answers its own bug as a Receiver fault, never a dropped server', async () => {
    const pair = await fx.pki.issueServer(['localhost']);
    const server = createDmpServer({
      tls: { certPem: pair.certPem, keyPem: pair.keyPem, caPem: fx.pki.caCertPem },
      faults: () => ({}),
      dispatchOptions: () => {
        throw new TypeError('simulated bug');
      },
      maxBodyBytes: 1024,
      maxMtomBytes: 1024,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const buggyPort = (server.address() as AddressInfo).port;
      expect(await send(post('patients', 'application/soap+xml', '<a/>'), buggyPort)).toBe(500);
      expect(await send(post('patients', 'application/soap+xml', '<a/>'), buggyPort)).toBe(500);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('INSi simulator under malformed HTTP', () => {
  let insi: InsiSimulator;
  let insiPort: number;
  // A person without first names makes the matcher throw once the name and date match: the simulator's own bug.
  const broken = { birthName: 'X', birthDate: '1997-02-26' } as unknown as SimPerson;

  beforeAll(async () => {
    const server = await fx.pki.issueServer(['localhost']);
    insi = await startInsiSimulator({
      tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: fx.pki.caCertPem },
      identities: [broken],
    });
    insiPort = Number(new URL(insi.url).port);
  });
  afterAll(async () => {
    await insi.close();
  });

  const insiPost = (body: string) =>
    `POST /lps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/soap+xml\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

  it.each([
    ['a request line that is no HTTP', '\u0000garbage\r\n\r\n', 400],
    ['XML that is no SOAP', insiPost('<a><b></a>'), 400],
    ['a depth bomb', insiPost(`<a>${'<b>'.repeat(100_000)}`), 400],
  ])('answers %s, then still serves', async (_label, request, status) => {
    expect(await rawHttp(insiPort, request, { tls })).toBe(status);
    expect(await rawHttp(insiPort, insiPost('<a/>'), { tls })).toBe(400);
  });

  it('answers its own bug as a 500 fault and keeps serving', async () => {
    const traits =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">' +
      '<soap:Header><wsa:MessageID>uuid:1</wsa:MessageID>' +
      '<wsa:Action>urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite</wsa:Action>' +
      '<ctxlps:ContexteLPS xmlns:ctxlps="urn:siram:lps:ctxlps" Version="01_00"/>' +
      '<ctxbam:ContexteBAM xmlns:ctxbam="urn:siram:bam:ctxbam" Version="01_02"/></soap:Header>' +
      '<soap:Body><RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><NomNaissance>X</NomNaissance>' +
      '<Prenom>Y</Prenom><DateNaissance>1997-02-26</DateNaissance></RECSANSVITALE></soap:Body></soap:Envelope>';
    expect(await rawHttp(insiPort, insiPost(traits), { tls })).toBe(500);
    expect(await rawHttp(insiPort, insiPost('<a/>'), { tls })).toBe(400);
  });
});
