import type { Element } from '@xmldom/xmldom';
import { parseUntrustedXml, UnsafeXmlError } from '../xml/safe-xml';
import type { HandlerResult, TransactionHandler } from './context';
import { DMP_CODES } from './fault-codes';
import type { DmpService } from './faults';
import { NS } from './namespaces';
import { readSoapRequest, SoapFault, soapFault, soapResponse, type SoapRequest } from './soap';
import type { SimulatorStore } from './store/store';
import { handleProvideAndRegister } from './transactions/documents/provide';
import { handleRetrieve } from './transactions/documents/retrieve';
import { handleStoredQuery } from './transactions/documents/stored-query';
import { handleUpdateDocumentSet } from './transactions/documents/update';
import { handlePatientCreate } from './transactions/create';
import { handleListAuthorizations, handleSetAuthorization } from './transactions/habilitations';
import { handlePatientList } from './transactions/patient-list';
import { handlePatientQuery } from './transactions/query';
import { handlePatientSearch } from './transactions/patient-search';
import { handlePatientRevise } from './transactions/revise';
import { verifyVihf } from './vihf';
import { XDS_ACTIONS, XDS_NS } from './xds/constants';

interface Route {
  readonly ns: string;
  readonly element: string;
  readonly handler: TransactionHandler;
  /** The answer's wsa:Action, as the service's WSDL declares it (or its WS-Addressing default). */
  readonly response: string;
}

const HABILITATIONS = 'urn:si-dmp-habilitations:HabilitationsEndPoint:';
const PATIENTS_SPECIFIC = 'urn:si-dmp-patients:PatientSpecificEndPoint:';

/**
 * wsa:Action -> operation, per service (dmp-interface.md §1 and §4), with the Action of its answer.
 * Both come from the WSDLs of ../shared/vectors/dmp-wsdl: an explicit `wsaw:Action`, or where a WSDL
 * has none (Habilitations, PatientsSpecific) the WS-Addressing 1.0 Metadata default
 * `<targetNamespace>:<portType>:<input or output name>`, which the official answers carry.
 */
const ROUTES: Readonly<Record<DmpService, Readonly<Record<string, Route>>>> = {
  patients: {
    'urn:hl7-org:v3:PRPA_IN201307UV02': {
      ns: NS.hl7,
      element: 'PRPA_IN201307UV02',
      handler: handlePatientQuery,
      response: 'urn:hl7-org:v3:PRPA_IN201308UV02',
    },
    'urn:hl7-org:v3:PRPA_IN201311UV02': {
      ns: NS.hl7,
      element: 'PRPA_IN201311UV02',
      handler: handlePatientCreate,
      response: 'urn:hl7-org:v3:PRPA_IN201311ResponseUV02',
    },
    'urn:hl7-org:v3:PRPA_IN201314UV02': {
      ns: NS.hl7,
      element: 'PRPA_IN201314UV02',
      handler: handlePatientRevise,
      response: 'urn:hl7-org:v3:PRPA_IN201314ResponseUV02',
    },
  },
  patientsSpecific: {
    [`${PATIENTS_SPECIFIC}patientList`]: {
      ns: NS.patients,
      element: 'patientList',
      handler: handlePatientList,
      response: `${PATIENTS_SPECIFIC}patientListResponse`,
    },
  },
  patientsPDQ: {
    'urn:hl7-org:v3:PRPA_IN201305UV02': {
      ns: NS.hl7,
      element: 'PRPA_IN201305UV02',
      handler: handlePatientSearch,
      response: 'urn:hl7-org:v3:PRPA_IN201306UV02',
    },
  },
  habilitations: {
    [`${HABILITATIONS}setAuthorization`]: {
      ns: NS.habilitations,
      element: 'setAuthorization',
      handler: handleSetAuthorization,
      response: `${HABILITATIONS}setAuthorizationResponse`,
    },
    [`${HABILITATIONS}listAuthorizationByPatient`]: {
      ns: NS.habilitations,
      element: 'listAuthorizationByPatient',
      handler: handleListAuthorizations,
      response: `${HABILITATIONS}listAuthorizationByPatientResponse`,
    },
  },
  registry: {
    [XDS_ACTIONS.query]: {
      ns: XDS_NS.query,
      element: 'AdhocQueryRequest',
      handler: handleStoredQuery,
      response: 'urn:ihe:iti:2007:RegistryStoredQueryResponse',
    },
    [XDS_ACTIONS.update]: {
      ns: XDS_NS.lcm,
      element: 'SubmitObjectsRequest',
      handler: handleUpdateDocumentSet,
      response: 'urn:ihe:iti:2010:UpdateDocumentSet-Response',
    },
  },
  repository: {
    [XDS_ACTIONS.provide]: {
      ns: XDS_NS.xdsb,
      element: 'ProvideAndRegisterDocumentSetRequest',
      handler: handleProvideAndRegister,
      response: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse',
    },
    [XDS_ACTIONS.retrieve]: {
      ns: XDS_NS.xdsb,
      element: 'RetrieveDocumentSetRequest',
      handler: handleRetrieve,
      response: 'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
    },
  },
};

