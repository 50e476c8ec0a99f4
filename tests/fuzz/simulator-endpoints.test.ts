import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITIES } from '../../simulators/insi';
import { handleInsiRequest } from '../../simulators/insi/service';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';
import { dispatch, servedOperations, type DispatchOptions } from '../../simulators/national-dmp/dispatch';
import { DMP_SERVICES } from '../../simulators/national-dmp/faults';
import type { DmpService } from '../../simulators/national-dmp/faults';
import { MtomError, parseMtom } from '../../simulators/national-dmp/mtom';
import { seedStore } from '../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../simulators/national-dmp/store/store';
import { createTestPki, type IssuedCredential } from '../../simulators/pki';
import { rawHttp } from '../support/raw-http';
import { resignVihf } from '../support/resign-vihf';
import { vectorsPath } from '../support/vectors';
import { fuzz, int, mutateText, pick, type Random } from './support/fuzz';

const PKI_DIR = resolve(import.meta.dirname, '../../.tmp/pki-dmp-simulator');
const MAX_BODY_BYTES = 1024 * 1024;

interface Request {
  readonly name: string;
  readonly service: DmpService | 'insi';
  readonly served?: boolean;
  readonly xml: string;
}

const actionOf = (xml: string): string | undefined => /<(?:\w+:)?Action\b[^>]*>\s*([^<\s]+)\s*</.exec(xml)?.[1];

/** Every official request, sent to the service whose Action it carries. */
function officialRequests(): Request[] {
  const operations = servedOperations();
  return readdirSync(vectorsPath('dmp-messages'))
    .filter((name) => name.endsWith('_request.xml') && !name.startsWith('TD2.1'))
    .map((name) => {
      const xml = readFileSync(vectorsPath('dmp-messages', name), 'utf8');
      if (name.startsWith('WS_INS')) return { name, service: 'insi' as const, served: true, xml };
      const operation = operations.find((op) => op.request === actionOf(xml));
      // Patient account operations (TD1.5) are not simulated: their endpoint must refuse them cleanly.
      return { name, service: operation?.service ?? 'patientsSpecific', served: operation !== undefined, xml };
    });
}

