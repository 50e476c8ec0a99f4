import { DEMO_FAMILY, DEMO_PRACTITIONER } from '../../simulators/cards/demo';
import { DEFAULT_IDENTITIES } from '../../simulators/insi/identities';
import { EXAMPLE_DOCTOR, SEED_DMPS } from '../../simulators/national-dmp/seed';
import { EXAMPLE_DOCTOR_HOLDER } from './example-doctor';
import { EXAMPLE_PATIENT, EXAMPLE_PATIENT_TRAITS } from './example-patient';

/**
 * Everything that identifies a person in our fixtures and simulators, for the scans that prove
 * logs and diagnostics carry none of it: the patients' and practitioners' names, NIRs and INS
 * (with and without their key), INS-C, birth dates, contact details, and the PINs the tests type.
 */
export interface FixtureIdentities {
  /** Matched as whole words, as written and in capitals. Names shorter than 4 letters are left out (too many false hits). */
  readonly names: readonly string[];
  /** Matched anywhere as digit strings. */
  readonly identifiers: readonly string[];
  /** Matched anywhere: birth dates in both forms, phones, emails. */
  readonly otherData: readonly string[];
  /** Matched as a JSON string value (`"1234"`), since 4 bare digits also occur in durations and counts. */
  readonly pins: readonly string[];
}

const DEMO_PIN = '1234';

const compactDate = (date: string): string => date.replace(/-/g, '');
const isoDate = (date: string): string =>
  /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : date;

export function fixtureIdentities(): FixtureIdentities {
  return collectIdentities({ practitioners: true });
}

/**
 * The patients' identities alone, for outputs that must name the professional (the activity
 * indicators) but never a patient.
 */
export function patientIdentities(): FixtureIdentities {
  return collectIdentities({ practitioners: false });
}

function collectIdentities(options: { readonly practitioners: boolean }): FixtureIdentities {
  const names = new Set<string>();
  const identifiers = new Set<string>();
  const otherData = new Set<string>();
  const addName = (...values: (string | undefined)[]): void => {
    for (const value of values)
      for (const part of value?.split(/\s+/) ?? [])
        if (part.length >= 4) {
          names.add(part);
          names.add(part.toUpperCase());
        }
  };
  const addDate = (date: string | undefined): void => {
    if (date === undefined) return;
    otherData.add(compactDate(date));
    otherData.add(isoDate(compactDate(date)));
  };

  identifiers.add(EXAMPLE_PATIENT.matricule);
  addName(EXAMPLE_PATIENT_TRAITS.birthFamily, EXAMPLE_PATIENT_TRAITS.givenNames);
  addDate(EXAMPLE_PATIENT_TRAITS.birthDate);
  for (const person of DEFAULT_IDENTITIES) {
    addName(person.birthName, ...person.firstNames);
    addDate(person.birthDate);
    for (const ins of [person.active, ...(person.history ?? [])]) {
      identifiers.add(ins.nir13);
      identifiers.add(`${ins.nir13}${ins.key}`);
    }
  }
  for (const beneficiary of DEMO_FAMILY) {
    addName(beneficiary.lastName, beneficiary.firstName);
    addDate(beneficiary.birthDate);
    identifiers.add(beneficiary.nir);
    identifiers.add(beneficiary.nir.slice(0, 13));
  }
  for (const dmp of SEED_DMPS) {
    addName(dmp.family, dmp.given);
    addDate(dmp.birthDate);
    for (const value of [dmp.nir, dmp.insc]) if (typeof value === 'string') identifiers.add(value);
    for (const value of [dmp.phone, dmp.email]) if (typeof value === 'string') otherData.add(value);
  }
  if (options.practitioners) {
    for (const practitioner of [DEMO_PRACTITIONER, EXAMPLE_DOCTOR_HOLDER]) {
      addName(practitioner.lastName, practitioner.firstName);
      identifiers.add(practitioner.nationalId);
    }
    identifiers.add(EXAMPLE_DOCTOR);
  }
  return { names: [...names], identifiers: [...identifiers], otherData: [...otherData], pins: [DEMO_PIN] };
}
