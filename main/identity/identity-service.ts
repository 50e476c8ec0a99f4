import { randomUUID } from 'node:crypto';
import type { VitaleBeneficiary } from '../../shared/domain/cards';
import type {
  DocumentCheck,
  IdentityAttribute,
  IdentityRecordView,
  IdentityStatus,
  IdentityTraits,
  Ins,
  InsiIndividual,
  VitaleIdentityInput,
} from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { assertDocumentAllowed } from './documents';
import { computeInsc } from './insc';
import type { InsiClient } from './insi/client';
import { parseNir } from './nir';
import { mayShareIns, nextStatus, type IdentityEvent } from './status';
import { compareTraits, normalizeTraits, traitsFromVitale } from './traits';
import { vitaleIdentityFromBeneficiary } from './vitale';

/**
 * The identity records of the patients at the desk, in memory; the patient sessions keep a
 * snapshot of each in the encrypted store (main/session/patient-store.ts) and restore today's at
 * start. A record keeps each source of traits apart (card, typed, INSi); nothing is merged
 * without an explicit operator action.
 */
export interface IdentityService {
  open(source: { vitale?: VitaleBeneficiary | undefined; traits?: IdentityTraits | undefined }): IdentityRecordView;
  get(patientId: string): IdentityRecordView;
  /** The operator's typed traits (from the identity document). Changing them voids both proofs. */
  setTypedTraits(patientId: string, traits: IdentityTraits): IdentityRecordView;
  searchWithVitale(patientId: string): Promise<IdentityRecordView>;
  searchWithTraits(patientId: string): Promise<IdentityRecordView>;
  /** The operator takes the INSi traits as the identity's traits (after checking them against the document). */
  adoptInsiTraits(patientId: string): IdentityRecordView;
  recordDocumentCheck(patientId: string, documentType: string, checkedOn?: string): IdentityRecordView;
  /** RNIV attributes; setting DOUT or FICT voids a document check and forbids a new one (IDENTITY_DOUBTFUL). */
  setAttributes(patientId: string, attributes: readonly IdentityAttribute[]): IdentityRecordView;
  /** The INS for exchanges (DMP, documents): only for a qualified identity (IDENTITY_NOT_QUALIFIED otherwise). */
  qualifiedIns(patientId: string): { ins: Ins; traits: IdentityTraits };
  /** What of the record survives a restart of the desk (see IdentitySnapshot). */
  snapshot(patientId: string): IdentitySnapshot;
  /** A record kept by an earlier run of the desk, under its own patientId. */
  restore(snapshot: IdentitySnapshot): IdentityRecordView;
  /**
   * The card read again for a restored record (whose card data was not kept): the record gets the
   * card's data back, so an INSi search by card works again. A record that has it already is left alone.
   */
  attachCard(patientId: string, beneficiary: VitaleBeneficiary): void;
  /** The record is dropped ("forget this patient"); unknown ids are ignored. */
  forget(patientId: string): void;
}

/**
 * A record as the encrypted store keeps it for "patients of the day": the status and the proofs
 * it rests on, no more. The INSi answer (and with it the INS) is kept only for a qualified
 * identity, the one status allowed to use it; a RECUP identity, whose only proof is that answer,
 * comes back PROV (the INSi search is one action away). The card's NIRs are not kept (the holder's
 * may be another person's): the card's traits only, for display; reading the card again brings the rest.
 */
export type IdentitySnapshot = Pick<
  IdentityRecordView,
  'patientId' | 'status' | 'attributes' | 'vitale' | 'typed' | 'insi' | 'documentCheck'
>;

interface IdentityRecord {
  readonly patientId: string;
  status: IdentityStatus;
  attributes: readonly IdentityAttribute[];
  vitaleInput?: VitaleIdentityInput;
  vitale?: IdentityTraits;
  typed?: IdentityTraits;
  insi?: InsiIndividual;
  documentCheck?: DocumentCheck;
}

export interface IdentityServiceDeps {
  /** Undefined when no INSi endpoint is configured: searches then fail with INSI_NOT_CONFIGURED. */
  readonly insi: InsiClient | undefined;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly onStatusChanged?: (patientId: string, status: IdentityStatus) => void;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Disagreements that stop an INSi answer from counting as a match of the typed identity. */
const BLOCKING = new Set(['birthName', 'firstNames', 'sex', 'birthDate']);

export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const records = new Map<string, IdentityRecord>();
  const now = deps.now ?? (() => new Date());

  const find = (patientId: string): IdentityRecord => {
    const record = records.get(patientId);
    if (record === undefined) throw new AppError('IDENTITY_NOT_FOUND');
    return record;
  };

