import { createHmac } from 'node:crypto';
import type { DmpPatientRef } from '../../shared/api/dmp';

/**
 * The journal names a patient by HMAC-SHA256(key, INS), with a random key per installation kept
 * in the encrypted store (see vault.ts), never beside the journal.
 *
 * What this protects against: a copy of the journal alone (sent to support, left in a backup,
 * read by an auditor) does not give the INS, and since the key is secret an INS cannot be
 * confirmed by hashing candidates (a plain hash of a structured NIR could be brute-forced).
 * Two installations give the same patient unrelated pseudonyms, so journals cannot be joined.
 */

/** A public tag of the key (not the key): tells which lines a key can match, without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('dmp-desk audit key id', 'utf8').digest('hex').slice(0, 16);
}

/** The INS kind (OID) is part of the input: a NIR and a NIA with the same digits are different people. */
export function pseudonymOf(key: Buffer, patient: DmpPatientRef): string {
  return createHmac('sha256', key).update(`${patient.oid}|${patient.matricule}`, 'utf8').digest('hex');
}
