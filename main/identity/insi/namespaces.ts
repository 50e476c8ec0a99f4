/** INSi message namespaces and actions (WSDL DESIR_ICIR_EXP 1.5.0). */
export const INSI_NS = {
  recSans: 'http://www.cnamts.fr/INSiRecSans',
  recVit: 'http://www.cnamts.fr/INSiRecVit',
  resultat: 'http://www.cnamts.fr/INSiResultat',
  ctxbam: 'urn:siram:bam:ctxbam',
  ctxlps: 'urn:siram:lps:ctxlps',
  siram: 'urn:siram',
} as const;

export const INSI_ACTIONS = {
  traits: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite',
  vitale: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale',
} as const;

export type InsiOperation = keyof typeof INSI_ACTIONS;
