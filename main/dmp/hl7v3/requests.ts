import { randomUUID } from 'node:crypto';
import { DMP_OIDS } from '../../../shared/domain/dmp';
import { NS, escapeXmlAttribute as attr, escapeXmlText as text } from '../../xml';
import { transmissionWrapper, type Hl7Sender } from './header';

export interface PatientIns {
  readonly matricule: string;
  readonly oid: string;
}

export interface PersonName {
  readonly family: string;
  readonly given: string;
  readonly prefix?: string | undefined;
}

/** The author of a revision: the practitioner and the structure (RG_2230: family and given names are required). */
export interface Hl7Author {
  readonly nationalId: string;
  readonly name: PersonName;
  readonly specialty?: { readonly code: string; readonly displayName?: string } | undefined;
  readonly structure: { readonly id: string; readonly name: string };
}

export interface Telecom {
  readonly use: string | null;
  readonly value: string;
}

export interface PostalAddress {
  readonly lines: readonly string[];
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly country: string | null;
}

const REASONS = {
  TEST_EXST: "Test d'existence de dossier",
  CNSLT_DATA: 'Consultation des données de gestion de dossier',
  CREA_RD: 'Création de dossier',
  MODIF_DATA: 'Modification des données de gestion du dossier',
  FERM: 'Fermeture de dossier',
  REAC: 'Réactivation de dossier',
} as const;
export type ReasonCode = keyof typeof REASONS;

const reasonCode = (code: ReasonCode): string =>
  `<reasonCode code="${code}" codeSystem="${DMP_OIDS.REASON}" displayName="${attr(REASONS[code])}"/>`;

const patientId = (ins: PatientIns): string => `<id root="${attr(ins.oid)}" extension="${attr(ins.matricule)}"/>`;

function personName(name: PersonName, qualified: boolean): string {
  return (
    '<name>' +
    (name.prefix === undefined ? '' : `<prefix>${text(name.prefix)}</prefix>`) +
    `<family${qualified ? ' qualifier="SP"' : ''}>${text(name.family)}</family>` +
    `<given>${text(name.given)}</given>` +
    '</name>'
  );
}

const observation = (code: string, codeSystem: string, value: boolean, displayName?: string): string =>
  '<subjectOf typeCode="SBJ"><administrativeObservation classCode="OBS" moodCode="EVN">' +
  `<code code="${code}" codeSystem="${codeSystem}"${displayName === undefined ? '' : ` displayName="${attr(displayName)}"`}/>` +
  `<value xsi:type="BL" value="${value ? 'true' : 'false'}"/>` +
  '</administrativeObservation></subjectOf>';

function author(a: Hl7Author): string {
  return (
    '<author typeCode="AUT"><assignedEntity classCode="ASSIGNED">' +
    `<id root="${DMP_OIDS.PS_ID}" extension="${attr(a.nationalId)}"/>` +
    (a.specialty === undefined
      ? ''
      : `<code code="${attr(a.specialty.code)}" codeSystem="${DMP_OIDS.SPECIALTIES}"${
          a.specialty.displayName === undefined ? '' : ` displayName="${attr(a.specialty.displayName)}"`
        }/>`) +
    `<assignedPerson classCode="PSN" determinerCode="INSTANCE">${personName(a.name, false)}</assignedPerson>` +
    '<representedOrganization classCode="ORG" determinerCode="INSTANCE">' +
    `<id root="${DMP_OIDS.STRUCTURE_ID}" extension="${attr(a.structure.id)}"/><name>${text(a.structure.name)}</name>` +
    // Required by the HL7v3 schema (the official TD1.4 example has it, the TD1.3b one omits it).
    '<contactParty classCode="CON"/>' +
    '</representedOrganization></assignedEntity></author>'
  );
}

export interface BuiltMessage {
  readonly xml: string;
  readonly messageId: { readonly root: string; readonly extension: string };
}

/** PRPA_IN201307UV02: TD0.2 (TEST_EXST) and TD1.3a (CNSLT_DATA). */
export function buildPatientQuery(
  reason: 'TEST_EXST' | 'CNSLT_DATA',
  patient: PatientIns,
  sender: Hl7Sender,
  now: Date,
): BuiltMessage {
  const wrapper = transmissionWrapper('PRPA_IN201307UV02', sender, now);
  const xml =
    `<PRPA_IN201307UV02 xmlns="${NS.hl7}" xmlns:xsi="${NS.xsi}" ITSVersion="XML_1.0">` +
    wrapper.xml +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    reasonCode(reason) +
    '<queryByParameter>' +
    `<queryId root="${attr(sender.oid)}.2" extension="${randomUUID()}"/>` +
    '<statusCode code="new"/>' +
    '<parameterList><patientIdentifier>' +
    `<value root="${attr(patient.oid)}" extension="${attr(patient.matricule)}"/>` +
    '<semanticsText>Patient.id</semanticsText>' +
    '</patientIdentifier></parameterList>' +
    '</queryByParameter></controlActProcess></PRPA_IN201307UV02>';
  return { xml, messageId: wrapper.id };
}

export interface RevisionInput {
  readonly reason: 'MODIF_DATA' | 'FERM' | 'REAC';
  readonly patient: PatientIns;
  readonly name: PersonName;
  readonly author: Hl7Author;
  readonly telecoms?: readonly Telecom[] | undefined;
  readonly address?: PostalAddress | undefined;
  readonly oppositions?: { readonly breakGlass: boolean; readonly emergency: boolean } | undefined;
  readonly sex?: 'M' | 'F' | undefined;
  /** `YYYY-MM-DD`. */
  readonly birthDate?: string | undefined;
}

