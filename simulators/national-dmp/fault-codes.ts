/**
 * Codes the simulator puts on the wire. Only DMPInvalidCertificate, DMPFound, DMPClosed, DMPOk and
 * DMPAccessDeniedByRightsService are confirmed by the sources (dmp-interface.md §4 "Error codes confirmed");
 * the DMPi guide that lists the rest was not available, so the others are our own stable names.
 */
export const DMP_CODES = {
  ok: 'DMPOk',
  invalidCertificate: 'DMPInvalidCertificate',
  found: 'DMPFound',
  closed: 'DMPClosed',
  deniedByRights: 'DMPAccessDeniedByRightsService',
  // Not confirmed: names chosen by the simulator.
  invalidSignature: 'DMPInvalidSignature',
  invalidVihf: 'DMPInvalidVIHF',
  vihfExpired: 'DMPVIHFExpired',
  patientMismatch: 'DMPPatientIdMismatch',
  invalidRequest: 'DMPInvalidRequest',
  unknownAction: 'DMPUnknownAction',
  requestTooLarge: 'DMPRequestTooLarge',
  notFound: 'DMPNotFound',
  deniedByPatient: 'DMPAccessDeniedByPatient',
  notAuthorized: 'DMPAccessNotAuthorized',
  attachedToMes: 'DMPAttachedToMES',
  internalError: 'DMPInternalError',
} as const;

export type DmpCode = (typeof DMP_CODES)[keyof typeof DMP_CODES];
