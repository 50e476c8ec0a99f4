/**
 * The simulator's identity base. Defaults are the public CNAM qualification identities
 * (ADRTROIS, CORSE, ECETINSI, TCHITCHI, PROVISOIRE, HERMANN; ADRUN ZOE is deliberately absent
 * so it answers 01), plus fictitious people built to exercise "several identities" (02).
 */

export interface SimIns {
  readonly nir13: string;
  readonly key: string;
  readonly oid: string;
  readonly startDate?: string;
  readonly endDate?: string;
}

export interface SimPerson {
  readonly birthName: string;
  /** Birth first names in order (the TIQ `ListePrenom`). */
  readonly firstNames: readonly string[];
  readonly sex: 'M' | 'F';
  /** `YYYY-MM-DD`, lunar allowed. */
  readonly birthDate: string;
  readonly birthPlace?: string;
  readonly active: SimIns;
  readonly history?: readonly SimIns[];
  /** How a carte Vitale names this person: the holder's NIR and the birth rank. Defaults: own NIR, rank 1. */
  readonly vitale?: { readonly holderNir13: string; readonly birthRank: number };
}

export const OID_NIR = '1.2.250.1.213.1.4.8';
export const OID_NIA = '1.2.250.1.213.1.4.9';
export const OID_NIR_TEST = '1.2.250.1.213.1.4.10';

const nir = (nir13: string, key: string, oid = OID_NIR): SimIns => ({ nir13, key, oid });

export const DEFAULT_IDENTITIES: readonly SimPerson[] = [
  {
    birthName: 'ADRTROIS',
    firstNames: ['DOMINIQUE'],
    sex: 'F',
    birthDate: '1997-02-26',
    birthPlace: '2A020',
    active: nir('297022A020778', '78'),
  },
  {
    birthName: 'ADRTROIS',
    firstNames: ['TOUSSAINT'],
    sex: 'M',
    birthDate: '1960-01-01',
    birthPlace: '2B020',
    active: nir('160012B020777', '13'),
  },
  {
    birthName: 'CORSE',
    firstNames: ['ANTHONY'],
    sex: 'M',
    birthDate: '1980-03-02',
    birthPlace: '2B020',
    active: nir('180032B020401', '23'),
    history: [nir('180032B020401', '23')],
  },
  {
    birthName: 'ECETINSI',
    firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'],
    sex: 'M',
    birthDate: '2009-07-14',
    birthPlace: '63220',
    active: nir('2090663220123', '55'),
    history: [nir('1090763220834', '89'), nir('2090763220834', '39')],
  },
  {
    birthName: 'TCHITCHI',
    firstNames: ['CATARINA', 'BELLA'],
    sex: 'F',
    birthDate: '1936-06-21',
    birthPlace: '63220',
    active: nir('2360663220836', '56'),
  },
  {
    birthName: 'PROVISOIRE',
    firstNames: ['MATRICULE'],
    sex: 'M',
    birthDate: '2009-07-01',
    birthPlace: '63220',
    active: nir('1090763220888', '35', OID_NIA),
  },
  {
    // Keys 60 and 10 do not pass mod 97: kept as the national test base serves them.
    birthName: 'HERMANN',
    firstNames: ['GATIEN'],
    sex: 'M',
    birthDate: '1981-03-24',
    birthPlace: '63220',
    active: nir('1810363220456', '60'),
    history: [nir('1810363220456', '60'), nir('2810363220456', '10')],
  },
  // Two women sharing name, sex, birth date and usual first name: 02 until all first names are sent.
  {
    birthName: 'HOMONYME',
    firstNames: ['CAMILLE', 'LOUISE'],
    sex: 'F',
    birthDate: '1990-05-12',
    birthPlace: '75056',
    active: nir('2900575056101', '09', OID_NIR_TEST),
  },
  {
    birthName: 'HOMONYME',
    firstNames: ['CAMILLE', 'JEANNE'],
    sex: 'F',
    birthDate: '1990-05-12',
    birthPlace: '69123',
    active: nir('2900569123102', '03', OID_NIR_TEST),
  },
  // Same first names too: only the birthplace tells them apart.
  {
    birthName: "D'ALMEIDA-JUMEAU",
    firstNames: ['ALEX'],
    sex: 'M',
    birthDate: '2001-09-09',
    birthPlace: '75056',
    active: nir('1010975056201', '19', OID_NIR_TEST),
  },
  {
    birthName: "D'ALMEIDA-JUMEAU",
    firstNames: ['ALEX'],
    sex: 'M',
    birthDate: '2001-09-09',
    birthPlace: '13055',
    active: nir('1010913055202', '73', OID_NIR_TEST),
  },
  // A parent and a child without her own NIR on the card: found by the holder's NIR and the birth rank.
  {
    birthName: 'VITALIS',
    firstNames: ['MARC'],
    sex: 'M',
    birthDate: '1985-07-03',
    birthPlace: '75056',
    active: nir('1850775056301', '39', OID_NIR_TEST),
  },
  {
    birthName: 'VITALIS',
    firstNames: ['LEA', 'ROSE'],
    sex: 'F',
    birthDate: '2015-04-10',
    birthPlace: '75056',
    active: nir('2150475056501', '67', OID_NIR_TEST),
    vitale: { holderNir13: '1850775056301', birthRank: 1 },
  },
];