function personDetails(input: {
  telecoms?: readonly Telecom[] | undefined;
  address?: PostalAddress | undefined;
  sex?: 'M' | 'F' | undefined;
  birthDate?: string | undefined;
}): string {
  const telecoms = (input.telecoms ?? [])
    .map((t) => `<telecom value="${attr(t.value)}"${t.use === null ? '' : ` use="${attr(t.use)}"`}/>`)
    .join('');
  const a = input.address;
  const address =
    a === undefined
      ? ''
      : '<addr>' +
        a.lines.map((line) => `<streetAddressLine>${text(line)}</streetAddressLine>`).join('') +
        (a.postalCode === null ? '' : `<postalCode>${text(a.postalCode)}</postalCode>`) +
        (a.city === null ? '' : `<city>${text(a.city)}</city>`) +
        (a.country === null ? '' : `<country>${text(a.country)}</country>`) +
        '</addr>';
  const sex = input.sex === undefined ? '' : `<administrativeGenderCode code="${input.sex}"/>`;
  const birth = input.birthDate === undefined ? '' : `<birthTime value="${attr(input.birthDate.replace(/-/g, ''))}"/>`;
  return telecoms + sex + birth + address;
}

/** PRPA_IN201314UV02: TD1.3b (MODIF_DATA), TD1.4 (FERM), TD1.2 (REAC, with the patient's consent). */
export function buildRevision(input: RevisionInput, sender: Hl7Sender, now: Date): BuiltMessage {
  const wrapper = transmissionWrapper('PRPA_IN201314UV02', sender, now);
  const closing = input.reason === 'FERM';
  const observations =
    (input.oppositions === undefined
      ? ''
      : observation(
          'OPPOSITION_BRIS_DE_GLACE',
          DMP_OIDS.OBSERVATION_FLAGS,
          input.oppositions.breakGlass,
          'opposition au mode bris de glace',
        ) +
        observation(
          'OPPOSITION_ACCES_URGENCE',
          DMP_OIDS.OBSERVATION_FLAGS,
          input.oppositions.emergency,
          "opposition à l'accès au mode urgence",
        )) +
    (input.reason === 'REAC' ? observation('CONSENTEMENT_REACTIVATION_DMP', DMP_OIDS.OBSERVATION_FLAGS, true) : '');
  const xml =
    `<PRPA_IN201314UV02 xmlns="${NS.hl7}" xmlns:xsi="${NS.xsi}" ITSVersion="XML_1.0">` +
    wrapper.xml +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    reasonCode(input.reason) +
    '<subject typeCode="SUBJ" contextConductionInd="false"><registrationRequest classCode="REG" moodCode="RQO">' +
    '<statusCode code="active"/>' +
    '<subject1 typeCode="SBJ"><patient classCode="PAT">' +
    patientId(input.patient) +
    `<statusCode code="${closing ? 'terminated' : 'active'}"/>` +
    '<patientPerson classCode="PSN" determinerCode="INSTANCE">' +
    personName(input.name, true) +
    (input.reason === 'MODIF_DATA' ? personDetails(input) : '') +
    '</patientPerson>' +
    observations +
    '</patient></subject1>' +
    author(input.author) +
    '</registrationRequest></subject>' +
    (closing
      ? '<reasonOf typeCode="RSON"><detectedIssueEvent classCode="ALRT" moodCode="EVN">' +
        `<code code="FERMETURE_DEMANDE_PATIENT" codeSystem="${DMP_OIDS.CLOSURE_REASON}"/>` +
        '<text>FERMETURE_DEMANDE_PATIENT</text></detectedIssueEvent></reasonOf>'
      : '') +
    '</controlActProcess></PRPA_IN201314UV02>';
  return { xml, messageId: wrapper.id };
}

export interface CreationInput {
  readonly patient: PatientIns;
  readonly name: PersonName;
  readonly sex: 'M' | 'F';
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly author: Hl7Author;
}

/** PRPA_IN201311UV02 (TD1.1, CREA_RD): the consent travels as an administrative observation. */
export function buildCreation(input: CreationInput, sender: Hl7Sender, now: Date): BuiltMessage {
  const wrapper = transmissionWrapper('PRPA_IN201311UV02', sender, now);
  const xml =
    `<PRPA_IN201311UV02 xmlns="${NS.hl7}" xmlns:xsi="${NS.xsi}" ITSVersion="XML_1.0">` +
    wrapper.xml +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    reasonCode('CREA_RD') +
    '<subject typeCode="SUBJ" contextConductionInd="false"><registrationRequest classCode="REG" moodCode="RQO">' +
    '<statusCode code="active"/>' +
    '<subject1 typeCode="SBJ"><patient classCode="PAT">' +
    patientId(input.patient) +
    '<statusCode code="active"/>' +
    '<patientPerson classCode="PSN" determinerCode="INSTANCE">' +
    personName(input.name, true) +
    `<administrativeGenderCode code="${input.sex}"/>` +
    `<birthTime value="${attr(input.birthDate.replace(/-/g, ''))}"/>` +
    '</patientPerson>' +
    // Mandatory (nillable) in PRPA_MT201301UV02 before any subjectOf.
    '<providerOrganization xsi:nil="true" classCode="ORG" determinerCode="INSTANCE"/>' +
    observation('CONSENTEMENT_CREATION_DMP', DMP_OIDS.OBSERVATION_FLAGS, true) +
    '</patient></subject1>' +
    author(input.author) +
    '</registrationRequest></subject></controlActProcess></PRPA_IN201311UV02>';
  return { xml, messageId: wrapper.id };
}
