import type { CodedValue, DocumentAuthor, DocumentPatient, DocumentStructure } from '../../../shared/domain/documents';
import { PS_ID_OID, STRUCTURE_ID_OID } from './constants';

/** HL7 v2 escaping of the delimiters (|^~\&) inside a component, so a name like "A&B" cannot split a field. */
export function escapeHl7(value: string): string {
  return value.replace(
    /[\\|^~&]/g,
    (c) => ({ '\\': '\\E\\', '|': '\\F\\', '^': '\\S\\', '~': '\\R\\', '&': '\\T\\' })[c] ?? c,
  );
}

/** XDS patientId (CX): INS^^^&OID&ISO^NH, the same in SubmissionSet, DocumentEntry and VIHF. */
export const patientCx = (patient: DocumentPatient): string =>
  `${escapeHl7(patient.ins.extension)}^^^&${patient.ins.root}&ISO^NH`;

export const sourcePatientCx = (patient: DocumentPatient): string =>
  patient.localId === undefined
    ? patientCx(patient)
    : `${escapeHl7(patient.localId.extension)}^^^&${patient.localId.root}&ISO^PI`;

export const sourcePatientInfo = (patient: DocumentPatient): string[] => [
  `PID-5|${escapeHl7(patient.birthFamily)}^${escapeHl7(patient.givenNames.split(/\s+/)[0] ?? '')}^^^^^L`,
  `PID-7|${patient.birthDate}`,
  `PID-8|${patient.sex}`,
];

/** XCN of a professional identified by the national PS id (authorPerson, legalAuthenticator). */
export const personXcn = (person: DocumentAuthor): string =>
  `${escapeHl7(person.nationalId)}^${escapeHl7(person.family)}^${escapeHl7(person.given)}^^^^^^&${PS_ID_OID}&ISO^D^^^IDNPS`;

/** XON of the structure (authorInstitution). */
export const institutionXon = (structure: DocumentStructure): string =>
  `${escapeHl7(structure.name)}^^^^^&${STRUCTURE_ID_OID}&ISO^IDNST^^^${escapeHl7(structure.id)}`;

export const codedHl7 = (value: CodedValue): string =>
  `${escapeHl7(value.code)}^${escapeHl7(value.displayName)}^${value.codeSystem}`;
