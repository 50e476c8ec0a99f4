/** WS-Addressing actions of the patient-level transactions (official examples, WSDLs). */
export const ACTIONS = {
  patientQuery: 'urn:hl7-org:v3:PRPA_IN201307UV02',
  patientAdd: 'urn:hl7-org:v3:PRPA_IN201311UV02',
  patientRevise: 'urn:hl7-org:v3:PRPA_IN201314UV02',
  setAuthorization: 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization',
  listAuthorizationByPatient: 'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient',
  patientList: 'urn:si-dmp-patients:PatientSpecificEndPoint:patientList',
  /** TD0.5 (PDQSupplier.wsdl and the official example; the C# kit's PDQSupplier_Service Action is not the WSDL's). */
  patientSearch: 'urn:hl7-org:v3:PRPA_IN201305UV02',
} as const;
