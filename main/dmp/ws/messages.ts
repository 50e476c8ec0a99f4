import { AppError } from '../../../shared/errors';
import { NS, childElements } from '../../xml';

/** The DMP's own web services (habilitations, patientsSpecific): document/literal, qualified children. */

export function buildSetAuthorization(action: 'AJOUT' | 'SUPPRESSION', treatingPhysician: boolean): string {
  return (
    `<setAuthorization xmlns="${NS.hab}"><action>${action}</action>` +
    (treatingPhysician ? '<role>MEDECIN_TRAITANT</role>' : '') +
    '</setAuthorization>'
  );
}

export function buildListAuthorizationByPatient(mode: 'TOUTE' | 'ACTIVE' | 'INTERDITE'): string {
  return `<listAuthorizationByPatient xmlns="${NS.hab}"><mode>${mode}</mode></listAuthorizationByPatient>`;
}

/**
 * `startDate` as the interface writes its timestamps, `YYYYMMDDhhmmss` (the official TD0.4 request
 * sends `20101010202010`; its answer's dates have 14 digits too). A day (`YYYY-MM-DD`) starts at
 * 00:00:00; a full timestamp is sent as it is.
 */
export function buildPatientList(startDate: string, dateType: 'LASTAUTORIZATION' | 'LASTDOC'): string {
  const digits = startDate.replace(/[-:T\s]/g, '');
  const stamp = /^\d{8}$/.test(digits) ? `${digits}000000` : digits;
  if (!/^\d{14}$/.test(stamp)) throw new RangeError('startDate must be a day or a YYYYMMDDhhmmss timestamp');
  return `<patientList xmlns="${NS.pat}"><startDate>${stamp}</startDate><dateType>${dateType}</dateType></patientList>`;
}

export interface WsOutput {
  readonly status: string | null;
  /** Free French text from the DMP: used for matching known cases only, never logged or forwarded. */
  readonly context: string | null;
  readonly output: Element;
}

/** `<X Response><output><status/><context/>…</output>` of the habilitations and patientsSpecific services. */
export function readWsOutput(payload: Element | undefined, responseName: string, namespace: string): WsOutput {
  if (payload === undefined || payload.namespaceURI !== namespace || payload.localName !== responseName) {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: responseName } });
  }
  const output = childElements(payload, namespace, 'output')[0];
  if (output === undefined) throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: 'output' } });
  return {
    status: childText(output, namespace, 'status'),
    context: childText(output, namespace, 'context'),
    output,
  };
}

export function childText(parent: Element, namespace: string, localName: string): string | null {
  const element = childElements(parent, namespace, localName)[0];
  const value = element?.textContent?.trim();
  return value === undefined || value === '' ? null : value;
}

export function childTexts(parent: Element, namespace: string, localName: string): string[] {
  return childElements(parent, namespace, localName)
    .map((e) => e.textContent?.trim() ?? '')
    .filter((v) => v !== '');
}
