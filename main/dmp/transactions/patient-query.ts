import type { DmpPatientRef } from '../../../shared/api/dmp';
import type { DmpAccessMode } from '../../../shared/domain/dmp';
import type { DmpClient } from '../client';
import { buildPatientQuery, parseQueryResponse, type QueryResponse } from '../hl7v3';
import { ACTIONS } from './actions';

/**
 * The HL7v3 patient query behind TD0.2 (`TEST_EXST`) and TD1.3a (`CNSLT_DATA`): same message,
 * same service, same answer shape; only the reason and what is read from the answer differ.
 */
export async function queryPatient(
  client: DmpClient,
  reason: 'TEST_EXST' | 'CNSLT_DATA',
  request: { readonly patient: DmpPatientRef; readonly accessMode: DmpAccessMode },
): Promise<QueryResponse> {
  const message = buildPatientQuery(reason, request.patient, client.sender, client.now());
  const envelope = await client.call({
    service: 'patients',
    action: ACTIONS.patientQuery,
    body: message.xml,
    patient: request.patient,
    accessMode: request.accessMode,
  });
  return parseQueryResponse(envelope.payload);
}
