/** Namespaces of the national services' messages, under the prefixes our XPath expressions use. */
export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  ec: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  hl7: 'urn:hl7-org:v3',
  gdp: 'asip:ci-sis:gdp:2010',
  hab: 'urn:si-dmp-habilitations',
  pat: 'urn:si-dmp-patients',
  xop: 'http://www.w3.org/2004/08/xop/include',
} as const;

export type NamespacePrefix = keyof typeof NS;
