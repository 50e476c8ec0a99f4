import { xmlEscape } from '../xml/safe-xml';
import type { SimIns, SimPerson } from './identities';

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://www.w3.org/2005/08/addressing',
  recSans: 'http://www.cnamts.fr/INSiRecSans',
  recVit: 'http://www.cnamts.fr/INSiRecVit',
  resultat: 'http://www.cnamts.fr/INSiResultat',
  ctxbam: 'urn:siram:bam:ctxbam',
  ctxlps: 'urn:siram:lps:ctxlps',
  siram: 'urn:siram',
} as const;

export const ACTIONS = {
  traits: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite',
  vitale: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale',
} as const;

const el = (name: string, value: string | undefined): string =>
  value === undefined ? '' : `<${name}>${xmlEscape(value)}</${name}>`;

function envelope(action: string | undefined, relatesTo: string | undefined, body: string): string {
  const header =
    action === undefined
      ? ''
      : `<soap:Header><wsa:Action>${xmlEscape(action)}</wsa:Action>${el('wsa:RelatesTo', relatesTo)}</soap:Header>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="${NS.wsa}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** XSD order: IdIndividu, OID, DateDeb, DateFin. */
function ins(name: string, value: SimIns): string {
  return (
    `<${name}><IdIndividu>${el('NumIdentifiant', value.nir13)}${el('Cle', value.key)}</IdIndividu>` +
    `${el('OID', value.oid)}${el('DateDeb', value.startDate)}${el('DateFin', value.endDate)}</${name}>`
  );
}

const LIBELLE = { '00': 'OK', '01': 'Aucune identite trouvee', '02': 'Plusieurs identites trouvees' } as const;

export function resultat(
  code: '00' | '01' | '02',
  person: SimPerson | undefined,
  action: string,
  relatesTo: string | undefined,
): string {
  const individu =
    code !== '00' || person === undefined
      ? ''
      : '<INDIVIDU>' +
        ins('INSACTIF', person.active) +
        (person.history ?? []).map((h) => ins('INSHISTO', h)).join('') +
        '<TIQ>' +
        el('NomNaissance', person.birthName) +
        el('Prenom', person.firstNames[0]) +
        el('ListePrenom', person.firstNames.join(' ')) +
        el('Sexe', person.sex) +
        el('DateNaissance', person.birthDate) +
        el('LieuNaissance', person.birthPlace) +
        '</TIQ></INDIVIDU>';
  const body =
    `<RESULTAT xmlns="${NS.resultat}"><CR>${el('CodeCR', code)}${el('LibelleCR', LIBELLE[code])}</CR>` +
    `${individu}</RESULTAT>`;
  return envelope(`${action}Response`, relatesTo, body);
}

export interface FaultSpec {
  /** `Sender` or `Receiver`. */
  readonly code: 'Sender' | 'Receiver';
  /** siram error code, e.g. `DESIR_500`, `DESIR_560`. */
  readonly siramCode: string;
  readonly text: string;
}

/** SOAP 1.2 fault with the siram `Erreur` detail the WSDL declares. */
export function fault(spec: FaultSpec): string {
  const body =
    `<soap:Fault><soap:Code><soap:Value>soap:${spec.code}</soap:Value>` +
    `<soap:Subcode><soap:Value xmlns:siram="${NS.siram}">siram:${xmlEscape(spec.siramCode)}</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="fr">${xmlEscape(spec.text)}</soap:Text></soap:Reason>` +
    `<soap:Detail><siram:Erreur xmlns:siram="${NS.siram}" severite="fatale" code="${xmlEscape(spec.siramCode)}">` +
    `${xmlEscape(spec.text)}</siram:Erreur></soap:Detail></soap:Fault>`;
  return envelope(undefined, undefined, body);
}
