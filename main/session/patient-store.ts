import { createHmac, randomBytes } from 'node:crypto';
import {
  DmpAccessStatusSchema,
  IdentityRecordSchema,
  type DmpAccessStatus,
  type DmpPatientRef,
} from '../../shared/api';
import type { VitaleBeneficiary } from '../../shared/domain/cards';
import type { IdentitySnapshot } from '../identity/identity-service';
import type { Store } from '../store/client';
import type { ForgottenCounts } from '../store/ops';

/** A patient session as the store gives it back: checked, since a row that no longer parses is skipped, not trusted. */
export interface KeptPatientSession {
  readonly identity: IdentitySnapshot;
  readonly lastUsedAt: string;
  readonly beneficiary: string | null;
}

/**
 * Where the patient sessions keep what a restart must not lose: today's sessions and each
 * qualified patient's last DMP status. A thin layer over the store's ops, so the sessions stay
 * testable without a database (tests give a memory double of this interface).
 */
export interface PatientSessionStore {
  save(entry: {
    readonly identity: IdentitySnapshot;
    readonly day: string;
    readonly lastUsedAt: string;
    readonly beneficiary: string | null;
  }): Promise<void>;
  /** The sessions of `day`, least recently used first; those of any other day are deleted. */
  resume(day: string): Promise<{ readonly sessions: KeptPatientSession[]; readonly skipped: number }>;
  saveDmpStatus(ins: DmpPatientRef, status: DmpAccessStatus): Promise<void>;
  dmpStatus(ins: DmpPatientRef): Promise<DmpAccessStatus | undefined>;
  forget(patientIds: readonly string[], ins: DmpPatientRef | undefined): Promise<ForgottenCounts>;
  /**
   * A keyed digest of one card beneficiary, so the same person picked on the same card again finds
   * their session after a restart, without the card's NIRs kept beside it (the key is the store's own secret).
   */
  beneficiaryDigest(beneficiary: VitaleBeneficiary): Promise<string>;
}

const CARD_DIGEST_KEY = 'patient-sessions.card-digest';

const SnapshotSchema = IdentityRecordSchema.pick({
  patientId: true,
  status: true,
  attributes: true,
  vitale: true,
  typed: true,
  insi: true,
  documentCheck: true,
});

export function createPatientSessionStore(store: Store): PatientSessionStore {
  let digestKey: Promise<Uint8Array> | undefined;
  return {
    save: async ({ identity, day, lastUsedAt, beneficiary }) => {
      await store.call('patientSessions.save', {
        patientId: identity.patientId,
        day,
        lastUsedAt,
        record: JSON.stringify(identity),
        beneficiary,
        ins: identity.status === 'QUAL' && identity.insi !== undefined ? insKey(identity.insi.active) : null,
      });
    },
    async resume(day) {
      await store.call('patientSessions.purgeOtherDays', { day });
      const rows = await store.call('patientSessions.list', { day });
      const sessions: KeptPatientSession[] = [];
      for (const row of rows) {
        const parsed = SnapshotSchema.safeParse(safeJson(row.record));
        if (parsed.success && parsed.data.patientId === row.patientId) {
          sessions.push({ identity: parsed.data, lastUsedAt: row.lastUsedAt, beneficiary: row.beneficiary });
        }
      }
      return { sessions, skipped: rows.length - sessions.length };
    },
    saveDmpStatus: async (ins, status) => {
      await store.call('dmpStatus.set', { patient: ins, status: JSON.stringify(status), checkedAt: status.checkedAt });
    },
    async dmpStatus(ins) {
      const kept = await store.call('dmpStatus.get', { patient: ins });
      if (kept === undefined) return undefined;
      const parsed = DmpAccessStatusSchema.safeParse(safeJson(kept.status));
      return parsed.success ? parsed.data : undefined;
    },
    forget: (patientIds, ins) => store.call('patients.forget', { patientIds, patient: ins }),
    async beneficiaryDigest(beneficiary) {
      digestKey ??= store.call('secrets.ensure', { name: CARD_DIGEST_KEY, value: randomBytes(32) }).catch((error) => {
        digestKey = undefined;
        throw error;
      });
      const key = [beneficiary.nir, beneficiary.birthDate, beneficiary.lastName, beneficiary.firstName].join('|');
      return createHmac('sha256', await digestKey)
        .update(key, 'utf8')
        .digest('base64url');
    },
  };
}

/** The INS as the DMP and the store's patient columns name it: 13 + key, and the OID. */
export function insKey(ins: { readonly nir13: string; readonly key: string; readonly oid: string }): DmpPatientRef {
  return { matricule: `${ins.nir13}${ins.key}`, oid: ins.oid };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The desk's local calendar day (YYYY-MM-DD): "today" is the clinic's day, not UTC's. */
export function localDay(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
