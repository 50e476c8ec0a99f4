import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../main/dmp/transactions/actions';
import { ACTION as XDS_ACTION } from '../../../main/dmp/xds/constants';
import { servedOperations } from '../../../simulators/national-dmp/dispatch';
import { DMP_SERVICES } from '../../../simulators/national-dmp/faults';
import { officialMessage } from '../../integration/dmp/simulator/harness';
import { SERVICE_WSDL, wsdlOperations } from '../../support/wsdl-actions';

/**
 * Every wsa:Action either side writes, derived from the service WSDLs of ../shared/vectors/dmp-wsdl
 * (not copied from the examples): the client's requests, and for every operation the simulator
 * serves, the request it routes and the Action of its answer.
 */
const byService = Object.fromEntries(
  Object.entries(SERVICE_WSDL).map(([service, wsdl]) => [service, wsdlOperations(wsdl)]),
) as Record<keyof typeof SERVICE_WSDL, ReturnType<typeof wsdlOperations>>;
const allInputs = new Set(Object.values(byService).flatMap((operations) => operations.map((op) => op.input)));

describe('wsa:Action of every operation, from the WSDLs', () => {
  it('derives the Actions the official answers carry (the derivation itself is right)', () => {
    const pairs = Object.values(byService)
      .flat()
      .map((op) => [op.input, op.output]);
    // The official TD0.3, TD0.4, TD1.6 and TD1.5 answers use the WS-Addressing default of WSDLs without wsaw:Action.
    expect(pairs).toContainEqual([
      'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization',
      'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse',
    ]);
    expect(pairs).toContainEqual([
      'urn:si-dmp-patients:PatientSpecificEndPoint:patientList',
      'urn:si-dmp-patients:PatientSpecificEndPoint:patientListResponse',
    ]);
    expect(pairs).toContainEqual(['urn:ihe:iti:2010:UpdateDocumentSet', 'urn:ihe:iti:2010:UpdateDocumentSet-Response']);
    expect(pairs).toContainEqual(['urn:hl7-org:v3:PRPA_IN201305UV02', 'urn:hl7-org:v3:PRPA_IN201306UV02']);
    const answered = /<Action[^>]*>([^<]+)<\/Action>/.exec(
      officialMessage('TD0.3_-_Mise_a_jour_de_lautorisation_response.xml'),
    )?.[1];
    expect(byService.habilitations.map((op) => op.output)).toContain(answered);
  });

  it('the simulator serves each service path with the WSDL operation of that service, and answers its output Action', () => {
    const served = servedOperations();
    expect(served.length).toBeGreaterThan(0);
    for (const { service, request, response } of served) {
      const operation = byService[service].find((op) => op.input === request);
      expect(operation, `${service} ${request}`).toBeDefined();
      expect({ service, request, response }).toEqual({ service, request, response: operation?.output });
    }
    // Every service path the simulator listens on has a WSDL.
    expect(DMP_SERVICES.filter((service) => !(service in SERVICE_WSDL))).toEqual([]);
  });

  it('the client sends only request Actions the WSDLs declare', () => {
    const sent = [...Object.values(ACTIONS), ...Object.values(XDS_ACTION)];
    expect(sent.filter((action) => !allInputs.has(action))).toEqual([]);
  });
});
