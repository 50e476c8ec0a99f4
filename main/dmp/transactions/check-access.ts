import type { DmpAccessStatus, DmpPatientRef } from '../../../shared/api/dmp';
import type { DmpAccessMode, DmpAuthorization } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import type { DmpClient } from '../client';
import { codeForDmpStatus, dmpError } from '../dmp-codes';
import type { QueryResponse } from '../hl7v3';
import { queryPatient } from './patient-query';

const AUTHORIZATIONS: Readonly<Record<string, DmpAuthorization>> = {
  VALIDE: 'valid',
  INTERDITE: 'blocked',
  BLOQUEE: 'blocked',
  EXPIREE: 'expired',
  NON_VALIDE: 'none',
  NON_EXISTANTE: 'none',
  ABSENTE: 'none',
  AUCUNE: 'none',
};

const bool = (value: string | undefined): boolean | null =>
  value === 'true' ? true : value === 'false' ? false : null;

/** The answer is about the patient we asked for, or it is not used at all. */
export function assertSamePatient(response: QueryResponse, patient: DmpPatientRef): void {
  const ids = response.patient?.ids ?? [];
  const ins = ids.filter((id) => id.root === patient.oid);
  if (ins.length > 0 && !ins.some((id) => id.extension === patient.matricule)) {
    throw new AppError('DMP_INS_MISMATCH', { details: { where: 'response' } });
  }
}

/** TD0.2: one glance at the patient's DMP from the caller's point of view. */
export async function checkAccess(
  client: DmpClient,
  request: { readonly patient: DmpPatientRef; readonly accessMode: DmpAccessMode },
): Promise<DmpAccessStatus> {
  const response = await queryPatient(client, 'TEST_EXST', request);
  const checkedAt = client.now().toISOString();
  const empty = {
    authorization: 'unknown',
    treatingPhysician: null,
    oppositions: { breakGlass: null, emergency: null },
    webAccountOpen: null,
    attachedToMes: null,
    closedOn: null,
    checkedAt,
  } as const;

  for (const detail of response.ack.detailCodes) {
    const code = codeForDmpStatus(detail);
    if (code === 'DMP_NOT_FOUND') return { existence: 'not_found', ...empty };
    if (code === 'DMP_CLOSED') return { existence: 'closed', ...empty };
  }
  if (response.ack.typeCode === 'AE' || response.ack.typeCode === 'AR') {
    throw dmpError(response.ack.detailCodes[0] ?? 'unspecified', { accessMode: request.accessMode });
  }
  if (response.queryResponseCode === 'NF') return { existence: 'not_found', ...empty };
  if (response.queryResponseCode !== 'OK' || response.patient === undefined) {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: 'queryResponseCode' } });
  }
  assertSamePatient(response, request.patient);
  const obs = response.patient.observations;
  const authorization = response.attentionLines.get('AUTORISATION');
  return {
    existence: response.patient.statusCode === 'terminated' ? 'closed' : 'exists',
    authorization: authorization === undefined ? 'unknown' : (AUTHORIZATIONS[authorization] ?? 'none'),
    treatingPhysician: bool(response.attentionLines.get('STATUT_MT')),
    oppositions: {
      breakGlass: obs.get('OPPOSITION_BRIS_DE_GLACE') ?? null,
      emergency: obs.get('OPPOSITION_ACCES_URGENCE') ?? null,
    },
    webAccountOpen: obs.get('COMPTE_INTERNET_OUVERT') ?? null,
    attachedToMes: obs.get('RATTACHEMENT_ENS') ?? null,
    closedOn: response.patient.effectiveEnd,
    checkedAt,
  };
}
