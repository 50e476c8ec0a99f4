import type { Element } from '@xmldom/xmldom';
import { officialMessage } from './harness';

const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';
const HL7 = 'urn:hl7-org:v3';
const EXAMPLE_NIR = '207058575627097';
const EXAMPLE_OID = '1.2.250.1.213.1.4.10';

export const OFFICIAL = {
  td02: 'TD0.2_-_Test_dexistence_request.xml',
  td03: 'TD0.3_-_Mise_a_jour_de_lautorisation_request.xml',
  td13a: 'TD1.3a_-_Consultation_request.xml',
  td13b: 'TD1.3b_-_Modification_request.xml',
  td14: 'TD1.4_-_Fermer_request.xml',
} as const;

/** An official request about another patient: the NIR (and its authority) change in body and VIHF alike. */
export function forPatient(xml: string, nir: string, oid = EXAMPLE_OID): string {
  return xml.replaceAll(EXAMPLE_NIR, nir).replaceAll(EXAMPLE_OID, oid);
}

const replaceAction = (xml: string, action: string): string =>
  xml.replace(/(<Action [^>]*>)[^<]*(<\/Action>)/, `$1${action}$2`);

const replaceBody = (xml: string, body: string): string =>
  xml.replace(/<soap:Body>[\s\S]*<\/soap:Body>/, `<soap:Body>${body}</soap:Body>`);

export function td03(action: 'AJOUT' | 'SUPPRESSION', role?: 'MEDECIN_TRAITANT'): string {
  const body =
    `<setAuthorization xmlns="urn:si-dmp-habilitations"><action>${action}</action>` +
    (role === undefined ? '' : `<role>${role}</role>`) +
    `</setAuthorization>`;
  return replaceBody(officialMessage(OFFICIAL.td03), body);
}

/** TD1.6: no official example; the TD0.3 envelope with the WSDL's listAuthorizationByPatient. */
export function td16(mode?: 'TOUTE' | 'ACTIVE' | 'INTERDITE'): string {
  const xml = replaceAction(
    officialMessage(OFFICIAL.td03),
    'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient',
  );
  const inner = mode === undefined ? '' : `<mode>${mode}</mode>`;
  return replaceBody(
    xml,
    `<listAuthorizationByPatient xmlns="urn:si-dmp-habilitations">${inner}</listAuthorizationByPatient>`,
  );
}

/** TD0.4: no official example; the TD0.3 envelope with the WSDL's patientList. */
export function td04(startDate?: string, dateType = 'LASTAUTORIZATION'): string {
  const xml = replaceAction(officialMessage(OFFICIAL.td03), 'urn:si-dmp-patients:PatientSpecificEndPoint:patientList');
  const start = startDate === undefined ? '' : `<startDate>${startDate}</startDate>`;
  return replaceBody(
    xml,
    `<patientList xmlns="urn:si-dmp-patients">${start}<dateType>${dateType}</dateType></patientList>`,
  );
}

/**
 * TD0.5: no official example in dmp-messages/; the TD0.2 envelope carrying a PRPA_IN201305UV02
 * shaped like the kit's official TD0.5 request (a livingSubjectName parameter, plus the optional
 * gender and birth time of PRPA_MT201306UV02).
 */
export function td05(traits: { family?: string; given?: string; gender?: string; birthTime?: string }): string {
  const xml = replaceAction(officialMessage(OFFICIAL.td02), 'urn:hl7-org:v3:PRPA_IN201305UV02');
  const name =
    traits.family === undefined && traits.given === undefined
      ? ''
      : `<livingSubjectName><value>${traits.family === undefined ? '' : `<family>${traits.family}</family>`}` +
        `${traits.given === undefined ? '' : `<given>${traits.given}</given>`}</value>` +
        '<semanticsText>LivingSubject.name</semanticsText></livingSubjectName>';
  const gender =
    traits.gender === undefined
      ? ''
      : `<livingSubjectAdministrativeGender><value code="${traits.gender}"/><semanticsText>LivingSubject.administrativeGender</semanticsText></livingSubjectAdministrativeGender>`;
  const birth =
    traits.birthTime === undefined
      ? ''
      : `<livingSubjectBirthTime><value value="${traits.birthTime}"/><semanticsText>LivingSubject.birthTime</semanticsText></livingSubjectBirthTime>`;
  return replaceBody(
    xml,
    `<PRPA_IN201305UV02 ITSVersion="XML_1.0" xmlns="${HL7}">` +
      '<id root="1.3.6.1.4.1.48364.1.1" extension="1633a409-3d61-4869-aed8-74d92ae20272"/>' +
      '<creationTime value="20190404100738"/><interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201305UV02"/>' +
      '<processingCode code="D"/><processingModeCode code="T"/><acceptAckCode code="AL"/>' +
      '<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.2.250.1.213.4.1.1.1"/><softwareName>DMP</softwareName></device></receiver>' +
      '<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.3.6.1.4.1.48364"/><softwareName>LPS GIE-SV</softwareName></device></sender>' +
      '<controlActProcess classCode="CACT" moodCode="EVN"><code code="PRPA_TE201305UV02" codeSystem="2.16.840.1.113883.1.6"/>' +
      '<queryByParameter><queryId root="1.3.6.1.4.1.48364.2" extension="4cf69f11-f58c-4a49-8dd3-2cca7c342e40"/><statusCode code="new"/>' +
      `<parameterList>${gender}${birth}${name}</parameterList></queryByParameter></controlActProcess></PRPA_IN201305UV02>`,
  );
}