  const apply = (record: IdentityRecord, event: IdentityEvent): void => {
    const before = record.status;
    record.status = nextStatus(record.status, event);
    if (event === 'TRAITS_CHANGED') {
      delete record.insi;
      delete record.documentCheck;
    }
    if (event === 'DOCUMENT_VOIDED') delete record.documentCheck;
    if (record.status !== before) {
      deps.logger.info('identity.status', { from: before, to: record.status, trigger: event });
      deps.onStatusChanged?.(record.patientId, record.status);
    }
  };

  const insiDisagrees = (record: IdentityRecord, insi: InsiIndividual): boolean =>
    record.typed !== undefined &&
    compareTraits({ typed: record.typed, insi: insi.traits }).some((d) => BLOCKING.has(d.field));

  const acceptInsi = (record: IdentityRecord, individual: InsiIndividual): IdentityRecordView => {
    record.insi = individual;
    // A different person than the typed one is shown, not counted: the operator decides.
    if (!insiDisagrees(record, individual)) apply(record, 'INSI_MATCHED');
    else deps.logger.info('identity.insi_discrepancy', { status: record.status });
    return view(record);
  };

  const insiClient = (): InsiClient => {
    if (deps.insi === undefined) throw new AppError('INSI_NOT_CONFIGURED');
    return deps.insi;
  };

  return {
    open(source) {
      const record: IdentityRecord = { patientId: randomUUID(), status: 'PROV', attributes: [] };
      if (source.vitale !== undefined) {
        record.vitaleInput = vitaleIdentityFromBeneficiary(source.vitale);
        record.vitale = traitsFromVitale(record.vitaleInput);
      }
      if (source.traits !== undefined) record.typed = normalizeTraits(source.traits);
      if (record.vitale === undefined && record.typed === undefined) throw new AppError('IDENTITY_TRAITS_MISSING');
      records.set(record.patientId, record);
      deps.logger.info('identity.opened', { fromCard: record.vitale !== undefined });
      // A new patient at the desk: whoever followed the previous one (the DMP panel) must let go.
      deps.onStatusChanged?.(record.patientId, record.status);
      return view(record);
    },

    get: (patientId) => view(find(patientId)),

    setTypedTraits(patientId, traits) {
      const record = find(patientId);
      const typed = normalizeTraits(traits);
      const changed = JSON.stringify(typed) !== JSON.stringify(record.typed);
      record.typed = typed;
      if (changed) apply(record, 'TRAITS_CHANGED');
      return view(record);
    },

    async searchWithVitale(patientId) {
      const record = find(patientId);
      const input = record.vitaleInput;
      if (input === undefined) throw new AppError('INSI_VITALE_NIR_MISSING');
      const holder = parseVitaleNir(input.holderNir);
      const own = input.ownNir === undefined ? undefined : parseVitaleNir(input.ownNir);
      const match = await insiClient().searchWithVitale({
        ...(own === undefined ? {} : { individual: own }),
        holder,
        birthName: (record.vitale ?? traitsFromVitale(input)).birthName,
        birthDate: (record.vitale ?? traitsFromVitale(input)).birthDate,
        birthRank: input.birthRank ?? 1,
      });
      return acceptInsi(record, match.individual);
    },

    async searchWithTraits(patientId) {
      const record = find(patientId);
      if (record.typed === undefined) throw new AppError('IDENTITY_TRAITS_MISSING');
      const match = await insiClient().searchWithTraits(record.typed);
      return acceptInsi(record, match.individual);
    },

    adoptInsiTraits(patientId) {
      const record = find(patientId);
      if (record.insi === undefined) throw new AppError('IDENTITY_TRAITS_MISSING');
      const insi = record.insi;
      // Without typed traits, any document check was made against these very INSi traits.
      const changed = insiDisagrees(record, insi);
      record.typed = insi.traits;
      if (changed) {
        apply(record, 'TRAITS_CHANGED');
        record.insi = insi;
      }
      apply(record, 'INSI_MATCHED');
      return view(record);
    },

    recordDocumentCheck(patientId, documentType, checkedOn) {
      const record = find(patientId);
      if (record.attributes.length > 0) throw new AppError('IDENTITY_DOUBTFUL');
      // The document is checked against the traits shown as the identity's: typed, else INSi, else the card's.
      const reference = record.typed ?? record.insi?.traits ?? record.vitale;
      if (reference === undefined) throw new AppError('IDENTITY_TRAITS_MISSING');
      const on = checkedOn ?? today(now());
      const type = assertDocumentAllowed(documentType, reference.birthDate, on);
      record.documentCheck = { documentType: type, checkedOn: on };
      apply(record, 'DOCUMENT_CHECKED');
      return view(record);
    },

    setAttributes(patientId, attributes) {
      const record = find(patientId);
      record.attributes = [...new Set(attributes)].sort();
      if (record.attributes.length > 0) apply(record, 'DOCUMENT_VOIDED');
      return view(record);
    },

    qualifiedIns(patientId) {
      const record = find(patientId);
      if (!mayShareIns(record.status) || record.insi === undefined) throw new AppError('IDENTITY_NOT_QUALIFIED');
      return { ins: record.insi.active, traits: record.insi.traits };
    },

    snapshot(patientId) {
      const record = find(patientId);
      const qualified = mayShareIns(record.status) && record.insi !== undefined;
      return {
        patientId: record.patientId,
        status: record.status === 'RECUP' ? 'PROV' : record.status,
        attributes: record.attributes,
        ...(record.vitale === undefined ? {} : { vitale: record.vitale }),
        ...(record.typed === undefined ? {} : { typed: record.typed }),
        // The INS history is not needed to go on (the active INS is what every exchange carries).
        ...(qualified && record.insi !== undefined
          ? { insi: { active: record.insi.active, history: [], traits: record.insi.traits } }
          : {}),
        ...(record.documentCheck === undefined ? {} : { documentCheck: record.documentCheck }),
      };
    },

    restore(snapshot) {
      // A qualified identity without its INSi answer is not one: it comes back as far as its proofs go.
      const status = snapshot.status === 'QUAL' && snapshot.insi === undefined ? 'VALI' : snapshot.status;
      const record: IdentityRecord = {
        patientId: snapshot.patientId,
        status,
        attributes: [...snapshot.attributes],
        ...(snapshot.vitale === undefined ? {} : { vitale: snapshot.vitale }),
        ...(snapshot.typed === undefined ? {} : { typed: snapshot.typed }),
        ...(snapshot.insi === undefined || status !== 'QUAL' ? {} : { insi: snapshot.insi }),
        ...(snapshot.documentCheck === undefined ? {} : { documentCheck: snapshot.documentCheck }),
      };
      if (record.vitale === undefined && record.typed === undefined && record.insi === undefined) {
        throw new AppError('IDENTITY_TRAITS_MISSING');
      }
      records.set(record.patientId, record);
      return view(record);
    },

    attachCard(patientId, beneficiary) {
      const record = find(patientId);
      if (record.vitaleInput !== undefined) return;
      record.vitaleInput = vitaleIdentityFromBeneficiary(beneficiary);
      record.vitale = traitsFromVitale(record.vitaleInput);
    },

    forget(patientId) {
      records.delete(patientId);
    },
  };
}

