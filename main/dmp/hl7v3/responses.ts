import { AppError } from '../../../shared/errors';
import { NS, childElements, selectElement, selectElements, selectText } from '../../xml';

/** HL7v3 acknowledgement: AA accepted, AE/AR refused with detail codes (e.g. `DMPFound`, `DMPClosed`). */
export interface Hl7Ack {
  readonly typeCode: string | null;
  readonly detailCodes: readonly string[];
}

export interface QueryResponse {
  readonly ack: Hl7Ack;
  /** `OK` (found), `NF` (not found), `AE`/`QE` (error). */
  readonly queryResponseCode: string | null;
  /** attentionLine keyWordText code -> value (code of a CV, or `true`/`false` of a BL). */
  readonly attentionLines: ReadonlyMap<string, string>;
  readonly patient: PatientRecord | undefined;
}

export interface PatientRecord {
  readonly ids: readonly { readonly root: string; readonly extension: string }[];
  readonly statusCode: string | null;
  /** End of the record's life (`effectiveTime/high`), where a closed DMP would carry its closing date [I]. */
  readonly effectiveEnd: string | null;
  /** administrativeObservation code -> BL value (null when the value is not a boolean). */
  readonly observations: ReadonlyMap<string, boolean | null>;
  readonly person: Element | undefined;
}

const DETAIL_TOKEN = /^[A-Za-z0-9_.-]{1,80}$/;

function readAck(message: Element): Hl7Ack {
  const ack = childElements(message, NS.hl7, 'acknowledgement')[0];
  if (ack === undefined) return { typeCode: null, detailCodes: [] };
  const detailCodes = selectElements(ack, 'hl7:acknowledgementDetail/hl7:code')
    .map((code) => code.getAttribute('code') ?? '')
    .filter((code) => DETAIL_TOKEN.test(code));
  return { typeCode: ack.getAttribute('typeCode'), detailCodes };
}

function readAttentionLines(message: Element): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of childElements(message, NS.hl7, 'attentionLine')) {
    const key = selectText(line, 'hl7:keyWordText/@code');
    const value = selectElement(line, 'hl7:value');
    if (key === undefined || value === undefined) continue;
    lines.set(key, value.getAttribute('code') ?? value.getAttribute('value') ?? '');
  }
  return lines;
}

function readBoolean(value: string | null | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function readPatient(scope: Element): PatientRecord | undefined {
  const patient = selectElement(scope, './/hl7:registrationEvent/hl7:subject1/hl7:patient');
  if (patient === undefined) return undefined;
  const observations = new Map<string, boolean | null>();
  for (const obs of selectElements(patient, 'hl7:subjectOf/hl7:administrativeObservation')) {
    const code = selectText(obs, 'hl7:code/@code');
    if (code !== undefined) observations.set(code, readBoolean(selectText(obs, 'hl7:value/@value')));
  }
  return {
    ids: childElements(patient, NS.hl7, 'id').map((id) => ({
      root: id.getAttribute('root') ?? '',
      extension: id.getAttribute('extension') ?? '',
    })),
    statusCode: selectText(patient, 'hl7:statusCode/@code') ?? null,
    effectiveEnd: selectText(patient, 'hl7:effectiveTime/hl7:high/@value') ?? null,
    observations,
    person: childElements(patient, NS.hl7, 'patientPerson')[0],
  };
}

function expectPayload(payload: Element | undefined, localName: string, namespace: string = NS.hl7): Element {
  if (payload === undefined || payload.namespaceURI !== namespace || payload.localName !== localName) {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: localName } });
  }
  return payload;
}

/** PRPA_IN201308UV02 (answer to TD0.2 and TD1.3a). */
export function parseQueryResponse(payload: Element | undefined): QueryResponse {
  const message = expectPayload(payload, 'PRPA_IN201308UV02');
  const control = childElements(message, NS.hl7, 'controlActProcess')[0];
  return {
    ack: readAck(message),
    queryResponseCode:
      control === undefined ? null : (selectText(control, 'hl7:queryAck/hl7:queryResponseCode/@code') ?? null),
    attentionLines: readAttentionLines(message),
    patient: control === undefined ? undefined : readPatient(control),
  };
}

export interface RevisionResponse {
  /** Local name of the inner message: PRPA_IN201315UV02 / PRPA_IN201312UV02 (accepted) or 201316 / 201313 (refused). */
  readonly interaction: string;
  readonly ack: Hl7Ack;
  readonly patient: PatientRecord | undefined;
}

const ACCEPTED = new Set(['PRPA_IN201312UV02', 'PRPA_IN201315UV02']);
const REFUSED = new Set(['PRPA_IN201313UV02', 'PRPA_IN201316UV02']);

/** `PRPA_IN201311UV02_Response` / `PRPA_IN201314UV02_Response` (ns asip:ci-sis:gdp:2010), or the inner message bare. */
export function parseRevisionResponse(
  payload: Element | undefined,
  wrapper: 'PRPA_IN201311UV02_Response' | 'PRPA_IN201314UV02_Response',
): RevisionResponse & { readonly accepted: boolean } {
  let message = payload;
  if (payload?.namespaceURI === NS.gdp && payload.localName === wrapper) message = childElements(payload, NS.hl7)[0];
  if (
    message === undefined ||
    message.namespaceURI !== NS.hl7 ||
    !(ACCEPTED.has(message.localName) || REFUSED.has(message.localName))
  ) {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: wrapper } });
  }
  const ack = readAck(message);
  const accepted =
    ACCEPTED.has(message.localName) && (ack.typeCode === null || ack.typeCode === 'AA' || ack.typeCode === 'CA');
  return { interaction: message.localName, ack, patient: readPatient(message), accepted };
}
