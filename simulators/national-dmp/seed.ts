import { OID } from './namespaces';
import type { AuthorizationStatus, DmpRecord, ProfessionalRecord, SimulatorStore } from './store/store';

/** A seeded DMP: identity plus the patient-side state worth exercising. */
export interface SeedDmp extends Partial<DmpRecord> {
  readonly nir: string;
  readonly insOid: string;
  readonly family: string;
  readonly given: string;
  readonly gender: string;
  readonly birthDate: string;
  readonly authorizations?: readonly { readonly subjectId: string; readonly status: AuthorizationStatus }[];
}

/** The professional of the official examples (VIHF NameID, TD1.3b author). */
export const EXAMPLE_DOCTOR = '899900063480';
export const EXAMPLE_STRUCTURE = '499900063480001';

export const SEED_PROFESSIONALS: readonly ProfessionalRecord[] = [
  {
    nationalId: EXAMPLE_DOCTOR,
    family: 'LIBRE',
    given: 'MAX',
    profession: '10',
    specialty: 'SM26',
    structureId: EXAMPLE_STRUCTURE,
    occupational: false,
  },
  {
    nationalId: '899900038839',
    family: 'TRAL',
    given: 'ADEMIS',
    profession: '10',
    specialty: 'SM26',
    structureId: EXAMPLE_STRUCTURE,
    occupational: false,
  },
  {
    nationalId: '899900071000',
    family: 'SOIN',
    given: 'INES',
    profession: '60',
    specialty: null,
    structureId: EXAMPLE_STRUCTURE,
    occupational: false,
  },
  {
    nationalId: '899900072000',
    family: 'OFFICINE',
    given: 'PAUL',
    profession: '21',
    specialty: 'G15_21',
    structureId: null,
    occupational: false,
  },
  {
    nationalId: '899900073000',
    family: 'TRAVAIL',
    given: 'LUCIE',
    profession: '10',
    specialty: 'SM27',
    structureId: null,
    occupational: true,
  },
];

/**
 * The patient of the official examples (test NIR authority .10), in the state those examples
 * show: active DMP, web account open, not attached to MES, the example doctor authorized and MT.
 * Then the INSi test identities (cards-and-ins.md §4), each in a different state for training.
 */
export const SEED_DMPS: readonly SeedDmp[] = [
  {
    nir: '207058575627097',
    insOid: OID.insNirTest,
    insc: '1197854176879056415520',
    family: 'patb-quatre',
    given: 'LAURENCE',
    prefix: 'M',
    gender: 'M',
    birthDate: '19070525',
    street: '1, rue du Chat qui pêche',
    postalCode: '75005',
    city: 'Paris',
    phone: '0102030405',
    email: 'alain@gmail.com',
    internetAccount: true,
    treatingDoctor: EXAMPLE_DOCTOR,
    authorizations: [{ subjectId: EXAMPLE_DOCTOR, status: 'ACTIVE' }],
  },
  // Active DMP, nobody authorized yet: the authorization flow.
  {
    nir: '297022A02077878',
    insOid: OID.insNir,
    family: 'ADRTROIS',
    given: 'DOMINIQUE',
    gender: 'F',
    birthDate: '19970226',
  },
  // ADRTROIS TOUSSAINT (160012B02077713) has no DMP: the creation flow.
  // Both emergency oppositions set.
  {
    nir: '180032B02040123',
    insOid: OID.insNir,
    family: 'CORSE',
    given: 'ANTHONY',
    gender: 'M',
    birthDate: '19800302',
    oppositionBrisDeGlace: true,
    oppositionUrgence: true,
    authorizations: [{ subjectId: EXAMPLE_DOCTOR, status: 'ACTIVE' }],
  },
  // Attached to Mon espace santé: administrative changes refused (M526 note 10).
  {
    nir: '209066322012355',
    insOid: OID.insNir,
    family: 'ECETINSI',
    given: 'PIERRE-ALAIN',
    gender: 'M',
    birthDate: '20090714',
    attachedToMes: true,
    internetAccount: true,
    authorizations: [{ subjectId: EXAMPLE_DOCTOR, status: 'ACTIVE' }],
  },
  // Closed DMP: the reactivation flow.
  {
    nir: '236066322083656',
    insOid: OID.insNir,
    family: 'TCHITCHI',
    given: 'CATARINA',
    gender: 'F',
    birthDate: '19360621',
    status: 'closed',
    closeReason: 'FERMETURE_DEMANDE_PATIENT',
  },
  // The example doctor is blocked by this patient.
  {
    nir: '181036322045660',
    insOid: OID.insNir,
    family: 'HERMANN',
    given: 'GATIEN',
    gender: 'M',
    birthDate: '19810324',
    authorizations: [{ subjectId: EXAMPLE_DOCTOR, status: 'INTERDITE' }],
  },
];

/** Inserts what is missing; an existing file keeps its state (training sessions survive restarts). */
export function seedStore(store: SimulatorStore, now: Date, dmps: readonly SeedDmp[] = SEED_DMPS): void {
  const at = now.toISOString();
  store.transaction(() => {
    for (const professional of SEED_PROFESSIONALS) {
      if (store.getProfessional(professional.nationalId) === undefined) store.upsertProfessional(professional);
    }
    for (const { authorizations = [], ...seed } of dmps) {
      if (store.getDmp(seed.nir) !== undefined) continue;
      store.insertDmp({
        insc: null,
        prefix: null,
        street: null,
        postalCode: null,
        city: null,
        phone: null,
        email: null,
        status: 'active',
        createdAt: at,
        closedAt: seed.status === 'closed' ? at : null,
        closeReason: null,
        consentRecordedAt: at,
        oppositionBrisDeGlace: false,
        oppositionUrgence: false,
        attachedToMes: false,
        internetAccount: false,
        treatingDoctor: null,
        ...seed,
      });
      for (const authorization of authorizations)
        store.setAuthorization(seed.nir, authorization.subjectId, authorization.status, at);
    }
  });
}
