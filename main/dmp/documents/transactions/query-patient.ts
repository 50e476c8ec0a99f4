import type { DmpPatientRef } from '../../../../shared/api/dmp';
import type { DocumentPatient } from '../../../../shared/domain/documents';

/** Only the INS matters to queries and status updates (patientCx); the traits are for a deposit's CDA header. */
export const queryPatient = (ref: DmpPatientRef): DocumentPatient => ({
  ins: { root: ref.oid, extension: ref.matricule },
  birthFamily: '',
  givenNames: '',
  sex: 'U',
  birthDate: '',
  birthPlaceCode: '',
});
