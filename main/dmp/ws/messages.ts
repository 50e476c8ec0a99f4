import { AppError } from '../../../shared/errors';
import { NS, childElements, escapeXmlText as text } from '../../xml';

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

/** `startDate` as the DMP writes dates (`YYYYMMDD`). */
export function buildPatientList(startDate: string, dateType: 'LASTAUTORIZATION' | 'LASTDOC'): string {
  return `<patientList xmlns="${NS.pat}"><startDate>${text(startDate.replace(/-/g, ''))}</startDate><dateType>${dateType}</dateType></patientList>`;
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
