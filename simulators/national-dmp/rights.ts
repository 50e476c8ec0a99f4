/**
 * The functional rights matrix of the DMP, as data (PDT-INF-526 v1.8 for direct and indirect
 * authentication, PDT-INF-606 v1.3 for AIR), plus the patient-side rules that the matrix does not
 * show (blocked professionals, emergency-access oppositions, authorization, DMP state).
 * `decide` is pure: the caller passes the actor and the patient state it read.
 */
import { DMP_CODES, type DmpCode } from './fault-codes';

export type AccessMode = 'normal' | 'regulation' | 'bris_de_glace';

/** Matrix columns: who the caller is. */
export type ActorColumn =
  | 'ps_non_medecin'
  | 'medecin'
  | 'medecin_traitant'
  | 'medecin_du_travail'
  | 'cpe'
  | 'etablissement'
  | 'air_ps_non_medecin'
  | 'air_medecin'
  | 'air_medecin_traitant'
  | 'air_pe';

export type RightsTransaction =
  | 'TD0.2'
  | 'TD0.3.declare'
  | 'TD0.3.remove'
  | 'TD0.3.removeMT'
  | 'TD0.4'
  | 'TD0.5'
  | 'TD1.1'
  | 'TD1.2'
  | 'TD1.3a'
  | 'TD1.3b'
  | 'TD1.4'
  | 'TD1.6'
  | 'TD2.1'
  | 'TD3.1'
  | 'TD3.1b'
  | 'TD3.2'
  | 'TD3.3ab'
  | 'TD3.3c'
  | 'TD3.3d';

/** `true` = oui, `false` = non, a number = oui with that footnote of the matrix. */
type Cell = boolean | number;
/** One row: per column, per access mode. A mode absent from a column does not exist for that actor. */
type Row = Readonly<Partial<Record<ActorColumn, Readonly<Partial<Record<AccessMode, Cell>>>>>>;

const ALL: Readonly<Record<AccessMode, Cell>> = { normal: true, regulation: true, bris_de_glace: true };
const NORMAL_ONLY: Readonly<Record<AccessMode, Cell>> = { normal: true, regulation: false, bris_de_glace: false };
const NONE: Readonly<Record<AccessMode, Cell>> = { normal: false, regulation: false, bris_de_glace: false };
/** Médecin du travail: "sans objet" for the mode, one value whatever it is. */
const ANY = (cell: Cell): Readonly<Record<AccessMode, Cell>> => ({
  normal: cell,
  regulation: cell,
  bris_de_glace: cell,
});
const MT = (normal: Cell, brisDeGlace: Cell): Readonly<Partial<Record<AccessMode, Cell>>> => ({
  normal,
  bris_de_glace: brisDeGlace,
});
const ES = (normal: Cell, regulation: Cell): Readonly<Partial<Record<AccessMode, Cell>>> => ({ normal, regulation });

