import { describe, expect, it } from 'vitest';
import {
  decide,
  matrixCell,
  type AccessMode,
  type Actor,
  type ActorColumn,
  type PatientState,
  type RightsTransaction,
} from '../../../../simulators/national-dmp/rights';

const dmp = (overrides: Partial<Extract<PatientState, { exists: true }>> = {}): PatientState => ({
  exists: true,
  closed: false,
  attachedToMes: false,
  oppositionBrisDeGlace: false,
  oppositionUrgence: false,
  authorization: 'ACTIVE',
  ...overrides,
});
const actor = (column: ActorColumn, mode: AccessMode = 'normal'): Actor => ({
  column,
  mode,
  subjectId: '899900063480',
});
const outcome = (column: ActorColumn, mode: AccessMode, transaction: RightsTransaction, state = dmp()): string => {
  const decision = decide(actor(column, mode), transaction, state);
  return decision.allow ? 'oui' : decision.code;
};

describe('rights matrix PDT-INF-526 (direct and indirect)', () => {
  // Rows read off the matrix: [transaction, column, mode, expected].
  const cases: [RightsTransaction, ActorColumn, AccessMode, boolean][] = [
    ['TD0.2', 'ps_non_medecin', 'bris_de_glace', true],
    ['TD0.2', 'etablissement', 'regulation', true],
    ['TD0.3.declare', 'ps_non_medecin', 'normal', true],
    ['TD0.3.declare', 'ps_non_medecin', 'regulation', false],
    ['TD0.3.declare', 'medecin', 'bris_de_glace', false],
    ['TD0.3.declare', 'medecin_du_travail', 'normal', false],
    ['TD0.3.declare', 'medecin_traitant', 'normal', true],
    ['TD0.3.declare', 'medecin_traitant', 'bris_de_glace', false],
    ['TD0.3.declare', 'cpe', 'normal', true],
    ['TD0.3.declare', 'etablissement', 'normal', false],
    ['TD0.3.remove', 'cpe', 'normal', false],
    ['TD0.3.removeMT', 'medecin', 'normal', false],
    ['TD0.3.removeMT', 'medecin_traitant', 'normal', true],
    ['TD0.4', 'etablissement', 'normal', true],
    ['TD0.4', 'etablissement', 'regulation', false],
    ['TD1.3a', 'medecin_du_travail', 'normal', true],
    ['TD1.6', 'medecin_du_travail', 'normal', true],
    ['TD1.6', 'medecin', 'regulation', false],
    ['TD1.6', 'medecin_traitant', 'bris_de_glace', false],
    ['TD1.6', 'cpe', 'normal', false],
    ['TD1.6', 'etablissement', 'normal', false],
  ];
  it.each(cases)('%s by %s in %s mode: %s', (transaction, column, mode, expected) => {
    expect(outcome(column, mode, transaction)).toBe(expected ? 'oui' : 'DMPAccessDeniedByRightsService');
  });

  it('has no régulation column for the MT nor bris de glace for an establishment', () => {
    expect(matrixCell('medecin_traitant', 'regulation', 'TD0.2')).toBe(false);
    expect(matrixCell('etablissement', 'bris_de_glace', 'TD0.2')).toBe(false);
  });

  it('keeps the footnotes of limited rights', () => {
    expect(decide(actor('cpe'), 'TD0.3.declare', dmp({ authorization: 'NONE' }))).toEqual({ allow: true, note: 1 });
    expect(decide(actor('etablissement'), 'TD0.4', { exists: false })).toEqual({ allow: true, note: 3 });
  });
});

describe('AIR matrix PDT-INF-606', () => {
  const cases: [RightsTransaction, ActorColumn, AccessMode, boolean][] = [
    ['TD0.3.declare', 'air_medecin', 'normal', true],
    ['TD0.3.declare', 'air_medecin', 'regulation', false],
    ['TD0.3.declare', 'air_medecin_traitant', 'bris_de_glace', false],
    ['TD0.3.declare', 'air_pe', 'normal', true],
    ['TD0.3.remove', 'air_pe', 'normal', false],
    ['TD0.3.removeMT', 'air_medecin_traitant', 'normal', false],
    ['TD0.4', 'air_ps_non_medecin', 'bris_de_glace', true],
    ['TD1.3a', 'air_pe', 'normal', true],
    ['TD1.6', 'air_ps_non_medecin', 'normal', true],
    ['TD1.6', 'air_medecin', 'bris_de_glace', false],
    ['TD1.6', 'air_pe', 'normal', false],
  ];
  it.each(cases)('%s by %s in %s mode: %s', (transaction, column, mode, expected) => {
    expect(outcome(column, mode, transaction)).toBe(expected ? 'oui' : 'DMPAccessDeniedByRightsService');
  });
});

