import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyScenario,
  SCENARIO_NIRS,
  scenarioSummary,
  trainingScenario,
  TRAINING_SCENARIOS,
  type TrainingScenarioDefinition,
} from '../../../main/training/scenarios';
import { TrainingScenarioIdSchema, type TrainingScenarioId } from '../../../shared/api';
import { DEMO_PRACTITIONER, VirtualCps3, VirtualReader, type CpsKeyMaterial } from '../../../simulators/cards';
import { DEFAULT_IDENTITIES } from '../../../simulators/insi';
import { matchTraits, matchVitale } from '../../../simulators/insi/matching';
import { createAdmin, type DmpAdmin } from '../../../simulators/national-dmp/admin';
import { seedStore } from '../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../simulators/national-dmp/store/store';
import { cachedTestPki } from '../../support/pcsc-virtual';

const PRACTITIONER = DEMO_PRACTITIONER.nationalId;
const TOUSSAINT = '160012B02077713';
let keys: { auth: CpsKeyMaterial; sign: CpsKeyMaterial };
const stores: SimulatorStore[] = [];

beforeAll(async () => {
  keys = await (await cachedTestPki()).issueCps(DEMO_PRACTITIONER);
});

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A seeded DMP simulator left in a state a previous lesson could have left: the scenario must undo it. */
function usedSimulator(): DmpAdmin {
  const store = new SimulatorStore(':memory:');
  stores.push(store);
  seedStore(store, new Date('2026-01-01T00:00:00Z'));
  const admin = createAdmin(store);
  admin.close(SCENARIO_NIRS.corse);
  admin.blockProfessional(SCENARIO_NIRS.adrtroisDominique, PRACTITIONER);
  admin.setOppositions(SCENARIO_NIRS.adrtroisDominique, { brisDeGlace: true });
  admin.authorizeProfessional(SCENARIO_NIRS.ecetinsi, PRACTITIONER);
  admin.reopen(SCENARIO_NIRS.tchitchi);
  admin.setRefuseCreation(true);
  return admin;
}

function applied(id: TrainingScenarioId) {
  const admin = usedSimulator();
  const readers = { vitale: new VirtualReader('vitale'), cps: new VirtualReader('cps') };
  // Cards from a previous lesson, still in the readers.
  readers.cps.insert(new VirtualCps3({ holder: DEMO_PRACTITIONER, ...keys }));
  const cards = applyScenario(trainingScenario(id), {
    admin,
    readers,
    newCps: () => new VirtualCps3({ holder: DEMO_PRACTITIONER, ...keys }),
    practitioner: PRACTITIONER,
  });
  return {
    admin,
    cards,
    inserted: { vitale: readers.vitale.card() !== undefined, cps: readers.cps.card() !== undefined },
    authorization: (nir: string) =>
      admin.listAuthorizations(nir).find((entry) => entry.subjectId === PRACTITIONER)?.status,
  };
}

/** What INSi answers to a card search for each person on the scenario's carte Vitale. */
const insiCardMatches = (scenario: TrainingScenarioDefinition): number[] =>
  (scenario.vitale ?? []).map((person) => {
    const nir13 = person.nir.slice(0, 13);
    const birthDate = `${person.birthDate.slice(0, 4)}-${person.birthDate.slice(4, 6)}-${person.birthDate.slice(6)}`;
    return matchVitale(DEFAULT_IDENTITIES, { individualNir13: nir13, holderNir13: nir13, birthDate, birthRank: 1 })
      .length;
  });

