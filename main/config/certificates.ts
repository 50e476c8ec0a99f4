import { X509Certificate } from 'node:crypto';
import type { CertificateStatus } from '../../shared/api';

/** IT is warned this many days before a certificate ends (renewal at IGC-Santé takes weeks). */
export const EXPIRY_WARNING_DAYS = 60;
const DAY_MS = 86_400_000;

/** Subject as one line, most significant last as in the certificate (`CN=…, O=…`). */
export function subjectLine(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}

/** Whole days left until `notAfter`, rounded down; negative once expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function certificateStatus(
  role: CertificateStatus['role'],
  certificate: X509Certificate,
  now: Date,
): CertificateStatus {
  const notAfter = new Date(certificate.validTo);
  const left = daysLeft(notAfter, now);
  const expired = notAfter.getTime() <= now.getTime();
  return {
    role,
    subject: subjectLine(certificate),
    notAfter: notAfter.toISOString(),
    daysLeft: left,
    warning: !expired && left < EXPIRY_WARNING_DAYS,
    expired,
  };
}

/** Training and tests hand PEM, production a PKCS#12: both end up described the same way. */
export function certificateStatusFromPem(
  role: CertificateStatus['role'],
  certPem: string,
  now: Date,
): CertificateStatus {
  return certificateStatus(role, new X509Certificate(certPem), now);
}
