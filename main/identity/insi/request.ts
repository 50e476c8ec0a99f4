import { randomUUID } from 'node:crypto';
import { escapeXmlText } from '../../xml';
import { INSI_NS } from './namespaces';

/** Identification of our software towards the CNAM (LPS context). */
export interface LpsIdentity {
  /** Homologation number given by the CNDA (IDAM). */
  readonly idam: string;
  readonly version: string;
  /** Identifier of this installation. */
  readonly instance: string;
  /** Software name, used in `urn:lps:<name>:<version>`. */
  readonly name: string;
}

export interface ContextInput {
  readonly lps: LpsIdentity;
  /** Who is calling: the structure's or the professional's identifier. */
  readonly emitter: string;
  readonly now: Date;
}

const el = (name: string, value: string): string => `<${name}>${escapeXmlText(value)}</${name}>`;
const optional = (name: string, value: string | undefined): string => (value === undefined ? '' : el(name, value));

/** Header `ContexteBAM` 01_02: mandatory, with an empty COUVERTURE (nothing beyond the body is needed). */
export function contexteBam(input: ContextInput): string {
  return (
    `<ctxbam:ContexteBAM xmlns:ctxbam="${INSI_NS.ctxbam}" Version="01_02">` +
    el('ctxbam:Id', randomUUID()) +
    el('ctxbam:Temps', input.now.toISOString()) +
    el('ctxbam:Emetteur', input.emitter) +
    '<ctxbam:COUVERTURE/>' +
    '</ctxbam:ContexteBAM>'
  );
}

/** Header `ContexteLPS` 01_00: identifies the software (IDAM with R="4", version, instance, name). */
export function contexteLps(input: ContextInput): string {
  const { lps } = input;
  return (
    `<ctxlps:ContexteLPS xmlns:ctxlps="${INSI_NS.ctxlps}" Nature="CTXLPS" Version="01_00">` +
    el('ctxlps:Id', randomUUID()) +
    el('ctxlps:Temps', input.now.toISOString()) +
    el('ctxlps:Emetteur', input.emitter) +
    '<ctxlps:LPS>' +
    `<ctxlps:IDAM R="4">${escapeXmlText(lps.idam)}</ctxlps:IDAM>` +
    el('ctxlps:Version', lps.version) +
    el('ctxlps:Instance', lps.instance) +
    `<ctxlps:Nom>urn:lps:${escapeXmlText(lps.name)}:${escapeXmlText(lps.version)}</ctxlps:Nom>` +
    '</ctxlps:LPS>' +
    '</ctxlps:ContexteLPS>'
  );
}

export interface TraitsQuery {
  readonly birthName: string;
  /** Sent as one `Prenom` each; a full-list attempt sends the whole list as one space-separated value. */
  readonly firstNames: readonly string[];
  readonly sex?: 'M' | 'F' | undefined;
  readonly birthDate: string;
  readonly birthPlace?: string | undefined;
}

/** Body of `rechercherInsAvecTraitsIdentite`, in the XSD's sequence order. */
export function recSansVitale(query: TraitsQuery): string {
  return (
    `<RECSANSVITALE xmlns="${INSI_NS.recSans}">` +
    el('NomNaissance', query.birthName) +
    query.firstNames.map((name) => el('Prenom', name)).join('') +
    optional('Sexe', query.sex) +
    el('DateNaissance', query.birthDate) +
    optional('LieuNaissance', query.birthPlace) +
    '</RECSANSVITALE>'
  );
}

export interface Matricule {
  readonly nir13: string;
  readonly key: string;
}

export interface VitaleQuery {
  /** The beneficiary's own NIR, when the card carries one. */
  readonly individual?: Matricule | undefined;
  /** The opening-rights holder's NIR. */
  readonly holder: Matricule;
  readonly birthName: string;
  readonly birthDate: string;
  readonly birthRank: number;
}

const matricule = (name: string, value: Matricule): string =>
  `<${name}>${el('NumIdentifiant', value.nir13)}${el('Cle', value.key)}</${name}>`;

/** Body of `rechercherInsAvecCarteVitale`, in the XSD's sequence order. */
export function recVitale(query: VitaleQuery): string {
  return (
    `<RECVITALE xmlns="${INSI_NS.recVit}">` +
    (query.individual === undefined ? '' : matricule('MatriculeIndividu', query.individual)) +
    matricule('MatriculeOD', query.holder) +
    el('NomNaissance', query.birthName) +
    el('DateNaissance', query.birthDate) +
    el('RangNaissance', String(query.birthRank)) +
    '</RECVITALE>'
  );
}