/** What each service serves: request Action, body element and answer Action (the WSDL check reads it). */
export function servedOperations(): { service: DmpService; request: string; element: string; response: string }[] {
  return Object.entries(ROUTES).flatMap(([service, routes]) =>
    Object.entries(routes).map(([request, route]) => ({
      service: service as DmpService,
      request,
      element: route.element,
      response: route.response,
    })),
  );
}

/** The official TD2.1 example is SOAP 1.1 while the rest of the DMP is SOAP 1.2: tolerated there only. */
const SOAP11_TOLERATED = new Set<string>([XDS_ACTIONS.provide]);

export interface DispatchOptions {
  readonly store: SimulatorStore;
  readonly caCertPem: string;
  readonly now: Date;
  readonly refuseCreation: boolean;
  readonly maxBodyBytes: number;
  readonly vihfMaxAgeSeconds: number;
  readonly clockSkewSeconds: number;
  readonly tlsClientCertDer?: Uint8Array;
  /** MTOM parts by Content-ID (ITI-41). */
  readonly attachments?: ReadonlyMap<string, Buffer>;
}

export interface DispatchResult {
  readonly status: number;
  readonly body: string;
  /** Binary parts: the server then answers multipart/related (MTOM). */
  readonly attachments?: HandlerResult['attachments'];
  /** Set when the answer is a fault, for the simulator's own event log. */
  readonly faultCode?: string;
  /** The transaction accepted the request and committed its effect (neither a SOAP fault nor an XDS Failure). */
  readonly accepted: boolean;
}

const UNSAFE_REASONS: Readonly<Record<UnsafeXmlError['reason'], string>> = {
  too_large: 'Request too large',
  too_complex: 'XML nesting or node count beyond limits',
  doctype: 'DOCTYPE and entity declarations are refused',
  malformed: 'Malformed XML',
  empty: 'Empty request',
};

/** One SOAP request in, one SOAP answer out: never throws. */
export function dispatch(service: DmpService, xml: string, options: DispatchOptions): DispatchResult {
  let request: SoapRequest | undefined;
  try {
    const document = parseUntrustedXml(xml, options.maxBodyBytes);
    request = readSoapRequest(document);
    if (request.soapNs !== NS.soap12 && !SOAP11_TOLERATED.has(request.action)) {
      throw new SoapFault(DMP_CODES.invalidRequest, 'SOAP 1.2 is required');
    }
    const route = ROUTES[service][request.action];
    if (route === undefined) throw new SoapFault(DMP_CODES.unknownAction, `Action not served by ${service}`);
    if (!matches(request.operation, route))
      throw new SoapFault(DMP_CODES.invalidRequest, 'Body does not match the Action');
    const claims = verifyVihf(request.assertion, xml, {
      caCertPem: options.caCertPem,
      now: options.now,
      maxAgeSeconds: options.vihfMaxAgeSeconds,
      clockSkewSeconds: options.clockSkewSeconds,
      ...(options.tlsClientCertDer === undefined ? {} : { tlsClientCertDer: options.tlsClientCertDer }),
    });
    const result: HandlerResult = route.handler({
      store: options.store,
      claims,
      request,
      now: options.now,
      refuseCreation: options.refuseCreation,
      attachments: options.attachments ?? new Map(),
    });
    return {
      status: 200,
      body: soapResponse({ ns1: result.ns1, action: route.response, relatesTo: request.messageId, body: result.body }),
      ...(result.attachments === undefined ? {} : { attachments: result.attachments }),
      accepted: result.refused !== true,
    };
  } catch (error) {
    const fault = toFault(error);
    return {
      status: fault.code === DMP_CODES.requestTooLarge ? 413 : 500,
      body: soapFault(fault, request?.messageId),
      faultCode: fault.code,
      accepted: false,
    };
  }
}

function matches(operation: Element, route: Route): boolean {
  return operation.namespaceURI === route.ns && operation.localName === route.element;
}

function toFault(error: unknown): SoapFault {
  if (error instanceof SoapFault) return error;
  if (error instanceof UnsafeXmlError) {
    const code = error.reason === 'too_large' ? DMP_CODES.requestTooLarge : DMP_CODES.invalidRequest;
    return new SoapFault(code, UNSAFE_REASONS[error.reason]);
  }
  // Anything else is our bug: say so without echoing its text, which could hold request data.
  return new SoapFault(DMP_CODES.internalError, 'Internal error', 'Receiver');
}
