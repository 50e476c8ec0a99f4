import type { DmpPatientRef, PatientSummary } from '../../shared/api';
import type { IdentityRecordView, IdentityTraits } from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';
import type { CardService } from '../cards/card-service';
import type { IdentityService } from '../identity/identity-service';
import type { Logger } from '../log/logger';

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
 */
export interface PatientSessions {
  open(source: PatientSource): Promise<IdentityRecordView>;
  /** The patient in context, for display; null before the first patient of the day. */
  current(): PatientSummary | null;
  select(patientId: string): PatientSummary;
  /** No patient in context any more (the next one is about to be admitted); today's list keeps them. */
  leave(): void;
  /** The patients opened at this desk since start, the most recently used first ("patients of the day"). */
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
  /** Told when the patient in context changes, or their identity status does. */
  onChange(listener: () => void): () => void;
}

export function createPatientSessions(options: {
  readonly identity: IdentityService;
  readonly cards: CardService;
  readonly logger: Logger;
}): PatientSessions {
  const { identity, cards } = options;
  let currentId: string | undefined;
  /** Opened patient ids, most recently used last (a Set keeps insertion order; re-adding moves to the end). */
  const opened = new Set<string>();
  /**
   * The card beneficiary each session was opened from: picking the same person on the same card
   * again finds their session (status, INSi answer, document check) instead of starting over at PROV.
   */
  const byBeneficiary = new Map<string, string>();
  const use = (patientId: string): void => {
    opened.delete(patientId);
    opened.add(patientId);
    currentId = patientId;
  };
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const summaryOf = (patientId: string): PatientSummary => patientSummary(identity.get(patientId));

  return {
    async open(source) {
      let record: IdentityRecordView;
      if ('reader' in source) {
        // Read by main from the card in the reader (the card service keeps one read per insertion).
        const beneficiaries = await cards.readVitale(source.reader);
        const beneficiary = beneficiaries.find((b) => b.index === source.beneficiaryIndex);
        if (beneficiary === undefined) throw new AppError('IDENTITY_NOT_FOUND', { details: { source: 'vitale' } });
        const key = [beneficiary.nir, beneficiary.birthDate, beneficiary.lastName, beneficiary.firstName].join('|');
        const known = byBeneficiary.get(key);
        if (known !== undefined) {
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
      use(record.patientId);
      options.logger.info('session.patient_opened', { fromCard: 'reader' in source });
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
      return { patientId, ins: { matricule: `${ins.nir13}${ins.key}`, oid: ins.oid }, traits };
    },
    clear() {
      opened.clear();
      byBeneficiary.clear();
      if (currentId === undefined) return;
      currentId = undefined;
      options.logger.info('session.patient_cleared');
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The traits the desk shows as the identity's: typed (from the document), else INSi's, else the card's. */
export function patientSummary(record: IdentityRecordView): PatientSummary {
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
  };
}
