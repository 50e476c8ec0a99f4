import { AppError } from '../../../shared/errors';
import {
  NS,
  childElements,
  escapeXmlAttribute as attr,
  escapeXmlText as text,
  selectElements,
  selectText,
} from '../../xml';
import { transmissionWrapper, type Hl7Sender, type MessageIdentity } from './header';

/** What a regulator knows of a patient without INS: a family name at least. */
export interface SearchTraits {
  readonly family: string;
  readonly given?: string | undefined;
  readonly sex?: 'M' | 'F' | undefined;
  /** YYYY-MM-DD. */
  readonly birthDate?: string | undefined;
}

export interface SearchCandidate {
  readonly identifiers: readonly { readonly id: string; readonly type: string }[];
  readonly family: string | null;
  readonly birthFamily: string | null;
  readonly given: string | null;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** The DMP's `POURCENTAGE` of match, 0-100. */
  readonly match: number | null;
  /** `OPPOSITION_ACCES_URGENCE`: the patient refuses access in régulation. */
  readonly emergencyOpposed: boolean | null;
}

export interface SearchResponse {
  readonly ackTypeCode: string | null;
  readonly detailCodes: readonly string[];
  readonly queryResponseCode: string | null;
  readonly candidates: readonly SearchCandidate[];
  /** resultTotalQuantity: candidates the DMP found, beyond the ones it answered. */
  readonly total: number | null;
}

/** More than any régulation search should answer; what lies beyond is not read. */
export const MAX_SEARCH_CANDIDATES = 100;

/**
 * TD0.5 PRPA_IN201305UV02 (IHE PDQv3 query), as the official example of the kit writes it: the
 * transmission wrapper, then controlActProcess/queryByParameter with a `livingSubjectName` (family,
 * given), and where known the `livingSubjectAdministrativeGender` and `livingSubjectBirthTime`
 * parameters of PRPA_MT201306UV02, each with its `semanticsText`.
 */
export function buildPatientSearch(
  traits: SearchTraits,
  sender: Hl7Sender,
  now: Date,
): { readonly xml: string; readonly id: MessageIdentity; readonly queryId: string } {
  const wrapper = transmissionWrapper('PRPA_IN201305UV02', sender, now);
  const queryId = crypto.randomUUID();
  const given = traits.given === undefined || traits.given === '' ? '' : `<given>${text(traits.given)}</given>`;
  const parameters =
    (traits.sex === undefined
      ? ''
      : `<livingSubjectAdministrativeGender><value code="${traits.sex}"/>` +
        '<semanticsText>LivingSubject.administrativeGender</semanticsText></livingSubjectAdministrativeGender>') +
    (traits.birthDate === undefined
      ? ''
      : `<livingSubjectBirthTime><value value="${attr(traits.birthDate.replace(/-/g, ''))}"/>` +
        '<semanticsText>LivingSubject.birthTime</semanticsText></livingSubjectBirthTime>') +
    `<livingSubjectName><value><family>${text(traits.family)}</family>${given}</value>` +
    '<semanticsText>LivingSubject.name</semanticsText></livingSubjectName>';
  const xml =
    `<PRPA_IN201305UV02 xmlns="${NS.hl7}" ITSVersion="XML_1.0">${wrapper.xml}` +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    '<code code="PRPA_TE201305UV02" codeSystem="2.16.840.1.113883.1.6"/>' +
    `<queryByParameter><queryId root="${attr(sender.oid)}.2" extension="${queryId}"/><statusCode code="new"/>` +
    `<parameterList>${parameters}</parameterList></queryByParameter>` +
    '</controlActProcess></PRPA_IN201305UV02>';
  return { xml, id: wrapper.id, queryId };
}

const bool = (value: string | undefined): boolean | null =>
  value === 'true' ? true : value === 'false' ? false : null;

function candidateOf(patient: Element): SearchCandidate {
  const person = childElements(patient, NS.hl7, 'patientPerson')[0];
  const read = (expression: string): string | null =>
    person === undefined ? null : (selectText(person, expression)?.trim() ?? null);
  const match = Number(selectText(patient, 'hl7:subjectOf1/hl7:queryMatchObservation/hl7:value/@value'));
  const opposition = selectElements(patient, 'hl7:subjectOf2/hl7:administrativeObservation').find(
    (observation) => selectText(observation, 'hl7:code/@code') === 'OPPOSITION_ACCES_URGENCE',
  );
  return {
    identifiers: childElements(patient, NS.hl7, 'id').flatMap((id) => {
      const extension = id.getAttribute('extension');
      return extension === null || extension === '' ? [] : [{ id: extension, type: id.getAttribute('root') ?? '' }];
    }),
    family:
      read("hl7:name/hl7:family[@qualifier='SP']") ?? read("hl7:name/hl7:family[not(@qualifier) or @qualifier!='BR']"),
    birthFamily: read("hl7:name/hl7:family[@qualifier='BR']"),
    given: read('hl7:name/hl7:given'),
    sex: read('hl7:administrativeGenderCode/@code'),
    birthDate: read('hl7:birthTime/@value'),
    postalCode: read('hl7:addr/hl7:postalCode'),
    city: read('hl7:addr/hl7:city'),
    match: Number.isInteger(match) && match >= 0 && match <= 100 ? match : null,
    emergencyOpposed: opposition === undefined ? null : bool(selectText(opposition, 'hl7:value/@value')),
  };
}

/** PRPA_IN201306UV02 (IHE PDQv3 answer): the acknowledgement, the query answer code and the candidates. */
export function parsePatientSearchResponse(payload: Element | undefined): SearchResponse {
  if (payload === undefined || payload.namespaceURI !== NS.hl7 || payload.localName !== 'PRPA_IN201306UV02') {
    throw new AppError('DMP_UNEXPECTED_RESPONSE', { details: { expected: 'PRPA_IN201306UV02' } });
  }
  const ack = childElements(payload, NS.hl7, 'acknowledgement')[0];
  const control = childElements(payload, NS.hl7, 'controlActProcess')[0];
  const patients =
    control === undefined
      ? []
      : childElements(control, NS.hl7, 'subject')
          .slice(0, MAX_SEARCH_CANDIDATES)
          .flatMap((subject) => selectElements(subject, 'hl7:registrationEvent/hl7:subject1/hl7:patient'));
  const total = Number(
    control === undefined ? NaN : selectText(control, 'hl7:queryAck/hl7:resultTotalQuantity/@value'),
  );
  return {
    // NE2008 (PDQv3) writes the acknowledgement type as an element, as the official answer does;
    // the attribute form of the NE2009 answers is read too.
    ackTypeCode:
      ack === undefined ? null : (selectText(ack, 'hl7:typeCode/@code') ?? ack.getAttribute('typeCode') ?? null),
    detailCodes:
      ack === undefined
        ? []
        : selectElements(ack, 'hl7:acknowledgementDetail/hl7:code')
            .map((code) => code.getAttribute('code') ?? '')
            .filter((code) => /^[A-Za-z0-9_.-]{1,80}$/.test(code)),
    queryResponseCode:
      control === undefined ? null : (selectText(control, 'hl7:queryAck/hl7:queryResponseCode/@code') ?? null),
    candidates: patients.map(candidateOf),
    total: Number.isInteger(total) && total >= 0 ? total : null,
  };
}
