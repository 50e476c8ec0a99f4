import type { DmpConsent, DmpPatientRef } from '../../../shared/api/dmp';
import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError, isAppError } from '../../../shared/errors';
import type { DmpClient } from '../client';
import { dmpError } from '../dmp-codes';
import { buildCreation, parseRevisionResponse, type PersonName } from '../hl7v3';
import { ACTIONS } from './actions';
import { revise } from './administrative';

/** Where consents are kept before any creation or reactivation is attempted. */
export interface ConsentJournal {
  record(entry: {
    readonly kind: 'creation' | 'reactivation';
    readonly patient: DmpPatientRef;
    readonly consent: DmpConsent;
    readonly practitionerId: string;
  }): Promise<void>;
}

/**
 * Since July 2021 the national service no longer lets professionals create or reactivate a DMP
 * (it comes with Mon espace santé). A refusal of any kind other than "already exists" is
 * therefore reported as DMP_CREATION_REFUSED, which the desk explains in plain words.
 */
function asCreationRefusal(error: unknown): unknown {
  if (!isAppError(error)) return error;
  if (error.code === 'DMP_ACCESS_DENIED' || error.code === 'DMP_REJECTED') {
    return new AppError('DMP_CREATION_REFUSED', {
      ...(error.details === undefined ? {} : { details: error.details }),
      cause: error,
    });
  }
  return error;
}

/** TD1.1. */
export async function createDmp(
  client: DmpClient,
  journal: ConsentJournal,
  request: {
    readonly patient: DmpPatientRef;
    readonly accessMode: DmpAccessMode;
    readonly name: PersonName;
    readonly sex: 'M' | 'F';
    readonly birthDate: string;
    readonly consent: DmpConsent;
  },
): Promise<void> {
  await journal.record({
    kind: 'creation',
    patient: request.patient,
    consent: request.consent,
    practitionerId: client.author.nationalId,
  });
  const message = buildCreation({ ...request, author: client.author }, client.sender, client.now());
  try {
    const envelope = await client.call({
      service: 'patients',
      action: ACTIONS.patientAdd,
      body: message.xml,
      patient: request.patient,
      accessMode: request.accessMode,
    });
    const response = parseRevisionResponse(envelope.payload, 'PRPA_IN201311UV02_Response');
    if (!response.accepted) {
      throw dmpError(response.ack.detailCodes[0] ?? 'unspecified', { accessMode: request.accessMode });
    }
  } catch (error) {
    throw asCreationRefusal(error);
  }
}

/** TD1.2. */
export async function reactivateDmp(
  client: DmpClient,
  journal: ConsentJournal,
  request: {
    readonly patient: DmpPatientRef;
    readonly accessMode: DmpAccessMode;
    readonly name: PersonName;
    readonly consent: DmpConsent;
  },
): Promise<void> {
  await journal.record({
    kind: 'reactivation',
    patient: request.patient,
    consent: request.consent,
    practitionerId: client.author.nationalId,
  });
  try {
    await revise(client, {
      reason: 'REAC',
      patient: request.patient,
      accessMode: request.accessMode,
      name: request.name,
    });
  } catch (error) {
    throw asCreationRefusal(error);
  }
}

/** TD1.4, at the patient's request. */
export async function closeDmp(
  client: DmpClient,
  request: { readonly patient: DmpPatientRef; readonly accessMode: DmpAccessMode; readonly name: PersonName },
): Promise<void> {
  await revise(client, { reason: 'FERM', ...request });
}