describe('training scenarios', () => {
  it('declares exactly the scenarios of the IPC contract, in its order', () => {
    expect(TRAINING_SCENARIOS.map((scenario) => scenario.id)).toEqual(TrainingScenarioIdSchema.options);
    expect(scenarioSummary(trainingScenario('insi-several'))).toEqual({
      id: 'insi-several',
      patient: 'HOMONYME CAMILLE',
      withVitale: false,
    });
  });

  it('every card NIR carries a valid key (the desk refuses a card NIR that does not)', () => {
    for (const scenario of TRAINING_SCENARIOS) {
      for (const person of scenario.vitale ?? []) {
        const digits = BigInt(person.nir.slice(0, 13).replace('2A', '19').replace('2B', '18'));
        expect(97n - (digits % 97n), `${scenario.id} ${person.lastName}`).toBe(BigInt(person.nir.slice(13)));
      }
    }
  });

  it('INSi finds each lesson patient by card, except ADRUN ZOE (01)', () => {
    const byScenario = Object.fromEntries(TRAINING_SCENARIOS.map((s) => [s.id, insiCardMatches(s)]));
    expect(byScenario).toEqual({
      'new-patient': [1],
      'insi-no-match': [0],
      'insi-several': [],
      'deposit-replace': [1],
      'blocked-doctor': [1],
      'emergency-access': [1],
      'closed-dmp': [1],
    });
  });

  it('HOMONYME CAMILLE: two identities with the usual first name alone (02), one with every first name', () => {
    const traits = { birthName: 'HOMONYME', sex: 'F', birthDate: '1990-05-12', birthPlace: undefined };
    expect(matchTraits(DEFAULT_IDENTITIES, { ...traits, firstNames: ['CAMILLE'] })).toHaveLength(2);
    expect(matchTraits(DEFAULT_IDENTITIES, { ...traits, firstNames: ['CAMILLE', 'LOUISE'] })).toHaveLength(1);
  });

  it('new patient: both readers empty, no DMP for ADRTROIS TOUSSAINT, creation allowed again', () => {
    const lesson = applied('new-patient');
    expect(lesson.inserted).toEqual({ vitale: false, cps: false });
    expect(lesson.cards.vitale).toBeDefined();
    expect(lesson.admin.getDmp(TOUSSAINT)).toBeUndefined();
    expect(lesson.admin.refuseCreation()).toBe(false);
  });

  it('INSi no match: the Vitale in, the CPS out', () => {
    expect(applied('insi-no-match').inserted).toEqual({ vitale: true, cps: false });
  });

  it('INSi several: no Vitale card at all, the CPS out', () => {
    const lesson = applied('insi-several');
    expect(lesson.cards.vitale).toBeUndefined();
    expect(lesson.inserted).toEqual({ vitale: false, cps: false });
  });

  it('deposit and replace: CORSE active again, the training CPS authorized, the training documents there', () => {
    const lesson = applied('deposit-replace');
    expect(lesson.inserted).toEqual({ vitale: true, cps: true });
    expect(lesson.admin.getDmp(SCENARIO_NIRS.corse)?.status).toBe('active');
    expect(lesson.authorization(SCENARIO_NIRS.corse)).toBe('ACTIVE');
    expect(lesson.admin.listDocuments(SCENARIO_NIRS.corse).length).toBeGreaterThan(0);
  });

  it('blocked doctor: ECETINSI blocked the training CPS holder', () => {
    const lesson = applied('blocked-doctor');
    expect(lesson.authorization(SCENARIO_NIRS.ecetinsi)).toBe('INTERDITE');
  });

  it('emergency access: ADRTROIS DOMINIQUE, not authorized, no opposition, documents to read', () => {
    const lesson = applied('emergency-access');
    expect(lesson.authorization(SCENARIO_NIRS.adrtroisDominique)).toBeUndefined();
    expect(lesson.admin.getDmp(SCENARIO_NIRS.adrtroisDominique)).toMatchObject({
      status: 'active',
      oppositionBrisDeGlace: false,
      oppositionUrgence: false,
    });
    expect(lesson.admin.listDocuments(SCENARIO_NIRS.adrtroisDominique).length).toBeGreaterThan(0);
  });

  it('closed DMP: TCHITCHI closed again, both cards in', () => {
    const lesson = applied('closed-dmp');
    expect(lesson.inserted).toEqual({ vitale: true, cps: true });
    expect(lesson.admin.getDmp(SCENARIO_NIRS.tchitchi)?.status).toBe('closed');
  });

  it('hands out a fresh CPS each time: the PIN verified in the last lesson is not carried over', () => {
    const first = applied('closed-dmp').cards.cps;
    const second = applied('closed-dmp').cards.cps;
    expect(second).not.toBe(first);
  });
});
