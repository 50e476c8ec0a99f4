import { request } from 'node:https';

/** The client side of mutual TLS, as the desk holds it. */
export interface Tls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
}

/**
 * One SOAP 1.2 POST on a new TLS connection, nothing parsed: what the network and the simulator cost.
 * `envelope` is the SOAP text, or an MTOM message already encoded (its multipart `contentType`).
 */
export function barePost(
  url: string,
  action: string,
  envelope: string | { readonly contentType: string; readonly data: Uint8Array },
  tls: Tls,
): Promise<void> {
  const contentType =
    typeof envelope === 'string' ? `application/soap+xml; charset=utf-8; action="${action}"` : envelope.contentType;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        cert: tls.certPem,
        key: tls.keyPem,
        ca: tls.caPem,
        agent: false,
        headers: { 'content-type': contentType },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`bare POST ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(typeof envelope === 'string' ? envelope : envelope.data);
  });
}
