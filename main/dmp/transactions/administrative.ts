import type { DmpAdministrativeData, DmpPatientRef } from '../../../shared/api/dmp';
import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import { NS, childElements, selectElements, selectText } from '../../xml';
import type { DmpClient } from '../client';
import { dmpError } from '../dmp-codes';
import { buildRevision, parseRevisionResponse, type PersonName, type PostalAddress, type Telecom } from '../hl7v3';
import { ACTIONS } from './actions';
import { queryPatient } from './patient-query';
import { assertSamePatient } from './check-access';

const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

function readAddress(person: Element): DmpAdministrativeData['address'] {
  const addr = childElements(person, NS.hl7, 'addr')[0];
  if (addr === undefined || childElements(addr).length === 0) return null;
  return {
    lines: childElements(addr, NS.hl7, 'streetAddressLine').map((l) => l.textContent?.trim() ?? ''),
    postalCode: orNull(selectText(addr, 'hl7:postalCode')),
    city: orNull(selectText(addr, 'hl7:city')),
    country: orNull(selectText(addr, 'hl7:country')),
  };
}

/** TD1.3a: the administrative record (identity as known to the DMP, contacts, oppositions). */
export async function getAdministrativeData(
  client: DmpClient,
  request: { readonly patient: DmpPatientRef; readonly accessMode: DmpAccessMode },
): Promise<DmpAdministrativeData> {
  const response = await queryPatient(client, 'CNSLT_DATA', request);
  if (response.ack.typeCode === 'AE' || response.ack.typeCode === 'AR') {
    throw dmpError(response.ack.detailCodes[0] ?? 'unspecified', { accessMode: request.accessMode });
  }
  if (response.queryResponseCode === 'NF') throw new AppError('DMP_NOT_FOUND');
  const patient = response.patient;
  const person = patient?.person;
  if (patient === undefined || person === undefined) {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: 'patientPerson' } });
  }
  assertSamePatient(response, request.patient);
  const name = childElements(person, NS.hl7, 'name')[0];
  // The official answer repeats telecoms; one of each is enough.
  const telecoms = new Map<string, Telecom>();
  for (const t of childElements(person, NS.hl7, 'telecom')) {
    const value = t.getAttribute('value') ?? '';
    const use = t.getAttribute('use');
    if (value !== '') telecoms.set(`${use ?? ''}|${value}`, { use: use === '' ? null : use, value });
  }
  return {
    status: patient.statusCode === 'terminated' ? 'closed' : 'active',
    name: {
      family: name === undefined ? null : orNull(selectText(name, 'hl7:family')),
      given: name === undefined ? null : orNull(selectText(name, 'hl7:given')),
      prefix: name === undefined ? null : orNull(selectText(name, 'hl7:prefix')),
    },
    sex: orNull(selectText(person, 'hl7:administrativeGenderCode/@code')),
    birthDate: orNull(selectText(person, 'hl7:birthTime/@value')),
    telecoms: [...telecoms.values()],
    address: readAddress(person),
    oppositions: {
      breakGlass: patient.observations.get('OPPOSITION_BRIS_DE_GLACE') ?? null,
      emergency: patient.observations.get('OPPOSITION_ACCES_URGENCE') ?? null,
    },
    legalRepresentatives: selectElements(person, 'hl7:personalRelationship').length,
  };
}

/** Sends a PRPA_IN201314UV02 revision and turns a refusal into a DMP_* error. */
export async function revise(
  client: DmpClient,
  input: {
    readonly reason: 'MODIF_DATA' | 'FERM' | 'REAC';
    readonly patient: DmpPatientRef;
    readonly accessMode: DmpAccessMode;
    readonly name: PersonName;
    readonly telecoms?: readonly Telecom[] | undefined;
    readonly address?: PostalAddress | undefined;
    readonly oppositions?: { readonly breakGlass: boolean; readonly emergency: boolean } | undefined;
    readonly sex?: 'M' | 'F' | undefined;
    readonly birthDate?: string | undefined;
  },
): Promise<void> {
  const message = buildRevision({ ...input, author: client.author }, client.sender, client.now());
  const envelope = await client.call({
    service: 'patients',
    action: ACTIONS.patientRevise,
    body: message.xml,
    patient: input.patient,
    accessMode: input.accessMode,
  });
  const response = parseRevisionResponse(envelope.payload, 'PRPA_IN201314UV02_Response');
  if (!response.accepted) {
    throw dmpError(response.ack.detailCodes[0] ?? 'unspecified', { accessMode: input.accessMode });
  }
}
