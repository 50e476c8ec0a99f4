import type { DmpSearchCandidate } from '../../../shared/api/dmp';
import { AppError } from '../../../shared/errors';
import type { DmpClient } from '../client';
import { dmpError } from '../dmp-codes';
import { buildPatientSearch, parsePatientSearchResponse, type SearchTraits } from '../hl7v3/patient-search';
import { ACTIONS } from './actions';

/**
 * TD0.5: the patients whose traits match, found without INS, for the régulation (centre 15) only
 * (PDT-INF-526: "oui" in the R column alone). The VIHF says centre_15 and carries the typed
 * reason; no patient is named in it. The candidates are what the DMP answered, nothing the desk
 * keeps: a regulator then opens one by its INS with the usual transactions.
 */
export async function searchPatients(
  client: DmpClient,
  request: { readonly traits: SearchTraits; readonly accessMode: 'centre_15'; readonly emergencyReason: string },
): Promise<{ candidates: DmpSearchCandidate[]; total: number }> {
  const message = buildPatientSearch(request.traits, client.sender, client.now());
  const envelope = await client.call({
    service: 'patientsPDQ',
    action: ACTIONS.patientSearch,
    body: message.xml,
    accessMode: request.accessMode,
    emergencyReason: request.emergencyReason,
  });
  const response = parsePatientSearchResponse(envelope.payload);
  if (response.ackTypeCode === 'AE' || response.ackTypeCode === 'AR') {
    throw dmpError(response.detailCodes[0] ?? 'unspecified', { accessMode: request.accessMode });
  }
  if (response.queryResponseCode === 'NF') return { candidates: [], total: 0 };
  if (response.queryResponseCode !== 'OK') {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: 'queryResponseCode' } });
  }
  const candidates = response.candidates.map((candidate) => ({
    ...candidate,
    identifiers: [...candidate.identifiers],
  }));
  return { candidates, total: Math.max(response.total ?? candidates.length, candidates.length) };
}
