import type { DmpAccessStatus, DmpPatientRef, PatientSummary } from '../../shared/api';
import type { IdentityRecordView, IdentityTraits } from '../../shared/domain/identity';
import { AppError, isAppError } from '../../shared/errors';
import type { CardService } from '../cards/card-service';
import type { IdentityService } from '../identity/identity-service';
import type { Logger } from '../log/logger';
import type { ForgottenCounts } from '../store/ops';
import { insKey, localDay, type PatientSessionStore } from './patient-store';

/** What the desk has to open a patient session with: the carte Vitale in a reader, or typed traits. */
export type PatientSource =
  { readonly reader: string; readonly beneficiaryIndex: number } | { readonly traits: IdentityTraits };

/** A qualified patient, as the DMP calls need them: the INS and the INS traits (CDA header, HL7v3 name). */
export interface QualifiedPatient {
  readonly patientId: string;
  readonly ins: DmpPatientRef;
  readonly traits: IdentityTraits;
}

/**
 * The patients at the desk: main opens each session from what the desk has and keeps the
 * identity record; the renderer only names a `patientId`. One patient is in context at a time.
 * With a store, the day's sessions and each qualified patient's DMP status survive a restart.
 */
export interface PatientSessions {
  open(source: PatientSource): Promise<IdentityRecordView>;
  /** The patient in context, for display; null before the first patient of the day. */
  current(): PatientSummary | null;
  select(patientId: string): PatientSummary;
  /** No patient in context any more (the next one is about to be admitted); today's list keeps them. */
  leave(): void;
  /** The patients opened at this desk today, the most recently used first ("patients of the day"). */
  list(): PatientSummary[];
  /**
   * The one way from a `patientId` to an INS: only a qualified identity (QUAL) has one to give.
   * Whatever the renderer sends, every DMP, documents and history call goes through here.
   */
  resolveQualified(patientId: string): QualifiedPatient;
  /**
   * An empty desk (a training lesson starting): nobody in context, no patient of the day, and a
   * card picked again opens a fresh session (the lesson's starting state, not the last one's).
   */
  clear(): void;
  /** Told when the patient in context changes, or their identity status or DMP status does. */
  onChange(listener: () => void): () => void;
  /** Settles once today's sessions are back from the store (at once without a store); it never rejects. */
  readonly restored: Promise<void>;
  /** An identity call changed this patient's record: the kept session follows. */
  updated(patientId: string): void;
  /** The patient's DMP as TD0.2 just answered: shown on the banner with its age, kept across restarts. */
  recordDmpStatus(patientId: string, status: DmpAccessStatus): void;
  /**
   * "Forget this patient": the session (and any other of the same INS), their DMP status and cached
   * documents, from memory and from the store; the desk is cleared if they were in context.
   */
  forget(patientId: string): Promise<ForgottenCounts>;
  /** Settles once every write asked for so far has reached the store (or failed, logged). */
  flushed(): Promise<void>;
}

interface KeptDmpStatus {
  readonly ins: DmpPatientRef;
  readonly status: DmpAccessStatus;
}