describe('simulator endpoints under fuzzing', () => {
  let store: SimulatorStore;
  let signer: IssuedCredential;
  let options: () => DispatchOptions;
  let simulator: NationalDmpSimulator;
  let client: { cert: string; key: string; ca: string };
  const requests = officialRequests();
  const mtomRequest = readFileSync(vectorsPath('dmp-messages', 'TD2.1_-_Alimentation_request.xml'), 'latin1');
  const mtomBoundary = mtomRequest.slice(2, mtomRequest.indexOf('\n')).trim();
  const mtomType = `multipart/related; type="application/xop+xml"; boundary="${mtomBoundary}"; start="<rootpart@soapui.org>"`;

  beforeAll(async () => {
    const pki = await createTestPki({ seedDir: PKI_DIR });
    const doctor = await pki.issueCps({
      nationalId: '899900063480',
      lastName: 'LIBRE',
      firstName: 'MAX',
      profession: '10',
      specialty: 'SM26',
    });
    signer = doctor.sign;
    const serverPair = await pki.issueServer(['localhost']);
    simulator = await startNationalDmpSimulator({
      tls: { certPem: serverPair.certPem, keyPem: serverPair.keyPem, caPem: pki.caCertPem },
    });
    client = { cert: doctor.auth.certPem, key: doctor.auth.keyPem, ca: pki.caCertPem };
    store = new SimulatorStore(':memory:');
    seedStore(store, new Date());
    options = () => ({
      store,
      caCertPem: pki.caCertPem,
      now: new Date(),
      refuseCreation: false,
      maxBodyBytes: MAX_BODY_BYTES,
      vihfMaxAgeSeconds: 3600,
      clockSkewSeconds: 300,
    });
  });
  afterAll(async () => {
    store.close();
    await simulator.close();
  });

  /** A mutated request, signed afresh when it still parses, so the handlers behind the VIHF check see it too. */
  function signedMutation(request: Request, random: Random): string {
    const mutated = mutateText(
      request.xml,
      random,
      requests.map((r) => r.xml),
    );
    if (request.service === 'insi' || random() < 0.2) return mutated;
    try {
      return resignVihf(mutated, signer);
    } catch {
      return mutated;
    }
  }

  /** One request through the endpoint; the simulator must answer (never throw) with a SOAP envelope. */
  function serve(random: Random): string {
    if (random() < 0.1) {
      const body = Buffer.from(mutateText(mtomRequest, random), 'latin1');
      let message;
      try {
        message = parseMtom(mtomType, body, {
          maxParts: 64,
          maxPartBytes: MAX_BODY_BYTES,
          maxEnvelopeBytes: MAX_BODY_BYTES,
        });
      } catch (error) {
        if (error instanceof MtomError) return `mtom ${error.reason}`;
        throw error;
      }
      const result = dispatch('repository', message.envelope, { ...options(), attachments: message.attachments });
      expect(result.body.startsWith('<soap:Envelope')).toBe(true);
      return `repository ${result.status} ${result.faultCode ?? 'ok'}`;
    }
    const request = pick(random, requests);
    const xml = signedMutation(request, random);
    if (request.service === 'insi') {
      const exchange = handleInsiRequest(xml, DEFAULT_IDENTITIES);
      expect([200, 400, 500]).toContain(exchange.status);
      return `insi ${exchange.status}`;
    }
    const result = dispatch(request.service, xml, options());
    expect(result.status).toBeGreaterThanOrEqual(200);
    expect(result.status).toBeLessThan(600);
    expect(result.body.startsWith('<soap:Envelope')).toBe(true);
    return `${result.status} ${result.faultCode ?? 'ok'}`;
  }

  it('serves every official request once re-signed (the seeds are valid)', () => {
    for (const request of requests) {
      if (request.service === 'insi') continue;
      const result = dispatch(request.service, resignVihf(request.xml, signer), options());
      expect(result.faultCode === undefined || !result.faultCode.startsWith('DMPInvalidVIHF'), request.name).toBe(true);
    }
  });

  it('answers mutated official requests with SOAP answers only, within budget and bounded memory', async (context) => {
    await fuzz(context, { boundary: 'simulator endpoints (DMP, INSi)', budgetMs: 4_000, run: serve });
  });

  /** One request over mutual TLS with hostile framing: method, path, content type, length, body. */
  async function overHttp(random: Random): Promise<string> {
    const useMtom = random() < 0.15;
    const body = useMtom
      ? mutateText(mtomRequest, random)
      : Buffer.from(signedMutation(pick(random, requests), random), 'utf8').toString('latin1');
    const service = random() < 0.9 ? pick(random, DMP_SERVICES) : mutateText('patients', random);
    const method = random() < 0.9 ? 'POST' : pick(random, ['GET', 'PUT', 'POST ', 'OPTIONS']);
    const contentType = useMtom
      ? random() < 0.8
        ? mtomType
        : mutateText(mtomType, random)
      : random() < 0.75
        ? 'application/soap+xml; charset=utf-8'
        : pick(random, ['text/xml', '', 'multipart/related', 'application/soap+xml; charset=ebcdic']);
    const length =
      random() < 0.9 ? Buffer.byteLength(body, 'latin1') : int(random, 2 * Buffer.byteLength(body, 'latin1'));
    const head =
      `${method} /si-dmp-server/v2/services/${service} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
    // A declared length longer than the body leaves the server waiting for the rest: the client then stops.
    const status = await rawHttp(
      simulator.url === '' ? 0 : Number(new URL(simulator.url).port),
      Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'latin1')]),
      { tls: client, timeoutMs: 500 },
    ).catch(() => 'client gave up');
    if (status === 'client gave up') {
      expect(length).toBeGreaterThan(Buffer.byteLength(body, 'latin1'));
      return 'short body';
    }
    expect(status, head).toBeGreaterThan(0);
    return `http ${status}`;
  }

  it('answers hostile HTTP exchanges with a status over mutual TLS, and keeps serving', async (context) => {
    await fuzz(context, { boundary: 'simulator HTTP (DMP over mTLS)', budgetMs: 3_000, run: overHttp });
    const answer = dispatch('patients', resignVihf(requests[0]?.xml ?? '', signer), options());
    expect(answer.status).toBeLessThan(600);
    const alive = await rawHttp(
      Number(new URL(simulator.url).port),
      'GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      {
        tls: client,
      },
    );
    expect(alive).toBe(404);
  });
});