describe('patient-side rules', () => {
  it('refuses bris de glace when the patient opposed it, and centre 15 when he opposed emergency access', () => {
    expect(outcome('medecin', 'bris_de_glace', 'TD1.3a', dmp({ oppositionBrisDeGlace: true }))).toBe(
      'DMPAccessDeniedByPatient',
    );
    expect(outcome('medecin', 'regulation', 'TD1.3a', dmp({ oppositionUrgence: true }))).toBe(
      'DMPAccessDeniedByPatient',
    );
    // Each opposition covers its own mode only.
    expect(outcome('medecin', 'regulation', 'TD1.3a', dmp({ oppositionBrisDeGlace: true }))).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD1.3a', dmp({ oppositionBrisDeGlace: true, oppositionUrgence: true }))).toBe(
      'oui',
    );
  });

  it('refuses a blocked professional everything but the existence test and the list', () => {
    const blocked = dmp({ authorization: 'INTERDITE' });
    expect(outcome('medecin', 'normal', 'TD0.3.declare', blocked)).toBe('DMPAccessDeniedByPatient');
    expect(outcome('medecin', 'bris_de_glace', 'TD1.3a', blocked)).toBe('DMPAccessDeniedByPatient');
    expect(outcome('medecin', 'normal', 'TD0.2', blocked)).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD0.4', blocked)).toBe('oui');
  });

  it('needs an authorization in normal mode only, and never from the MT', () => {
    const none = dmp({ authorization: 'NONE' });
    expect(outcome('medecin', 'normal', 'TD1.3a', none)).toBe('DMPAccessNotAuthorized');
    expect(outcome('ps_non_medecin', 'normal', 'TD1.6', none)).toBe('DMPAccessNotAuthorized');
    expect(outcome('medecin', 'regulation', 'TD1.3a', none)).toBe('oui');
    expect(outcome('medecin', 'bris_de_glace', 'TD1.3a', none)).toBe('oui');
    expect(outcome('medecin_traitant', 'normal', 'TD1.3a', none)).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD0.3.declare', none)).toBe('oui');
  });

  it('refuses the médecin du travail the transactions the matrix denies it', () => {
    expect(outcome('medecin_du_travail', 'normal', 'TD0.3.declare')).toBe('DMPAccessDeniedByRightsService');
    expect(outcome('medecin_du_travail', 'normal', 'TD1.4')).toBe('DMPAccessDeniedByRightsService');
    expect(outcome('medecin_du_travail', 'normal', 'TD1.1', { exists: false })).toBe('DMPAccessDeniedByRightsService');
  });

  it('follows the DMP state: missing, closed, attached to MES', () => {
    expect(outcome('medecin', 'normal', 'TD1.3a', { exists: false })).toBe('DMPNotFound');
    expect(outcome('medecin', 'normal', 'TD0.2', { exists: false })).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD1.1', { exists: false })).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD1.1')).toBe('DMPFound');
    expect(outcome('medecin', 'normal', 'TD1.1', dmp({ closed: true }))).toBe('DMPClosed');
    expect(outcome('medecin', 'normal', 'TD1.4', dmp({ closed: true }))).toBe('DMPClosed');
    expect(outcome('medecin', 'normal', 'TD1.2', dmp({ closed: true }))).toBe('oui');
    expect(outcome('medecin', 'normal', 'TD1.2')).toBe('DMPFound');
    expect(outcome('medecin', 'normal', 'TD1.3b', dmp({ attachedToMes: true }))).toBe('DMPAttachedToMES');
    expect(outcome('medecin', 'normal', 'TD1.4', dmp({ attachedToMes: true }))).toBe('DMPAttachedToMES');
    expect(outcome('medecin', 'normal', 'TD1.3a', dmp({ attachedToMes: true }))).toBe('oui');
  });

  it('never lets emergency modes administer a DMP (assumption for rows absent from both matrices)', () => {
    for (const transaction of ['TD1.1', 'TD1.2', 'TD1.3b', 'TD1.4'] as const) {
      expect(outcome('medecin', 'bris_de_glace', transaction, dmp({ closed: transaction === 'TD1.2' }))).toBe(
        'DMPAccessDeniedByRightsService',
      );
    }
  });
});
