import { readFile } from 'node:fs/promises';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { DmpClientConfig } from '../../../../main/dmp/client';
import { NS, parseXmlSafely } from '../../../../main/xml';
import { vectorsPath } from '../../../support/vectors';
import { startLoopbackServer } from '../../../unit/soap/loopback-https';
import { PRACTITIONER, clientPki, type ClientPki } from '../../../unit/dmp/client/pki';

export interface CapturedRequest {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly body: string;
}

/** A loopback mutual-TLS endpoint that records what the client sent and answers what the test says. */
export async function startScriptedDmp(
  material: ClientPki,
  answer: (request: CapturedRequest) => Reply | Promise<Reply>,
): Promise<{ origin: string; requests: CapturedRequest[]; close: () => Promise<void> }> {
  const requests: CapturedRequest[] = [];
  const server = await startLoopbackServer(
    { pki: material.pki, server: material.server, client: material.cps.auth },
    (req, body, res) => {
      const captured = {
        path: req.url ?? '',
        contentType: String(req.headers['content-type'] ?? ''),
        body: body.toString('utf8'),
      };
      requests.push(captured);
      void Promise.resolve(answer(captured)).then((reply) =>
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(reply.body),
      );
    },
  );
  return { origin: server.origin, requests, close: server.close };
}

export function clientConfig(material: ClientPki, baseUrl: string): DmpClientConfig {
  return {
    baseUrl,
    tls: { certPem: material.cps.auth.certPem, keyPem: material.cps.auth.keyPem, caPem: material.pki.caCertPem },
    signer: createSoftwareSigner(material.cps.sign),
    practitioner: {
      nationalId: PRACTITIONER.nationalId,
      firstName: PRACTITIONER.firstName,
      lastName: PRACTITIONER.lastName,
      roles: [
        { code: '10', codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions', displayName: 'Médecin' },
        { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5', displayName: 'Qualifié en Médecine Générale (SM)' },
      ],
    },
    structure: { id: '499900063480001', activitySector: 'SA07', name: 'CABINET DR LIBRE' },
    software: {
      name: 'DMP Desk',
      version: '0.1.0',
      homologationId: 'BCO-TEST',
      installId: 'desk-test-1',
      senderOid: '1.3.6.1.4.1.48364',
    },
    authMode: 'DIRECTE',
  };
}

export { clientPki, type ClientPki };

export const officialMessage = (name: string): Promise<string> => readFile(vectorsPath('dmp-messages', name), 'utf8');

const isNil = (element: Element): boolean => element.getAttributeNS(NS.xsi, 'nil') === 'true';

/**
 * The shape of an element: every descendant element as `{namespace}name` paths in document
 * order. Values are not compared, nor `xsi:nil` placeholders (they carry nothing).
 */
export function skeleton(element: Element, prefix = ''): string[] {
  const here = `${prefix}/{${element.namespaceURI ?? ''}}${element.localName}`;
  const out = [here];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    if (isNil(child)) continue;
    out.push(...skeleton(child, here));
  }
  return out;
}

export function bodyPayload(envelopeXml: string): Element {
  const doc = parseXmlSafely(envelopeXml);
  const body = doc.getElementsByTagNameNS(NS.soap12, 'Body')[0];
  let node = body?.firstChild ?? null;
  while (node !== null && node.nodeType !== 1) node = node.nextSibling;
  if (node === null) throw new Error('empty body');
  return node as Element;
}

export function headerNames(envelopeXml: string): string[] {
  const doc = parseXmlSafely(envelopeXml);
  const header = doc.getElementsByTagNameNS(NS.soap12, 'Header')[0];
  const names: string[] = [];
  for (let node = header?.firstChild ?? null; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) names.push(`{${(node as Element).namespaceURI ?? ''}}${(node as Element).localName}`);
  }
  return names;
}
