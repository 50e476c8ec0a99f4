/** Namespaces of the DMP wire, as in the official examples (dmp-interface.md §1, §3). */
export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  hl7: 'urn:hl7-org:v3',
  gdp: 'asip:ci-sis:gdp:2010',
  patients: 'urn:si-dmp-patients',
  habilitations: 'urn:si-dmp-habilitations',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';

/** OIDs the simulator answers with (dmp-interface.md §6 identifiers). */
export const OID = {
  dmpSystem: '1.2.250.1.213.4.1.1.1',
  dmpMessageIds: '1.2.250.1.213.4.1.1.1.1',
  insc: '1.2.250.1.213.1.4.2',
  insNir: '1.2.250.1.213.1.4.8',
  insNia: '1.2.250.1.213.1.4.9',
  insNirTest: '1.2.250.1.213.1.4.10',
  insNirDemo: '1.2.250.1.213.1.4.11',
  psIdNat: '1.2.250.1.71.4.2.1',
  structureIdNat: '1.2.250.1.71.4.2.2',
  professions: '1.2.250.1.71.1.2.7',
  specialties: '1.2.250.1.71.4.2.5',
  secteurActivite: '1.2.250.1.71.4.2.4',
  purposeOfUse: '1.2.250.1.213.1.1.4.248',
  reasonCode: '1.2.250.1.213.1.1.4.11',
  authorizationKey: '1.2.250.1.213.4.1.2.6.1',
  authorizationValue: '1.2.250.1.213.4.1.2.6.2',
  mtStatus: '1.2.250.1.213.4.1.2.6.3',
  internetAccount: '1.2.250.1.213.4.1.2.9',
  dmpObservations: '1.2.250.1.213.4.1.2.3',
  closeReason: '1.2.250.1.213.4.1.2.4',
  hl7Interaction: '2.16.840.1.113883.1.6',
} as const;

export const INS_OIDS: readonly string[] = [OID.insNir, OID.insNia, OID.insNirTest, OID.insNirDemo];
