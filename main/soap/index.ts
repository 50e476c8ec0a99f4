export { buildEnvelope, newMessageId, wsSecurityHeader, WSA_ANONYMOUS, type EnvelopeInput } from './envelope';
export { faultError, parseEnvelope, type ParsedEnvelope, type SoapFaultInfo, type SoapVersion } from './parse';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_SOAP_TIMEOUT_MS,
  postSoap,
  type PostSoapOptions,
  type SoapResponse,
  type TlsCredentials,
} from './transport';
export {
  decodeSoapResponse,
  DEFAULT_MTOM_LIMITS,
  encodeSoap12Request,
  type DecodedResponse,
  type EncodedRequest,
  type MtomLimits,
} from './content';
