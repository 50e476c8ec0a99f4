import { PATIENT_CLASS_CODE } from './constants';
import type { Actor } from '../rights';
import type { DocumentEntryRecord } from '../store/documents';
import type { VihfClaims } from '../vihf';

const TREATING_DOCTOR_COLUMNS = new Set<Actor['column']>(['medecin_traitant', 'air_medecin_traitant']);
/** Columns acting for a structure: their documents are the structure's (M526 note 9). */
const STRUCTURE_COLUMNS = new Set<Actor['column']>(['etablissement', 'cpe', 'air_pe']);

export interface DocumentCaller {
  readonly actor: Actor;
  readonly claims: VihfClaims;
  /** The patient let masked documents be read in bris de glace / centre 15 (M526 note 7). */
  readonly maskedVisibleInEmergency: boolean;
}

export const isTreatingDoctor = (caller: DocumentCaller): boolean => TREATING_DOCTOR_COLUMNS.has(caller.actor.column);

/** The caller wrote the document: same PS, or for a structure-level caller the same structure. */
export function isAuthor(entry: DocumentEntryRecord, caller: DocumentCaller): boolean {
  if (STRUCTURE_COLUMNS.has(caller.actor.column)) return entry.authorStructure === caller.claims.structureId;
  return entry.authorId !== null && entry.authorId === caller.claims.nameId;
}

const sameStructure = (entry: DocumentEntryRecord, caller: DocumentCaller): boolean =>
  entry.authorStructure !== null && entry.authorStructure === caller.claims.structureId;

/**
 * Whether the caller may see this entry's metadata (TD3.1) and content (TD3.2), once the matrix
 * allowed the transaction. Masked documents: author and MT in normal mode; in emergency modes only
 * if the patient allowed it. The médecin du travail sees only what he wrote.
 */
export function canSee(entry: DocumentEntryRecord, caller: DocumentCaller): boolean {
  if (caller.actor.column === 'medecin_du_travail') return isAuthor(entry, caller);
  if (STRUCTURE_COLUMNS.has(caller.actor.column)) return isAuthor(entry, caller);
  if (!entry.masked) return true;
  if (caller.actor.mode !== 'normal') return caller.maskedVisibleInEmergency;
  return isAuthor(entry, caller) || isTreatingDoctor(caller);
}

/** Delete and archive: the author or the author's structure; a patient's own document, the MT only. */
export function canDeleteOrArchive(
  entry: DocumentEntryRecord,
  caller: DocumentCaller,
  operation: 'delete' | 'archive',
): boolean {
  if (entry.classCode === PATIENT_CLASS_CODE) return isTreatingDoctor(caller);
  if (isAuthor(entry, caller) || sameStructure(entry, caller)) return true;
  // Archiving is open to the MT, and to a médecin in régulation / bris de glace (M526 TD3.3d).
  if (operation === 'archive') {
    return isTreatingDoctor(caller) || (caller.actor.mode !== 'normal' && caller.actor.column.endsWith('medecin'));
  }
  return false;
}

/** Masking or hiding is open to any reader of the document; lifting it, to its author or the MT (note 8). */
export function canChangeConfidentiality(
  entry: DocumentEntryRecord,
  caller: DocumentCaller,
  direction: 'restrict' | 'lift',
): boolean {
  if (!canSee(entry, caller)) return false;
  if (direction === 'restrict') return true;
  return isAuthor(entry, caller) || isTreatingDoctor(caller);
}