export const RIGHTS_MATRIX: Readonly<Record<RightsTransaction, Row>> = {
  'TD0.2': {
    ps_non_medecin: ALL,
    medecin: ALL,
    medecin_du_travail: ANY(true),
    medecin_traitant: MT(true, true),
    cpe: { normal: true },
    etablissement: ES(true, true),
    air_ps_non_medecin: ALL,
    air_medecin: ALL,
    air_medecin_traitant: MT(true, true),
    air_pe: { normal: true },
  },
  'TD0.3.declare': {
    ps_non_medecin: NORMAL_ONLY,
    medecin: NORMAL_ONLY,
    medecin_du_travail: ANY(false),
    medecin_traitant: MT(true, false),
    cpe: { normal: 1 },
    etablissement: ES(false, false),
    air_ps_non_medecin: NORMAL_ONLY,
    air_medecin: NORMAL_ONLY,
    air_medecin_traitant: MT(true, false),
    air_pe: { normal: 1 },
  },
  'TD0.3.remove': {
    ps_non_medecin: NORMAL_ONLY,
    medecin: NORMAL_ONLY,
    medecin_du_travail: ANY(false),
    medecin_traitant: MT(true, false),
    cpe: { normal: false },
    etablissement: ES(false, false),
    air_ps_non_medecin: NORMAL_ONLY,
    air_medecin: NORMAL_ONLY,
    air_medecin_traitant: MT(true, false),
    air_pe: { normal: false },
  },
  // "Se supprimer MT": M526 only; M606 has no such row, so AIR callers cannot do it.
  'TD0.3.removeMT': {
    ps_non_medecin: NONE,
    medecin: NONE,
    medecin_du_travail: ANY(false),
    medecin_traitant: MT(true, false),
    cpe: { normal: false },
    etablissement: ES(false, false),
  },
  'TD0.4': {
    ps_non_medecin: ALL,
    medecin: ALL,
    medecin_du_travail: ANY(true),
    medecin_traitant: MT(true, true),
    cpe: { normal: 2 },
    etablissement: ES(3, false),
    air_ps_non_medecin: ALL,
    air_medecin: ALL,
    air_medecin_traitant: MT(true, true),
    air_pe: { normal: 3 },
  },
  // Search without INS: régulation only (PDT-INF-526 v1.8); no MT column in régulation. PDT-INF-606
  // has no TD0.5 row: AIR is taken as direct mode, and its establishment column has no régulation.
  'TD0.5': {
    ps_non_medecin: { normal: false, regulation: true, bris_de_glace: false },
    medecin: { normal: false, regulation: true, bris_de_glace: false },
    medecin_du_travail: ANY(false),
    medecin_traitant: MT(false, false),
    cpe: { normal: false },
    etablissement: ES(false, true),
    air_ps_non_medecin: { normal: false, regulation: true, bris_de_glace: false },
    air_medecin: { normal: false, regulation: true, bris_de_glace: false },
    air_medecin_traitant: MT(false, false),
    air_pe: { normal: false },
  },
  'TD1.3a': {
    ps_non_medecin: ALL,
    medecin: ALL,
    medecin_du_travail: ANY(true),
    medecin_traitant: MT(true, true),
    cpe: { normal: true },
    etablissement: ES(true, true),
    air_ps_non_medecin: ALL,
    air_medecin: ALL,
    air_medecin_traitant: MT(true, true),
    air_pe: { normal: true },
  },
  'TD1.6': {
    ps_non_medecin: NORMAL_ONLY,
    medecin: NORMAL_ONLY,
    medecin_du_travail: ANY(true),
    medecin_traitant: MT(true, false),
    cpe: { normal: false },
    etablissement: ES(false, false),
    air_ps_non_medecin: NORMAL_ONLY,
    air_medecin: NORMAL_ONLY,
    air_medecin_traitant: MT(true, false),
    air_pe: { normal: false },
  },
  // Not in either matrix (TD1.3b/TD1.4 only appear in note 10; TD1.1/TD1.2 were withdrawn in 2021).
  // Assumption: patient administration by a professional in normal mode, the structure in indirect
  // normal mode, never in emergency modes, never by the médecin du travail or a non-PS.
  'TD1.1': administrationRow(),
  'TD1.2': administrationRow(),
  'TD1.3b': administrationRow(),
  'TD1.4': administrationRow(),
  // Documents (M526 TD2.1–TD3.3; M606: AIR reads as in direct mode but never feeds).
  'TD2.1': {
    ps_non_medecin: ALL,
    medecin: ALL,
    medecin_du_travail: ANY(true),
    medecin_traitant: MT(true, true),
    // TD2.2 (feeding by a CPE for a liberal practice) is the same ITI-41 on the wire.
    cpe: { normal: true },
    etablissement: ES(4, 4),
  },
  'TD3.1': consultationRow(ANY(true), ALL),
  // Reference-only search (TD3.1b): what a feeder without consultation rights may do on its own documents.
  'TD3.1b': {
    ...consultationRow(ANY(true), ALL),
    cpe: { normal: 5 },
    etablissement: ES(5, 5),
  },
  'TD3.2': consultationRow(ANY(false), ALL),
  'TD3.3ab': consultationRow(ANY(true), NORMAL_ONLY),
  'TD3.3c': {
    ...consultationRow(ANY(8), ALL, 8),
    cpe: { normal: 9 },
    etablissement: ES(9, 9),
  },
  'TD3.3d': {
    ...consultationRow(ANY(8), NORMAL_ONLY),
    medecin: { normal: 8, regulation: true, bris_de_glace: true },
    air_medecin: { normal: 8, regulation: true, bris_de_glace: true },
  },
};

