import { describe, expect, it } from 'vitest';
import { decide, type Actor, type PatientState } from '../../../../simulators/national-dmp/rights';
import type { DocumentEntryRecord } from '../../../../simulators/national-dmp/store/documents';
import {
  canChangeConfidentiality,
  canDeleteOrArchive,
  canSee,
  type DocumentCaller,
} from '../../../../simulators/national-dmp/xds/document-rights';
import type { VihfClaims } from '../../../../simulators/national-dmp/vihf';

const AUTHOR = '899900063480';
const STRUCTURE = '499900063480001';

const entry = (patch: Partial<DocumentEntryRecord> = {}): DocumentEntryRecord =>
  ({
    entryUuid: 'urn:uuid:e',
    lid: 'urn:uuid:e',
    version: 1,
    uniqueId: '1.2.3',
    nir: '207058575627097',
    status: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    isSignature: false,
    authorId: AUTHOR,
    authorStructure: STRUCTURE,
    classCode: '10',
    masked: false,
    invisiblePatient: false,
    ...patch,
  }) as DocumentEntryRecord;

const caller = (
  column: Actor['column'],
  nameId: string,
  mode: Actor['mode'] = 'normal',
  structureId = 'OTHER',
  maskedVisibleInEmergency = false,
): DocumentCaller => ({
  actor: { column, mode, subjectId: nameId },
  claims: { nameId, structureId } as VihfClaims,
  maskedVisibleInEmergency,
});

const ACTIVE: PatientState = {
  exists: true,
  closed: false,
  attachedToMes: true,
  oppositionBrisDeGlace: false,
  oppositionUrgence: false,
  authorization: 'ACTIVE',
};

describe('document rights (M526 / M606 rows for TD2.1–TD3.3)', () => {
  it('lets no AIR caller feed, and the médecin du travail read no content', () => {
    for (const column of ['air_medecin', 'air_ps_non_medecin', 'air_medecin_traitant', 'air_pe'] as const) {
      expect(decide({ column, mode: 'normal', subjectId: 'x' }, 'TD2.1', ACTIVE).allow).toBe(false);
    }
    expect(decide({ column: 'medecin', mode: 'normal', subjectId: 'x' }, 'TD2.1', ACTIVE).allow).toBe(true);
    expect(decide({ column: 'medecin_du_travail', mode: 'normal', subjectId: 'x' }, 'TD3.2', ACTIVE)).toEqual({
      allow: false,
      code: 'DMPAccessDeniedByRightsService',
    });
  });

  it('needs the patient authorization to read in normal mode, not in bris de glace; honours oppositions', () => {
    const none: PatientState = { ...ACTIVE, authorization: 'NONE' };
    expect(decide({ column: 'medecin', mode: 'normal', subjectId: 'x' }, 'TD3.2', none)).toEqual({
      allow: false,
      code: 'DMPAccessNotAuthorized',
    });
    expect(decide({ column: 'medecin', mode: 'bris_de_glace', subjectId: 'x' }, 'TD3.2', none).allow).toBe(true);
    expect(
      decide({ column: 'medecin', mode: 'bris_de_glace', subjectId: 'x' }, 'TD3.1', {
        ...none,
        oppositionBrisDeGlace: true,
      }),
    ).toEqual({ allow: false, code: 'DMPAccessDeniedByPatient' });
  });

  it('shows a masked document to its author and the MT only, in emergency only with the patient consent', () => {
    const masked = entry({ masked: true });
    expect(canSee(masked, caller('medecin', AUTHOR))).toBe(true);
    expect(canSee(masked, caller('medecin_traitant', 'MT'))).toBe(true);
    expect(canSee(masked, caller('medecin', 'OTHER'))).toBe(false);
    expect(canSee(masked, caller('medecin', 'OTHER', 'bris_de_glace'))).toBe(false);
    expect(canSee(masked, caller('medecin', 'OTHER', 'regulation', 'S', true))).toBe(true);
    expect(canSee(entry(), caller('medecin_du_travail', 'OTHER'))).toBe(false);
    expect(canSee(entry(), caller('etablissement', 'OTHER', 'normal', STRUCTURE))).toBe(true);
  });

  it('lets the author or the author structure delete; the MT alone for a patient document', () => {
    expect(canDeleteOrArchive(entry(), caller('medecin', AUTHOR), 'delete')).toBe(true);
    expect(canDeleteOrArchive(entry(), caller('medecin', 'OTHER', 'normal', STRUCTURE), 'delete')).toBe(true);
    expect(canDeleteOrArchive(entry(), caller('medecin', 'OTHER'), 'delete')).toBe(false);
    expect(canDeleteOrArchive(entry(), caller('medecin_traitant', 'MT'), 'archive')).toBe(true);
    expect(canDeleteOrArchive(entry(), caller('medecin_traitant', 'MT'), 'delete')).toBe(false);
    expect(canDeleteOrArchive(entry({ classCode: '90' }), caller('medecin', AUTHOR), 'delete')).toBe(false);
    expect(canDeleteOrArchive(entry({ classCode: '90' }), caller('medecin_traitant', 'MT'), 'delete')).toBe(true);
  });

  it('lets any reader mask, but only the author or the MT unmask', () => {
    expect(canChangeConfidentiality(entry(), caller('medecin', 'OTHER'), 'restrict')).toBe(true);
    const masked = entry({ masked: true });
    expect(canChangeConfidentiality(masked, caller('medecin', AUTHOR), 'lift')).toBe(true);
    expect(canChangeConfidentiality(masked, caller('medecin_traitant', 'MT'), 'lift')).toBe(true);
    expect(
      canChangeConfidentiality(entry({ masked: false, invisiblePatient: true }), caller('medecin', 'OTHER'), 'lift'),
    ).toBe(false);
  });
});
