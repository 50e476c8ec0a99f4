export { DEFAULT_MAX_XML_BYTES, parseXmlSafely, type ParseXmlOptions } from './parse';
export {
  DEFAULT_XML_COMPLEXITY_LIMITS,
  type XmlComplexityLimit,
  type XmlComplexityLimits,
} from '../../shared/xml/complexity';
export { NS, type NamespacePrefix } from './namespaces';
export { childElements, selectElement, selectElements, selectNodes, selectText } from './xpath';
export { escapeXmlAttribute, escapeXmlText, serializeXml } from './write';
