import { AppError, isAppError } from '../../../shared/errors';
import { childElements, NS, parseXmlSafely, type XmlComplexityLimit } from '../../xml';
import { tooComplex } from './readable/guard';
import { RECEIVED_CDA_XML_LIMITS } from './readable/prescan';

const XSLT = 'http://www.w3.org/1999/XSL/Transform';

/** Refuses anything but an HL7 v3 ClinicalDocument root. */
export function assertClinicalDocument(root: Element | null): asserts root is Element {
  if (root === null || !isClinicalDocument(root)) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  }
}

function isClinicalDocument(element: Element): boolean {
  return element.namespaceURI === NS.hl7 && element.localName === 'ClinicalDocument';
}

/**
 * The ClinicalDocument of a received file: the root itself, or the one an "auto-présentable" file
 * carries. The ANS examples of that form (CI-SIS TestContenuCDA `*Auto-Presentable*.xml`,
 * `*Autopresentable.xml`) are an `xsl:stylesheet` root whose top-level `data:Contenu` element holds
 * the `c:ClinicalDocument`, the stylesheet rendering it when a browser opens the file. The
 * stylesheet is never run here (there is no XSLT engine in the app, and a document's code must
 * not reach the page): only the data is looked for, at the two places that form allows, the
 * ClinicalDocument being a top-level element or the child of one. Top-level elements outside the
 * XSLT namespace are data an XSLT processor ignores (XSLT 1.0 §2.2); anything inside an `xsl:`
 * element (a template's literal result, a variable) is stylesheet code and is not searched. Exactly
 * one ClinicalDocument must be found: two would leave the viewer guessing which one is the
 * attested document.
 */
export function clinicalDocumentOf(root: Element | null): Element {
  if (root === null) throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  if (isClinicalDocument(root)) return root;
  if (root.namespaceURI !== XSLT || (root.localName !== 'stylesheet' && root.localName !== 'transform')) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  }
  const found: Element[] = [];
  for (const top of childElements(root)) {
    if (top.namespaceURI === XSLT) continue;
    if (isClinicalDocument(top)) found.push(top);
    else found.push(...childElements(top).filter(isClinicalDocument));
  }
  if (found.length !== 1) {
    throw new AppError('DOC_INVALID_RESPONSE', {
      details: { reason: found.length === 0 ? 'stylesheet_without_cda' : 'stylesheet_many_cda' },
    });
  }
  return found[0] as Element;
}

/**
 * A CDA that came from outside (a repository answer): nesting, element and attribute counts checked
 * on the raw text before any parser runs (a depth bomb would hold the main process), parsed by the
 * DOCTYPE-refusing parser, and refused unless it is a ClinicalDocument or an auto-présentable file
 * carrying exactly one. Too complex is DOC_CDA_TOO_COMPLEX, as the viewer's own limits say.
 */
export function parseReceivedCda(bytes: Buffer): Element {
  let document: Document;
  try {
    document = parseXmlSafely(bytes.toString('utf8'), { limits: RECEIVED_CDA_XML_LIMITS });
  } catch (error) {
    if (isAppError(error) && error.code === 'XML_TOO_COMPLEX') {
      throw tooComplex(error.details?.['limit'] as XmlComplexityLimit);
    }
    throw error;
  }
  return clinicalDocumentOf(document.documentElement);
}
