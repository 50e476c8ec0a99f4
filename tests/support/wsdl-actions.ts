import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { vectorsPath } from './vectors';

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSAW = 'http://www.w3.org/2006/05/addressing/wsdl';

export interface WsdlOperation {
  readonly wsdl: string;
  readonly operation: string;
  /** wsa:Action of the request. */
  readonly input: string;
  /** wsa:Action of the answer. */
  readonly output: string;
}

/** The WSDL of each service path of the DMP (dmp-interface.md §1). */
export const SERVICE_WSDL = {
  patients: 'GestionDossierPatientPartage.wsdl',
  patientsSpecific: 'PatientsSpecific.wsdl',
  habilitations: 'Habilitations.wsdl',
  patientsPDQ: 'PDQSupplier.wsdl',
  registry: 'XDS.b_DocumentRegistry.wsdl',
  repository: 'XDS.b_DocumentRepository.wsdl',
} as const;

const children = (parent: Element, localName: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 && (node as Element).namespaceURI === WSDL && (node as Element).localName === localName,
  );

/**
 * Request and answer wsa:Action of every operation of a WSDL's port types: the explicit
 * `wsaw:Action` where the WSDL has one, else the WS-Addressing 1.0 Metadata default (§4.4.4):
 * `<targetNamespace><delimiter><portType name><delimiter><input|output name>`, the delimiter ':'
 * for a URN namespace ('/' otherwise), the input name defaulting to the operation name and the
 * output name to the operation name + "Response".
 */
export function wsdlOperations(wsdl: string): WsdlOperation[] {
  const root = new DOMParser().parseFromString(
    readFileSync(vectorsPath('dmp-wsdl', wsdl), 'utf8'),
    'text/xml',
  ).documentElement;
  if (root === null) throw new Error(`empty WSDL ${wsdl}`);
  const tns = root.getAttribute('targetNamespace') ?? '';
  const delimiter = tns.startsWith('urn:') ? ':' : '/';
  const base = tns.endsWith(delimiter) ? tns.slice(0, -1) : tns;
  return children(root, 'portType').flatMap((portType) =>
    children(portType, 'operation').map((operation): WsdlOperation => {
      const name = operation.getAttribute('name') ?? '';
      const action = (message: Element | undefined, defaultName: string): string => {
        const explicit = message?.getAttributeNS(WSAW, 'Action');
        if (explicit !== undefined && explicit !== null && explicit !== '') return explicit;
        const messageName = message?.getAttribute('name');
        return `${base}${delimiter}${portType.getAttribute('name') ?? ''}${delimiter}${messageName !== null && messageName !== undefined && messageName !== '' ? messageName : defaultName}`;
      };
      return {
        wsdl,
        operation: name,
        input: action(children(operation, 'input')[0], name),
        output: action(children(operation, 'output')[0], `${name}Response`),
      };
    }),
  );
}