/** TD1.1: the TD1.3b message re-labelled PRPA_IN201311UV02 / CREA_RD, with an optional consent observation. */
export function td11(consent?: boolean): string {
  let xml = replaceAction(officialMessage(OFFICIAL.td13b), 'urn:hl7-org:v3:PRPA_IN201311UV02')
    .replaceAll('PRPA_IN201314UV02', 'PRPA_IN201311UV02')
    .replace(
      /<reasonCode code="MODIF_DATA"[^>]*\/>/,
      '<reasonCode code="CREA_RD" codeSystem="1.2.250.1.213.1.1.4.11"/>',
    );
  if (consent !== undefined) xml = addObservation(xml, 'CONSENTEMENT_CREATION_DMP', consent);
  return xml;
}

/** TD1.2: the TD1.3b message with reasonCode REAC and the reactivation consent. */
export function td12(consent: boolean): string {
  const xml = officialMessage(OFFICIAL.td13b).replace(
    /<reasonCode code="MODIF_DATA"[^>]*\/>/,
    '<reasonCode code="REAC" codeSystem="1.2.250.1.213.1.1.4.11"/>',
  );
  return addObservation(xml, 'CONSENTEMENT_REACTIVATION_DMP', consent);
}

function addObservation(xml: string, code: string, value: boolean): string {
  const observation =
    `<subjectOf typeCode="SBJ"><administrativeObservation classCode="OBS" moodCode="EVN">` +
    `<code code="${code}" codeSystem="1.2.250.1.213.4.1.2.3"/><value xsi:type="BL" value="${value}"/>` +
    `</administrativeObservation></subjectOf>`;
  return xml.replace('</patient>', `${observation}</patient>`);
}

// VIHF edits, applied through resignVihf's `mutate` before signing.

function attributeElement(assertion: Element, name: string): Element | undefined {
  return Array.from(assertion.getElementsByTagNameNS(SAML2, 'Attribute')).find(
    (attribute) => attribute.getAttribute('Name')?.toLowerCase() === name.toLowerCase(),
  );
}

export const setNameId =
  (nameId: string) =>
  (assertion: Element): void => {
    const element = assertion.getElementsByTagNameNS(SAML2, 'NameID')[0];
    if (element !== undefined) element.textContent = nameId;
  };

export const setAttribute =
  (name: string, value: string) =>
  (assertion: Element): void => {
    const values = attributeElement(assertion, name)?.getElementsByTagNameNS(SAML2, 'AttributeValue');
    const target = values?.[0];
    if (target !== undefined) target.textContent = value;
  };

export const removeAttribute =
  (name: string) =>
  (assertion: Element): void => {
    const attribute = attributeElement(assertion, name);
    attribute?.parentNode?.removeChild(attribute);
  };

export const setPurpose =
  (code: 'normal' | 'bris_de_glace' | 'centre_15') =>
  (assertion: Element): void => {
    const element = attributeElement(
      assertion,
      'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
    )?.getElementsByTagNameNS(HL7, 'PurposeOfUse')[0];
    element?.setAttribute('code', code);
  };

/** Replaces the roles: profession (G15 code, or a non-PS code system) then the optional specialty. */
export const setRoles =
  (profession: string, specialty?: string, professionSystem = '1.2.250.1.71.1.2.7') =>
  (assertion: Element): void => {
    const roles = Array.from(
      attributeElement(assertion, 'urn:oasis:names:tc:xacml:2.0:subject:role')?.getElementsByTagNameNS(HL7, 'Role') ??
        [],
    );
    const [first, second] = roles;
    first?.setAttribute('code', profession);
    first?.setAttribute('codeSystem', professionSystem);
    if (specialty === undefined) second?.parentNode?.parentNode?.removeChild(second.parentNode);
    else second?.setAttribute('code', specialty);
  };

export const compose =
  (...edits: ((assertion: Element) => void)[]) =>
  (assertion: Element): void => {
    for (const edit of edits) edit(assertion);
  };

/** Appends a string attribute to the AttributeStatement. */
export const addAttribute =
  (name: string, value: string) =>
  (assertion: Element): void => {
    const statement = assertion.getElementsByTagNameNS(SAML2, 'AttributeStatement')[0];
    const document = assertion.ownerDocument;
    if (statement === undefined || document === null) return;
    const attribute = document.createElementNS(SAML2, 'saml2:Attribute');
    attribute.setAttribute('Name', name);
    const attributeValue = document.createElementNS(SAML2, 'saml2:AttributeValue');
    attributeValue.textContent = value;
    attribute.appendChild(attributeValue);
    statement.appendChild(attribute);
  };

/** Indirect (establishment) or AIR mode: the mode attribute plus the subject-id those modes require. */
export const indirect = (mode: 'INDIRECTE' | 'INDIRECTE_RENFORCEE' = 'INDIRECTE') =>
  compose(
    setAttribute('Authentification_mode', mode),
    addAttribute('urn:oasis:names:tc:xspa:1.0:subject:subject-id', 'MAX LIBRE'),
  );