/** Professionals only (CPE and establishment: non), same cells for AIR as for direct authentication. */
function consultationRow(
  occupational: Readonly<Record<AccessMode, Cell>>,
  professional: Readonly<Partial<Record<AccessMode, Cell>>>,
  ownNote?: number,
): Row {
  const ps = ownNote === undefined ? professional : ANY(ownNote);
  const mt = MT(ownNote ?? true, professional.bris_de_glace === true ? (ownNote ?? true) : false);
  return {
    ps_non_medecin: ps,
    medecin: ps,
    medecin_du_travail: occupational,
    medecin_traitant: mt,
    cpe: { normal: false },
    etablissement: ES(false, false),
    air_ps_non_medecin: ps,
    air_medecin: ps,
    air_medecin_traitant: mt,
    air_pe: { normal: false },
  };
}

function administrationRow(): Row {
  return {
    ps_non_medecin: NORMAL_ONLY,
    medecin: NORMAL_ONLY,
    medecin_du_travail: ANY(false),
    medecin_traitant: MT(true, false),
    cpe: { normal: false },
    etablissement: ES(true, false),
    air_ps_non_medecin: NORMAL_ONLY,
    air_medecin: NORMAL_ONLY,
    air_medecin_traitant: MT(true, false),
    air_pe: { normal: false },
  };
}

export interface Actor {
  readonly column: ActorColumn;
  readonly mode: AccessMode;
  /** PS national id, or the structure id for indirect and non-PS callers (the subject of an authorization). */
  readonly subjectId: string;
}

export type PatientState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly closed: boolean;
      readonly attachedToMes: boolean;
      readonly oppositionBrisDeGlace: boolean;
      readonly oppositionUrgence: boolean;
      readonly authorization: 'ACTIVE' | 'INTERDITE' | 'NONE';
    };

export type Decision =
  { readonly allow: true; readonly note?: number } | { readonly allow: false; readonly code: DmpCode };

const deny = (code: DmpCode): Decision => ({ allow: false, code });

/** Transactions that read or change one DMP and so need the patient's authorization in normal mode. */
const NEEDS_AUTHORIZATION = new Set<RightsTransaction>(['TD1.3a', 'TD1.3b', 'TD1.4', 'TD1.6', 'TD3.1', 'TD3.2']);
/** Note 10 of M526: only for DMPs not attached to Mon espace santé. */
const NOT_FOR_MES = new Set<RightsTransaction>(['TD1.3b', 'TD1.4']);
/** Patient-level transactions that do not need an existing DMP. */
const NO_DMP_NEEDED = new Set<RightsTransaction>(['TD0.2', 'TD0.4', 'TD0.5', 'TD1.1']);

export function matrixCell(column: ActorColumn, mode: AccessMode, transaction: RightsTransaction): Cell {
  const cell = RIGHTS_MATRIX[transaction][column]?.[mode];
  return cell ?? false;
}

export function decide(actor: Actor, transaction: RightsTransaction, patient: PatientState): Decision {
  const cell = matrixCell(actor.column, actor.mode, transaction);
  if (cell === false) return deny(DMP_CODES.deniedByRights);
  const allowed: Decision = cell === true ? { allow: true } : { allow: true, note: cell };

  if (!patient.exists) return NO_DMP_NEEDED.has(transaction) ? allowed : deny(DMP_CODES.notFound);
  if (transaction === 'TD1.1') return deny(patient.closed ? DMP_CODES.closed : DMP_CODES.found);
  if (transaction === 'TD1.2') return patient.closed ? allowed : deny(DMP_CODES.found);
  if (transaction === 'TD0.2' || transaction === 'TD0.4') return allowed;
  if (patient.closed) return deny(DMP_CODES.closed);
  if (NOT_FOR_MES.has(transaction) && patient.attachedToMes) return deny(DMP_CODES.attachedToMes);
  if (actor.mode === 'bris_de_glace' && patient.oppositionBrisDeGlace) return deny(DMP_CODES.deniedByPatient);
  if (actor.mode === 'regulation' && patient.oppositionUrgence) return deny(DMP_CODES.deniedByPatient);
  // A professional the patient blocked gets nothing, not even by declaring himself authorized again.
  if (patient.authorization === 'INTERDITE') return deny(DMP_CODES.deniedByPatient);
  const isTreatingDoctor = actor.column === 'medecin_traitant' || actor.column === 'air_medecin_traitant';
  if (
    actor.mode === 'normal' &&
    NEEDS_AUTHORIZATION.has(transaction) &&
    patient.authorization !== 'ACTIVE' &&
    !isTreatingDoctor
  ) {
    return deny(DMP_CODES.notAuthorized);
  }
  return allowed;
}
