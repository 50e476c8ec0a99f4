import type { IdentityTraits, Ins, InsiIndividual } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { childElements } from '../../xml';
import { makeIns } from '../ins';
import { INSI_NS } from './namespaces';

export type InsiResult = { readonly code: '00'; readonly individual: InsiIndividual } | { readonly code: '01' | '02' };

const invalid = (reason: string): AppError => new AppError('INSI_INVALID_RESPONSE', { details: { reason } });

const child = (parent: Element, name: string): Element | undefined => childElements(parent, INSI_NS.resultat, name)[0];

function text(parent: Element, name: string): string | undefined {
  const element = child(parent, name);
  if (element === undefined) return undefined;
  const value = (element.textContent ?? '').trim();
  return value === '' ? undefined : value;
}

function required(parent: Element, name: string): string {
  const value = text(parent, name);
  if (value === undefined) throw invalid(`missing_${name}`);
  return value;
}

const NIR13 = /^\d{6}[A-Za-z0-9]\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One INS (INSACTIF or INSHISTO). Children are read by name, not position: the official test
 * answers put DateDeb/DateFin before IdIndividu, against the XSD's order.
 */
function readIns(element: Element): Ins {
  const id = child(element, 'IdIndividu');
  if (id === undefined) throw invalid('missing_IdIndividu');
  const nir13 = required(id, 'NumIdentifiant').toUpperCase();
  const key = required(id, 'Cle');
  if (!NIR13.test(nir13) || !/^\d{2}$/.test(key)) throw invalid('matricule_format');
  const startDate = text(element, 'DateDeb');
  const endDate = text(element, 'DateFin');
  if ((startDate !== undefined && !DATE.test(startDate)) || (endDate !== undefined && !DATE.test(endDate))) {
    throw invalid('date_format');
  }
  return makeIns({ nir13, key, oid: required(element, 'OID'), startDate, endDate });
}

function readTraits(tiq: Element): IdentityTraits {
  const list = text(tiq, 'ListePrenom') ?? text(tiq, 'Prenom');
  const firstNames = (list ?? '').split(' ').filter((name) => name !== '');
  const sex = text(tiq, 'Sexe');
  if (sex !== undefined && sex !== 'M' && sex !== 'F') throw invalid('sex');
  const birthDate = required(tiq, 'DateNaissance');
  if (!DATE.test(birthDate)) throw invalid('date_format');
  const birthPlace = text(tiq, 'LieuNaissance');
  return {
    birthName: required(tiq, 'NomNaissance'),
    firstNames,
    ...(sex === undefined ? {} : { sex }),
    birthDate,
    ...(birthPlace === undefined ? {} : { birthPlace }),
  };
}

/** Reads a `RESULTAT` body element. Throws INSI_INVALID_RESPONSE (details.reason) if it is not one. */
export function readInsiResult(payload: Element | undefined): InsiResult {
  if (payload === undefined || payload.namespaceURI !== INSI_NS.resultat || payload.localName !== 'RESULTAT') {
    throw invalid('not_resultat');
  }
  const cr = child(payload, 'CR');
  if (cr === undefined) throw invalid('missing_CR');
  const code = required(cr, 'CodeCR');
  if (code === '01' || code === '02') return { code };
  if (code !== '00') throw invalid('unknown_code');
  const individu = child(payload, 'INDIVIDU');
  if (individu === undefined) throw invalid('missing_INDIVIDU');
  const active = child(individu, 'INSACTIF');
  const tiq = child(individu, 'TIQ');
  if (active === undefined) throw invalid('missing_INSACTIF');
  if (tiq === undefined) throw invalid('missing_TIQ');
  return {
    code,
    individual: {
      active: readIns(active),
      history: childElements(individu, INSI_NS.resultat, 'INSHISTO').map(readIns),
      traits: readTraits(tiq),
    },
  };
}
