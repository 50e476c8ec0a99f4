/**
 * The ready lessons of training mode (the seed documents' "simulateur pour s'exercer"). Each is
 * data: the patient, the carte Vitale they bring, which cards are in the readers, and the
 * patient-side state of the national DMP. Starting one resets the DMP simulator to its seed,
 * sets that state through the simulator's admin API, and builds fresh virtual cards, so a lesson
 * always starts the same way however the previous one ended.
 *
 * The INSi simulator's identity base is fixed; each Vitale is chosen so that INSi answers as the
 * lesson needs (simulators/insi/identities.ts): ADRUN ZOE is absent from it (01, no identity),
 * HOMONYME CAMILLE is two women until every first name is sent (02, several identities). HERMANN,
 * whose NIR keys the national test base serves unchecked, is left out: the desk refuses his card's NIR.
 */
import type { TrainingCard, TrainingScenario, TrainingScenarioId } from '../../shared/api';
import {
  VirtualVitale2,
  type VirtualCps3,
  type VirtualReader,
  type VitaleBeneficiaryData,
} from '../../simulators/cards';
import type { DmpAdmin } from '../../simulators/national-dmp';

export interface TrainingScenarioDefinition {
  readonly id: TrainingScenarioId;
  /** The lesson's patient, as the trainer names them (family name, first name). */
  readonly patient: string;
  /** The people on the carte Vitale the patient brings; null: the patient came without one. */
  readonly vitale: readonly VitaleBeneficiaryData[] | null;
  /** The cards already in the readers when the lesson starts (the PIN is always left to type). */
  readonly inserted: Readonly<Record<TrainingCard, boolean>>;
  /** The patient-side state on the DMP, set after the reset to the seed; `practitioner` is the CPS holder. */
  prepare(admin: DmpAdmin, practitioner: string): void;
}

/** The DMPs of the lessons (simulators/national-dmp/seed.ts). */
export const SCENARIO_NIRS = {
  adrtroisDominique: '297022A02077878',
  corse: '180032B02040123',
  ecetinsi: '209066322012355',
  tchitchi: '236066322083656',
} as const;

const unchanged = (): void => undefined;

export const TRAINING_SCENARIOS: readonly TrainingScenarioDefinition[] = [
  {
    // Admission from scratch: card, INSi, identity document, CPS and PIN; this patient has no DMP yet.
    id: 'new-patient',
    patient: 'ADRTROIS TOUSSAINT',
    vitale: [{ lastName: 'ADRTROIS', firstName: 'TOUSSAINT', birthDate: '19600101', nir: '160012B02077713' }],
    inserted: { vitale: false, cps: false },
    prepare: unchanged,
  },
  {
    // INSi knows nobody with this card (01): the identity stays provisional, nothing goes to the DMP.
    id: 'insi-no-match',
    patient: 'ADRUN ZOE',
    vitale: [{ lastName: 'ADRUN', firstName: 'ZOE', birthDate: '19751225', nir: '275127505699955' }],
    inserted: { vitale: true, cps: false },
    prepare: unchanged,
  },
  {
    // No card: traits typed from the identity document; the usual first name alone matches two women (02).
    id: 'insi-several',
    patient: 'HOMONYME CAMILLE',
    vitale: null,
    inserted: { vitale: false, cps: false },
    prepare: unchanged,
  },
  {
    // The doctor is authorized and the DMP already holds reports: deposit one, then replace it.
    id: 'deposit-replace',
    patient: 'CORSE ANTHONY',
    vitale: [{ lastName: 'CORSE', firstName: 'ANTHONY', birthDate: '19800302', nir: SCENARIO_NIRS.corse }],
    inserted: { vitale: true, cps: true },
    prepare: (admin, practitioner) => admin.authorizeProfessional(SCENARIO_NIRS.corse, practitioner),
  },
  {
    // The patient blocked this very doctor in Mon espace santé: no access, not even in an emergency.
    id: 'blocked-doctor',
    patient: 'ECETINSI PIERRE-ALAIN',
    vitale: [{ lastName: 'ECETINSI', firstName: 'PIERRE-ALAIN', birthDate: '20090714', nir: SCENARIO_NIRS.ecetinsi }],
    inserted: { vitale: true, cps: true },
    prepare: (admin, practitioner) => admin.blockProfessional(SCENARIO_NIRS.ecetinsi, practitioner),
  },
  {
    // Not authorized, no opposition: bris de glace, with the reason written and traced.
    id: 'emergency-access',
    patient: 'ADRTROIS DOMINIQUE',
    vitale: [
      { lastName: 'ADRTROIS', firstName: 'DOMINIQUE', birthDate: '19970226', nir: SCENARIO_NIRS.adrtroisDominique },
    ],
    inserted: { vitale: true, cps: true },
    prepare: (admin) => admin.setOppositions(SCENARIO_NIRS.adrtroisDominique, { brisDeGlace: false, urgence: false }),
  },
  {
    // The patient closed the DMP: the desk says so, and nothing is read or deposited.
    id: 'closed-dmp',
    patient: 'TCHITCHI CATARINA',
    vitale: [{ lastName: 'TCHITCHI', firstName: 'CATARINA', birthDate: '19360621', nir: SCENARIO_NIRS.tchitchi }],
    inserted: { vitale: true, cps: true },
    prepare: (admin) => {
      if (admin.getDmp(SCENARIO_NIRS.tchitchi)?.status !== 'closed') admin.close(SCENARIO_NIRS.tchitchi);
    },
  },
];

/** The lesson under way and its virtual cards (no Vitale when the patient came without one). */
export interface Lesson {
  readonly scenario: TrainingScenarioDefinition | undefined;
  readonly cards: { readonly vitale: VirtualVitale2 | undefined; readonly cps: VirtualCps3 };
}

/**
 * Puts the simulators and the readers in the scenario's starting state: both cards pulled first
 * (the desk drops the practitioner and the card reads with them), the DMP simulator back to its
 * seed plus the training documents, the scenario's DMP state, then fresh cards, inserted as the
 * scenario says. Synchronous: no DMP request can land between the reset and the scenario's state.
 */
export function applyScenario(
  scenario: TrainingScenarioDefinition,
  target: {
    readonly admin: DmpAdmin;
    readonly readers: Readonly<Record<TrainingCard, VirtualReader>>;
    readonly newCps: () => VirtualCps3;
    /** The national id of the training CPS's holder. */
    readonly practitioner: string;
  },
): Lesson['cards'] {
  target.readers.vitale.remove();
  target.readers.cps.remove();
  target.admin.reset({ documents: true });
  scenario.prepare(target.admin, target.practitioner);
  const cards = {
    vitale: scenario.vitale === null ? undefined : new VirtualVitale2({ beneficiaries: scenario.vitale }),
    cps: target.newCps(),
  };
  if (scenario.inserted.vitale && cards.vitale !== undefined) target.readers.vitale.insert(cards.vitale);
  if (scenario.inserted.cps) target.readers.cps.insert(cards.cps);
  return cards;
}

export function trainingScenario(id: TrainingScenarioId): TrainingScenarioDefinition {
  const scenario = TRAINING_SCENARIOS.find((candidate) => candidate.id === id);
  // The id went through the IPC schema, which lists exactly these.
  if (scenario === undefined) throw new Error(`no training scenario ${id}`);
  return scenario;
}

/** What the renderer is told of a scenario (its script's words are in the renderer's i18n). */
export function scenarioSummary(scenario: TrainingScenarioDefinition): TrainingScenario {
  return { id: scenario.id, patient: scenario.patient, withVitale: scenario.vitale !== null };
}
