import { randomUUID } from 'node:crypto';
import { DMP_OIDS } from '../../../shared/domain/dmp';
import { NS, escapeXmlAttribute as attr, escapeXmlText as text } from '../../xml';
import type { VihfInput, VihfRole } from './types';

const SMARTCARD_PKI = 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI';
const X509_SUBJECT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName';
export const VIHF_VERSION = '3.0';

export const VIHF_ATTRIBUTES = {
  structure: 'Identifiant_Structure',
  sector: 'Secteur_Activite',
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  version: 'VIHF_Version',
  authMode: 'Authentification_mode',
  resourceId: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
  resourceUrn: 'Ressource_URN',
  purposeOfUse: 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
  /**
   * The DMPi attribute name for the reason of an emergency access was not available to us: the
   * spec (dmp-interface.md §3) only names Mode_Acces_Raison as the Pro Santé Connect claim a
   * VIHF is built from, so the same name is used for the attribute.
   */
  accessReason: 'Mode_Acces_Raison',
  lpsId: 'LPS_ID',
  lpsName: 'LPS_Nom',
  lpsVersion: 'LPS_Version',
  lpsHomologation: 'LPS_ID_HOMOLOGATION_DMP',
} as const;

const ACCESS_MODE_LABELS = {
  normal: 'Accès normal',
  bris_de_glace: 'Accès en mode bris de glace',
  centre_15: 'Accès en mode centre de régulation',
} as const;

/** Patient INS in HL7 CX form, as VIHF resource-id and XDS patientId: `NIR^^^&OID&ISO^NH`. */
export function insCx(patient: { readonly matricule: string; readonly oid: string }): string {
  return `${patient.matricule}^^^&${patient.oid}&ISO^NH`;
}

const stringAttribute = (name: string, value: string): string =>
  `<saml2:Attribute Name="${attr(name)}"><saml2:AttributeValue xmlns:xs="${NS.xs}" xsi:type="xs:string">${text(value)}</saml2:AttributeValue></saml2:Attribute>`;

const ce = (element: 'Role' | 'PurposeOfUse', value: VihfRole): string =>
  `<${element} xmlns="${NS.hl7}" code="${attr(value.code)}" codeSystem="${attr(value.codeSystem)}"` +
  (value.codeSystemName === undefined ? '' : ` codeSystemName="${attr(value.codeSystemName)}"`) +
  (value.displayName === undefined ? '' : ` displayName="${attr(value.displayName)}"`) +
  ' xsi:type="CE"/>';

export interface UnsignedVihf {
  readonly id: string;
  readonly xml: string;
}

/**
 * The VIHF SAML 2.0 assertion, unsigned, in the element and attribute order of the official
 * examples. The Issuer is the DN of the certificate that will sign it.
 */
export function buildVihf(input: VihfInput, issuerDn: string, now: Date = new Date()): UnsignedVihf {
  const roles = input.practitioner.roles;
  if (roles.length < 1 || roles.length > 4) throw new RangeError('VIHF needs 1 to 4 roles');
  const id = `_${randomUUID()}`;
  const instant = now.toISOString();
  const subjectId = [input.practitioner.firstName, input.practitioner.lastName, input.structure.service]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' ');
  const strong =
    input.authMode === 'INDIRECTE_RENFORCEE'
      ? `<saml2:AuthnContextDecl>${text(input.strongAuthContext ?? SMARTCARD_PKI)}</saml2:AuthnContextDecl>`
      : '';
  const attributes = [
    stringAttribute(VIHF_ATTRIBUTES.structure, input.structure.id),
    stringAttribute(VIHF_ATTRIBUTES.sector, `${input.structure.activitySector}^${DMP_OIDS.ACTIVITY_SECTOR}`),
    stringAttribute(VIHF_ATTRIBUTES.subjectId, subjectId),
    `<saml2:Attribute Name="${VIHF_ATTRIBUTES.role}">${roles
      .map((role) => `<saml2:AttributeValue>${ce('Role', role)}</saml2:AttributeValue>`)
      .join('')}</saml2:Attribute>`,
    stringAttribute(VIHF_ATTRIBUTES.version, VIHF_VERSION),
    stringAttribute(VIHF_ATTRIBUTES.authMode, input.authMode),
    // resource-id is 1..1 in the VIHF table, and the official tokens of TD0.4 and TD0.5 (calls about
    // no one patient) carry it too, with the INS of the kit's configured example patient. Invented
    // here, where the interface is silent: a call about no patient sends the attribute empty rather
    // than naming a patient it is not about (that would put whoever is at the desk in the DMP's trace).
    stringAttribute(VIHF_ATTRIBUTES.resourceId, input.patient === undefined ? '' : insCx(input.patient)),
    stringAttribute(VIHF_ATTRIBUTES.resourceUrn, 'urn:dmp'),
    `<saml2:Attribute Name="${VIHF_ATTRIBUTES.purposeOfUse}"><saml2:AttributeValue>${ce('PurposeOfUse', {
      code: input.accessMode,
      codeSystem: DMP_OIDS.ACCESS_MODE,
      codeSystemName: 'mode acces VIHF 2.0',
      displayName: ACCESS_MODE_LABELS[input.accessMode],
    })}</saml2:AttributeValue></saml2:Attribute>`,
    input.accessMode === 'normal' || input.emergencyReason === undefined
      ? ''
      : stringAttribute(VIHF_ATTRIBUTES.accessReason, input.emergencyReason),
    input.software.installId === undefined ? '' : stringAttribute(VIHF_ATTRIBUTES.lpsId, input.software.installId),
    stringAttribute(VIHF_ATTRIBUTES.lpsName, input.software.name),
    stringAttribute(VIHF_ATTRIBUTES.lpsVersion, input.software.version),
    stringAttribute(VIHF_ATTRIBUTES.lpsHomologation, input.software.homologationId),
  ].join('');
  const xml =
    `<saml2:Assertion xmlns:saml2="${NS.saml}" xmlns:xsi="${NS.xsi}" ID="${id}" IssueInstant="${instant}" Version="2.0">` +
    `<saml2:Issuer Format="${X509_SUBJECT}">${text(issuerDn)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID>${text(input.practitioner.nationalId)}</saml2:NameID></saml2:Subject>` +
    `<saml2:AuthnStatement AuthnInstant="${instant}"><saml2:AuthnContext><saml2:AuthnContextClassRef>${SMARTCARD_PKI}</saml2:AuthnContextClassRef>${strong}</saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>` +
    '</saml2:Assertion>';
  return { id, xml };
}
