import type { JsonName } from '@peculiar/x509';

/**
 * Distinguished names shaped like the IGC-Santé TEST ones seen in the official VIHF samples
 * (shared/vectors/dmp-messages-vihf): a CPS holder is `C=FR, O=<structure>, OU=<profession>,
 * CN=<IdNat> + SN=<nom> + GN=<prénom>` (a multi-valued last RDN); an organisation is
 * `C=FR, O=<raison sociale>, OU=<identifiant>, CN=<nom>`.
 */

/** Labels of the profession codes most used in tests (TRE_G15 / "code profession"); others print the code. */
const PROFESSION_LABELS: Readonly<Record<string, string>> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '40': 'Chirurgien-Dentiste',
  '50': 'Sage-Femme',
  '60': 'Infirmier',
};

export function professionLabel(code: string): string {
  return PROFESSION_LABELS[code] ?? code;
}

export const CA_NAME: JsonName = [
  { C: ['FR'] },
  { O: ['ASIP-SANTE'] },
  { OU: ['IGC-SANTE TEST'] },
  { CN: ['TEST AC DMP DESK SIMULATEUR'] },
];

export function cpsName(holder: {
  nationalId: string;
  lastName: string;
  firstName: string;
  profession: string;
}): JsonName {
  return [
    { C: ['FR'] },
    { O: ['TEST'] },
    { OU: [professionLabel(holder.profession)] },
    { CN: [holder.nationalId], SN: [holder.lastName], G: [holder.firstName] },
  ];
}

export function organisationName(org: { finess: string; name: string; commonName?: string }): JsonName {
  return [{ C: ['FR'] }, { O: [org.name] }, { OU: [org.finess] }, { CN: [org.commonName ?? org.name] }];
}

export function serverName(hostname: string): JsonName {
  return [{ C: ['FR'] }, { O: ['TEST'] }, { CN: [hostname] }];
}
