import { attr, childPath } from '../../xml/safe-xml';
import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS } from '../namespaces';
import type { RightsTransaction } from '../rights';
import { SoapFault } from '../soap';
import { observationValue, readHl7Request } from './hl7';
import { requireSamePatient } from './patient-match';
import { readPersonUpdate, readRegistration, registrationResponse } from './registration';

const TRANSACTION_OF_REASON: Readonly<Record<string, RightsTransaction>> = {
  MODIF_DATA: 'TD1.3b',
  FERM: 'TD1.4',
  REAC: 'TD1.2',
};

/** PRPA_IN201314UV02: TD1.3b (MODIF_DATA), TD1.4 (FERM) and TD1.2 (REAC). */
export function handlePatientRevise(context: RequestContext): HandlerResult {
  const request = readHl7Request(context.request.operation);
  const transaction = TRANSACTION_OF_REASON[request.reasonCode];
  if (transaction === undefined)
    throw new SoapFault(DMP_CODES.invalidRequest, 'Unknown reasonCode for PRPA_IN201314UV02');
  const registration = readRegistration(request);
  requireSamePatient(context, registration.nir);

  const answer = (error?: { code: string; text: string }): HandlerResult => {
    const dmp = error === undefined ? context.store.getDmp(registration.nir) : undefined;
    return {
      ns1: NS.patients,
      body: registrationResponse({
        wrapper: 'PRPA_IN201314UV02_Response',
        interaction: error === undefined ? 'PRPA_IN201315UV02' : 'PRPA_IN201316UV02',
        request,
        now: context.now,
        ...(error === undefined ? {} : { error }),
        ...(dmp === undefined ? {} : { dmp }),
        echo: registration.element,
      }),
    };
  };

  // RG_2230: the author's family and given names are mandatory.
  if (registration.authorFamily === undefined || registration.authorGiven === undefined) {
    return answer({ code: DMP_CODES.invalidRequest, text: 'Author family and given names are required' });
  }
  const { decision } = checkAccess(context, transaction, registration.nir);
  if (!decision.allow) return answer({ code: decision.code, text: decision.code });

  const at = context.now.toISOString();
  if (transaction === 'TD1.3b') {
    const { status: _ignored, ...update } = readPersonUpdate(registration);
    context.store.updateDmp(registration.nir, update);
  } else if (transaction === 'TD1.4') {
    if (registration.requestedStatus !== 'terminated') {
      return answer({ code: DMP_CODES.invalidRequest, text: 'Closing needs statusCode terminated' });
    }
    const reasonOf = childPath(request.controlAct, NS.hl7, 'reasonOf', 'detectedIssueEvent', 'code');
    context.store.updateDmp(registration.nir, {
      status: 'closed',
      closedAt: at,
      closeReason: attr(reasonOf, 'code') ?? 'FERMETURE_DEMANDE_PATIENT',
    });
  } else {
    if (context.refuseCreation) {
      return answer({
        code: DMP_CODES.deniedByRights,
        text: 'DMP reactivation by professionals is closed since 2021-07-01',
      });
    }
    if (observationValue(registration.patient, 'CONSENTEMENT_REACTIVATION_DMP') !== true) {
      return answer({ code: DMP_CODES.invalidRequest, text: 'Reactivation needs the patient consent' });
    }
    context.store.updateDmp(registration.nir, {
      ...readPersonUpdate(registration),
      status: 'active',
      closedAt: null,
      closeReason: null,
      consentRecordedAt: at,
    });
  }
  return answer();
}