function parseVitaleNir(value: string): { nir13: string; key: string } {
  try {
    const parsed = parseNir(value);
    if (parsed.key === undefined) throw new AppError('INSI_VITALE_NIR_MISSING');
    return { nir13: parsed.nir13, key: parsed.key };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INSI_VITALE_NIR_MISSING') throw error;
    throw new AppError('INSI_VITALE_NIR_MISSING', { cause: error });
  }
}

function inscOf(input: VitaleIdentityInput | undefined): string | undefined {
  if (input?.ownNir === undefined) return undefined;
  try {
    return computeInsc({ firstName: input.firstName, birthDate: input.birthDate, ownNir: input.ownNir }).value;
  } catch {
    return undefined;
  }
}

function canSearchWithVitale(input: VitaleIdentityInput | undefined): boolean {
  if (input === undefined) return false;
  try {
    return parseNir(input.holderNir).key !== undefined;
  } catch {
    return false;
  }
}

function view(record: IdentityRecord): IdentityRecordView {
  const insc = inscOf(record.vitaleInput);
  return {
    patientId: record.patientId,
    status: record.status,
    attributes: record.attributes,
    ...(record.vitale === undefined ? {} : { vitale: record.vitale }),
    ...(record.typed === undefined ? {} : { typed: record.typed }),
    ...(record.insi === undefined ? {} : { insi: record.insi }),
    discrepancies: compareTraits({ vitale: record.vitale, typed: record.typed, insi: record.insi?.traits }),
    ...(record.documentCheck === undefined ? {} : { documentCheck: record.documentCheck }),
    canSearchWithVitale: canSearchWithVitale(record.vitaleInput),
    ...(insc === undefined ? {} : { insc }),
  };
}
