import { X509Certificate } from 'node:crypto';

/** RFC 4514 escaping of one attribute value. */
function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

/**
 * The signer's subject DN in the string form of the official VIHF examples
 * (`CN=…,OU=…,O=…,C=FR`: most specific first, no spaces), used as the SAML Issuer.
 */
export function subjectDn(certificateDer: Uint8Array): string {
  const cert = new X509Certificate(certificateDer);
  // Node lists RDNs one per line, least specific first; multi-valued RDNs are joined with '+'.
  return cert.subject
    .split('\n')
    .filter((line) => line.length > 0)
    .reverse()
    .map((rdn) =>
      rdn
        .split('+')
        .map((ava) => {
          const eq = ava.indexOf('=');
          return `${ava.slice(0, eq)}=${escapeValue(ava.slice(eq + 1))}`;
        })
        .join('+'),
    )
    .join(',');
}

export function certificatePem(certificateDer: Uint8Array): string {
  const base64 = Buffer.from(certificateDer).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
