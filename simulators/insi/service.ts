import type { Element } from '@xmldom/xmldom';
import { UnsafeXmlError, childElements, firstChild, parseUntrustedXml, textOf } from '../xml/safe-xml';
import type { SimPerson } from './identities';
import { ACTIONS, NS, fault, resultat } from './messages';
import { matchTraits, matchVitale } from './matching';

export interface InsiExchange {
  readonly status: number;
  readonly body: string;
}

const soapFault = (code: 'Sender' | 'Receiver', siramCode: string, text: string): InsiExchange => ({
  status: code === 'Sender' ? 400 : 500,
  body: fault({ code, siramCode, text }),
});

const text = (parent: Element, ns: string, name: string): string | undefined => {
  const value = textOf(firstChild(parent, ns, name));
  return value === undefined || value === '' ? undefined : value;
};

/**
 * One INSi request envelope in, one answer out. Checks what the WSDL binding requires (SOAP 1.2,
 * WS-Addressing Action and MessageID, the LPS and BAM context headers, the body matching the
 * action) and answers faults for anything else rather than failing.
 */
export function handleInsiRequest(requestXml: string, base: readonly SimPerson[]): InsiExchange {
  let root: Element;
  try {
    root = parseUntrustedXml(requestXml, 512 * 1024).documentElement as Element;
  } catch (error) {
    const reason = error instanceof UnsafeXmlError ? error.reason : 'malformed';
    return soapFault('Sender', 'DESIR_400', `Requete refusee (${reason})`);
  }
  if (root.namespaceURI !== NS.soap || root.localName !== 'Envelope') {
    return soapFault('Sender', 'DESIR_400', 'Enveloppe SOAP 1.2 attendue');
  }
  const header = firstChild(root, NS.soap, 'Header');
  const body = firstChild(root, NS.soap, 'Body');
  if (header === undefined || body === undefined) return soapFault('Sender', 'DESIR_400', 'Entete ou corps absent');
  const action = text(header, NS.wsa, 'Action');
  const messageId = text(header, NS.wsa, 'MessageID');
  if (messageId === undefined) return soapFault('Sender', 'DESIR_400', 'MessageID absent');
  if (
    firstChild(header, NS.ctxlps, 'ContexteLPS') === undefined ||
    firstChild(header, NS.ctxbam, 'ContexteBAM') === undefined
  ) {
    return soapFault('Sender', 'DESIR_400', 'Contexte LPS ou BAM absent');
  }
  const payload = childElements(body)[0];
  if (action === ACTIONS.traits && payload?.namespaceURI === NS.recSans && payload.localName === 'RECSANSVITALE') {
    const matches = matchTraits(base, {
      birthName: text(payload, NS.recSans, 'NomNaissance'),
      firstNames: childElements(payload, NS.recSans, 'Prenom').map((e) => textOf(e) ?? ''),
      sex: text(payload, NS.recSans, 'Sexe'),
      birthDate: text(payload, NS.recSans, 'DateNaissance'),
      birthPlace: text(payload, NS.recSans, 'LieuNaissance'),
    });
    return answer(matches, action, messageId);
  }
  if (action === ACTIONS.vitale && payload?.namespaceURI === NS.recVit && payload.localName === 'RECVITALE') {
    const individual = firstChild(payload, NS.recVit, 'MatriculeIndividu');
    const holder = firstChild(payload, NS.recVit, 'MatriculeOD');
    const rank = Number(text(payload, NS.recVit, 'RangNaissance') ?? '1');
    const matches = matchVitale(base, {
      individualNir13: individual === undefined ? undefined : text(individual, NS.recVit, 'NumIdentifiant'),
      holderNir13: holder === undefined ? undefined : text(holder, NS.recVit, 'NumIdentifiant'),
      birthDate: text(payload, NS.recVit, 'DateNaissance'),
      birthRank: Number.isInteger(rank) ? rank : 1,
    });
    return answer(matches, action, messageId);
  }
  return soapFault('Sender', 'DESIR_400', 'Action inconnue ou corps non conforme');
}

function answer(matches: readonly SimPerson[], action: string, messageId: string): InsiExchange {
  const code = matches.length === 0 ? '01' : matches.length === 1 ? '00' : '02';
  return { status: 200, body: resultat(code, matches[0], action, messageId) };
}
