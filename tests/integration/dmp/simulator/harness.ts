import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';
import {
  startNationalDmpSimulator,
  type NationalDmpSimulator,
  type NationalDmpSimulatorOptions,
} from '../../../../simulators/national-dmp';
import { resignVihf, type ResignOptions } from '../../../support/resign-vihf';
import { vectorsPath } from '../../../support/vectors';

/** The test PKI is cached on disk so suites do not generate RSA keys every run. */
const PKI_DIR = resolve(import.meta.dirname, '../../../../.tmp/pki-dmp-simulator');

export interface Practitioner {
  readonly auth: IssuedCredential;
  readonly sign: IssuedCredential;
}

export interface SimulatorFixture {
  readonly pki: TestPki;
  readonly sim: NationalDmpSimulator;
  /** The doctor of the official examples (IdNat 899900063480). */
  readonly doctor: Practitioner;
  readonly establishment: IssuedCredential;
}

export async function startFixture(options: Partial<NationalDmpSimulatorOptions> = {}): Promise<SimulatorFixture> {
  const pki = await createTestPki({ seedDir: PKI_DIR });
  const [server, doctor, establishment] = await Promise.all([
    pki.issueServer(['localhost']),
    pki.issueCps({
      nationalId: '899900063480',
      lastName: 'LIBRE',
      firstName: 'MAX',
      profession: '10',
      specialty: 'SM26',
    }),
    pki.issueEstablishment({ finess: '10B0127189', name: 'CENTRE DE SANTE RPPS12718' }),
  ]);
  const sim = await startNationalDmpSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
    ...options,
  });
  return { pki, sim, doctor, establishment };
}

export const officialMessage = (name: string): string => readFileSync(vectorsPath('dmp-messages', name), 'utf8');

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** POSTs a SOAP 1.2 message over mutual TLS, the way an LPS does. */
export function postSoap(
  fixture: Pick<SimulatorFixture, 'pki' | 'sim'>,
  service: string,
  xml: string | Buffer,
  client: IssuedCredential,
  timeoutMs = 10_000,
  contentType = 'application/soap+xml; charset=utf-8',
): Promise<HttpAnswer> {
  const url = new URL(`${fixture.sim.servicesUrl}/${service}`);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        cert: client.certPem,
        key: client.keyPem,
        ca: fixture.pki.caCertPem,
        headers: { 'content-type': contentType },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(xml);
  });
}

/** An official request re-signed by the practitioner's signature key, then sent with its auth key. */
export function sendOfficial(
  fixture: SimulatorFixture,
  service: string,
  xml: string,
  options: ResignOptions & { signer?: IssuedCredential; client?: IssuedCredential } = {},
): Promise<HttpAnswer> {
  const signed = resignVihf(xml, options.signer ?? fixture.doctor.sign, options);
  return postSoap(fixture, service, signed, options.client ?? fixture.doctor.auth);
}

/** Reads one value of an answer: `xp(body, "//*[local-name()='queryResponseCode']/@code")`. */
export function xp(body: string, expression: string): string {
  const document = new DOMParser().parseFromString(body, 'text/xml');
  const value = xpath.select(`string(${expression})`, document as unknown as Node);
  if (typeof value !== 'string') throw new Error('xp: not a string expression');
  return value;
}

/** How many nodes an expression selects in an answer. */
export function count(body: string, expression: string): number {
  const document = new DOMParser().parseFromString(body, 'text/xml');
  return Number(xpath.select(`count(${expression})`, document as unknown as Node));
}

const local = (name: string): string => `*[local-name()='${name}']`;
/** `path('a', 'b')` -> `//*[local-name()='a']/*[local-name()='b']`. */
export const path = (...names: string[]): string => `//${names.map(local).join('/')}`;

/** The DMP code of a SOAP fault answer (Subcode/Value), or '' for a non-fault. */
export const faultCode = (body: string): string => xp(body, path('Fault', 'Code', 'Subcode', 'Value'));