export function createPatientSessions(options: {
  readonly identity: IdentityService;
  readonly cards: CardService;
  readonly logger: Logger;
  /** Where the sessions are kept across restarts; absent: in memory only. */
  readonly store?: PatientSessionStore | undefined;
  readonly now?: () => Date;
}): PatientSessions {
  const { identity, cards, logger, store } = options;
  const now = options.now ?? (() => new Date());
  let currentId: string | undefined;
  /** Opened patient ids, most recently used last (a Set keeps insertion order; re-adding moves to the end). */
  let opened = new Set<string>();
  const lastUsed = new Map<string, string>();
  /**
   * The card beneficiary each session was opened from: picking the same person on the same card
   * again finds their session (status, INSi answer, document check) instead of starting over at PROV.
   */
  const byBeneficiary = new Map<string, string>();
  /** The same, by the store's keyed digest: how a session restored after a restart is found from the card. */
  const byDigest = new Map<string, string>();
  const digests = new Map<string, string>();
  const dmpStatuses = new Map<string, KeptDmpStatus>();
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };

  /** Writes go one after the other, in the order asked: a later state never lands before an earlier one. */
  let writes: Promise<unknown> = Promise.resolve();
  let lastFailure: string | undefined;
  const write = <T>(what: string, work: (kept: PatientSessionStore) => Promise<T>): Promise<T | undefined> => {
    if (store === undefined) return Promise.resolve(undefined);
    const done = writes.then(
      () => work(store),
      () => work(store),
    );
    writes = done.then(
      () => (lastFailure = undefined),
      (error: unknown) => {
        // A store that stays closed (no keystore) is said once, not at every patient picked.
        const code = isAppError(error) ? error.code : 'INTERNAL_ERROR';
        if (code !== lastFailure) logger.warn('session.store_failed', { what, code });
        lastFailure = code;
      },
    );
    return done;
  };
  const save = (patientId: string): void => {
    if (store === undefined || !opened.has(patientId)) return;
    const entry = {
      identity: identity.snapshot(patientId),
      day: localDay(now()),
      lastUsedAt: lastUsed.get(patientId) ?? now().toISOString(),
      beneficiary: digests.get(patientId) ?? null,
    };
    void write('session', (kept) => kept.save(entry)).catch(() => undefined);
  };

  const use = (patientId: string): void => {
    opened.delete(patientId);
    opened.add(patientId);
    lastUsed.set(patientId, now().toISOString());
    currentId = patientId;
    save(patientId);
  };

  /** The INS of a qualified identity, as the DMP names it; undefined otherwise. */
  const qualifiedInsOf = (record: IdentityRecordView): DmpPatientRef | undefined =>
    record.status === 'QUAL' && record.insi !== undefined ? insKey(record.insi.active) : undefined;

  const summaryOf = (patientId: string): PatientSummary => {
    const record = identity.get(patientId);
    const ins = qualifiedInsOf(record);
    const dmp = dmpStatuses.get(patientId);
    // Shown only for the INS it was asked about: new traits (back to PROV) or another INS make it someone else's answer.
    return patientSummary(
      record,
      dmp !== undefined && ins !== undefined && sameIns(dmp.ins, ins) ? dmp.status : undefined,
    );
  };

  /** A qualified patient with no DMP status in memory gets the last one this desk kept for their INS. */
  const recallDmpStatus = (patientId: string): void => {
    if (store === undefined || dmpStatuses.has(patientId)) return;
    const ins = qualifiedInsOf(identity.get(patientId));
    if (ins === undefined) return;
    void write('dmp_status_read', (kept) => kept.dmpStatus(ins)).then(
      (status) => {
        if (status === undefined || dmpStatuses.has(patientId) || !opened.has(patientId)) return;
        dmpStatuses.set(patientId, { ins, status });
        if (currentId === patientId) changed();
      },
      () => undefined,
    );
  };

  const restored: Promise<void> =
    store === undefined
      ? Promise.resolve()
      : write('restore', (kept) => kept.resume(localDay(now()))).then(
          async (resumed) => {
            if (resumed === undefined || store === undefined) return;
            if (resumed.skipped > 0) logger.warn('session.restore_skipped', { sessions: resumed.skipped });
            const back: string[] = [];
            for (const session of resumed.sessions) {
              const patientId = session.identity.patientId;
              // Opened again since start (a card picked before the store answered): the live session wins.
              if (opened.has(patientId)) continue;
              try {
                identity.restore(session.identity);
              } catch {
                continue;
              }
              back.push(patientId);
              lastUsed.set(patientId, session.lastUsedAt);
              if (session.beneficiary !== null) {
                byDigest.set(session.beneficiary, patientId);
                digests.set(patientId, session.beneficiary);
              }
            }
            // They were used before anything opened since start: they come first in the Set (least recent).
            opened = new Set([...back, ...opened]);
            // Their last DMP status is part of what the list shows: back before `restored` settles.
            for (const patientId of back) {
              const ins = qualifiedInsOf(identity.get(patientId));
              const status = ins === undefined ? undefined : await store.dmpStatus(ins).catch(() => undefined);
              if (ins !== undefined && status !== undefined && !dmpStatuses.has(patientId)) {
                dmpStatuses.set(patientId, { ins, status });
              }
            }
            if (back.length > 0) logger.info('session.restored', { sessions: back.length });
          },
          () => undefined,
        );

  const forgetInMemory = (patientId: string): void => {
    opened.delete(patientId);
    lastUsed.delete(patientId);
    dmpStatuses.delete(patientId);
    const digest = digests.get(patientId);
    if (digest !== undefined) byDigest.delete(digest);
    digests.delete(patientId);
    for (const [key, id] of byBeneficiary) if (id === patientId) byBeneficiary.delete(key);
    identity.forget(patientId);
  };

  return {
    restored,
    async open(source) {
      let record: IdentityRecordView;
      let digest: string | undefined;
      if ('reader' in source) {
        // Read by main from the card in the reader (the card service keeps one read per insertion).
        const beneficiaries = await cards.readVitale(source.reader);
        const beneficiary = beneficiaries.find((b) => b.index === source.beneficiaryIndex);
        if (beneficiary === undefined) throw new AppError('IDENTITY_NOT_FOUND', { details: { source: 'vitale' } });
        const key = [beneficiary.nir, beneficiary.birthDate, beneficiary.lastName, beneficiary.firstName].join('|');
        if (store !== undefined) {
          await restored;
          digest = await store.beneficiaryDigest(beneficiary).catch(() => undefined);
        }
        const known = byBeneficiary.get(key) ?? (digest === undefined ? undefined : byDigest.get(digest));
        if (known !== undefined && opened.has(known)) {
          // A session restored after a restart kept the card's traits only: the card gives back the rest.
          identity.attachCard(known, beneficiary);
          byBeneficiary.set(key, known);
          const again = identity.get(known);
          if (currentId !== known) {
            use(known);
            changed();
          }
          return again;
        }
        record = identity.open({ vitale: beneficiary });
        byBeneficiary.set(key, record.patientId);
      } else {
        record = identity.open({ traits: source.traits });
      }
      if (digest !== undefined) {
        digests.set(record.patientId, digest);
        byDigest.set(digest, record.patientId);
      }
      opened.add(record.patientId);
      use(record.patientId);
      logger.info('session.patient_opened', { fromCard: 'reader' in source });
      changed();
      return record;
    },
    current: () => (currentId === undefined ? null : summaryOf(currentId)),
    select(patientId) {
      const summary = summaryOf(patientId);
      if (currentId !== patientId) {
        use(patientId);
        changed();
      }
      return summary;
    },
    list: () => [...opened].reverse().map(summaryOf),
    leave() {
      if (currentId === undefined) return;
      currentId = undefined;
      changed();
    },
    resolveQualified(patientId) {
      const { ins, traits } = identity.qualifiedIns(patientId);
      return { patientId, ins: insKey(ins), traits };
    },
    clear() {
      const ids = [...opened];
      opened.clear();
      byBeneficiary.clear();
      byDigest.clear();
      digests.clear();
      dmpStatuses.clear();
      // The lesson's patients are gone from the store too; their cached DMP answers go with the retention.
      if (ids.length > 0) void write('clear', (kept) => kept.forget(ids, undefined)).catch(() => undefined);
      if (currentId === undefined) return;
      currentId = undefined;
      logger.info('session.patient_cleared');
      changed();
    },
    updated(patientId) {
      save(patientId);
      if (opened.has(patientId)) recallDmpStatus(patientId);
    },
    recordDmpStatus(patientId, status) {
      if (!opened.has(patientId)) return;
      const ins = qualifiedInsOf(identity.get(patientId));
      if (ins === undefined) return;
      dmpStatuses.set(patientId, { ins, status });
      void write('dmp_status', (kept) => kept.saveDmpStatus(ins, status)).catch(() => undefined);
      if (currentId === patientId) changed();
    },
    async forget(patientId) {
      const ins = qualifiedInsOf(identity.get(patientId));
      // The same person may have been opened twice today (card, then typed): one INS, one patient to forget.
      const ids = [patientId];
      if (ins !== undefined) {
        for (const other of opened) {
          if (other === patientId) continue;
          const otherIns = qualifiedInsOf(identity.get(other));
          if (otherIns !== undefined && sameIns(otherIns, ins)) ids.push(other);
        }
      }
      const wasCurrent = currentId !== undefined && ids.includes(currentId);
      for (const id of ids) forgetInMemory(id);
      if (wasCurrent) currentId = undefined;
      logger.info('session.patient_forgotten', { sessions: ids.length, qualified: ins !== undefined });
      if (wasCurrent) changed();
      // Queued behind any write still on its way, so no late save brings a row back.
      const counts = await write('forget', (kept) => kept.forget(ids, ins));
      return counts ?? { sessions: ids.length, documents: 0, dmpStatus: 0, pendingDeliveries: 0 };
    },
    flushed: () => writes.then(() => undefined),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function sameIns(a: DmpPatientRef, b: DmpPatientRef): boolean {
  return a.oid === b.oid && a.matricule === b.matricule;
}

/** The traits the desk shows as the identity's: typed (from the document), else INSi's, else the card's. */
export function patientSummary(record: IdentityRecordView, dmp?: DmpAccessStatus): PatientSummary {
  const traits = record.typed ?? record.insi?.traits ?? record.vitale;
  const active = record.insi?.active;
  return {
    patientId: record.patientId,
    status: record.status,
    family: traits?.birthName ?? '',
    given: traits?.firstNames[0] ?? '',
    birthDate: traits?.birthDate ?? '',
    ...(traits?.sex === undefined ? {} : { sex: traits.sex }),
    ...(record.status === 'QUAL' && active !== undefined
      ? { ins: { matricule: `${active.nir13}${active.key}`, kind: active.kind } }
      : {}),
    ...(dmp === undefined
      ? {}
      : { dmp: { existence: dmp.existence, authorization: dmp.authorization, checkedAt: dmp.checkedAt } }),
  };
}
