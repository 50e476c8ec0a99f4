import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS } from '../namespaces';
import type { DmpRecord } from '../store/store';
import { observationValue, readHl7Request } from './hl7';
import { requireSamePatient } from './patient-match';
import { readPersonUpdate, readRegistration, registrationResponse } from './registration';

/**
 * TD1.1, PRPA_IN201311UV02 CREA_RD -> PRPA_IN201312UV02 (created) or PRPA_IN201313UV02 (refused).
 * Legacy: production stopped creation by professionals on 2021-07-01, which `refuseCreation` reproduces.
 */
export function handlePatientCreate(context: RequestContext): HandlerResult {
  const request = readHl7Request(context.request.operation);
  const registration = readRegistration(request);
  requireSamePatient(context, registration.nir);
  const answer = (result: { error: { code: string; text: string } } | { dmp: DmpRecord }): HandlerResult => ({
    ns1: NS.patients,
    body: registrationResponse({
      wrapper: 'PRPA_IN201311UV02_Response',
      interaction: 'error' in result ? 'PRPA_IN201313UV02' : 'PRPA_IN201312UV02',
      request,
      now: context.now,
      withPatientId: true,
      echo: registration.element,
      ...result,
    }),
  });
  if (request.reasonCode !== 'CREA_RD') {
    return answer({ error: { code: DMP_CODES.invalidRequest, text: 'Creation needs reasonCode CREA_RD' } });
  }
  const { decision } = checkAccess(context, 'TD1.1', registration.nir);
  if (!decision.allow) return answer({ error: { code: decision.code, text: decision.code } });
  if (context.refuseCreation) {
    return answer({
      error: { code: DMP_CODES.deniedByRights, text: 'DMP creation by professionals is closed since 2021-07-01' },
    });
  }
  const consent = observationValue(registration.patient, 'CONSENTEMENT_CREATION_DMP');
  // The legacy message shape of the consent is not in the sources: absent is tolerated, a refusal is not.
  if (consent === false) {
    return answer({ error: { code: DMP_CODES.invalidRequest, text: 'The patient did not consent to the creation' } });
  }
  const identity = readPersonUpdate(registration);
  if (identity.family === undefined || identity.given === undefined || identity.birthDate === undefined) {
    return answer({ error: { code: DMP_CODES.invalidRequest, text: 'Name and birth date are required' } });
  }
  const at = context.now.toISOString();
  const dmp: DmpRecord = {
    nir: registration.nir,
    insOid: registration.insOid,
    insc: null,
    family: identity.family,
    given: identity.given,
    prefix: identity.prefix ?? null,
    gender: identity.gender ?? 'U',
    birthDate: identity.birthDate,
    street: identity.street ?? null,
    postalCode: identity.postalCode ?? null,
    city: identity.city ?? null,
    phone: identity.phone ?? null,
    email: identity.email ?? null,
    status: 'active',
    createdAt: at,
    closedAt: null,
    closeReason: null,
    consentRecordedAt: consent === true ? at : null,
    oppositionBrisDeGlace: identity.oppositionBrisDeGlace ?? false,
    oppositionUrgence: identity.oppositionUrgence ?? false,
    attachedToMes: false,
    internetAccount: false,
    treatingDoctor: null,
  };
  context.store.insertDmp(dmp);
  return answer({ dmp });
}
