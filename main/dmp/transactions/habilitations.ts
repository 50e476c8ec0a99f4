import type { DmpAuthorizedPatient, DmpPatientRef, DmpProfessional } from '../../../shared/api/dmp';
import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { NS, childElements } from '../../xml';
import type { DmpClient } from '../client';
import { dmpError } from '../dmp-codes';
import {
  buildListAuthorizationByPatient,
  buildPatientList,
  buildSetAuthorization,
  childText,
  childTexts,
  readWsOutput,
} from '../ws/messages';
import { ACTIONS } from './actions';

const OK = 'DMPOk';

/** TD0.3: declare oneself authorized on the patient's DMP (or withdraw), optionally as médecin traitant. */
export async function setAuthorization(
  client: DmpClient,
  request: {
    readonly patient: DmpPatientRef;
    readonly accessMode: DmpAccessMode;
    readonly action: 'grant' | 'revoke';
    readonly treatingPhysician: boolean;
  },
): Promise<{ done: true; alreadyInState: boolean }> {
  const envelope = await client.call({
    service: 'habilitations',
    action: ACTIONS.setAuthorization,
    body: buildSetAuthorization(request.action === 'grant' ? 'AJOUT' : 'SUPPRESSION', request.treatingPhysician),
    patient: request.patient,
    accessMode: request.accessMode,
  });
  const output = readWsOutput(envelope.payload, 'setAuthorizationResponse', NS.hab);
  if (output.status !== OK) throw dmpError(output.status ?? 'unspecified', { accessMode: request.accessMode });
  // The DMP says "nothing done" only in its French context text ("déjà présente aucune action effectuée").
  const alreadyInState = /d[ée]j[àa]|aucune action|already/i.test(output.context ?? '');
  return { done: true, alreadyInState };
}

const MODES = { all: 'TOUTE', authorized: 'ACTIVE', blocked: 'INTERDITE' } as const;

/** TD1.6: who may (or may not) access the patient's DMP. */
export async function listProfessionals(
  client: DmpClient,
  request: {
    readonly patient: DmpPatientRef;
    readonly accessMode: DmpAccessMode;
    readonly filter: 'all' | 'authorized' | 'blocked';
  },
): Promise<{ professionals: DmpProfessional[] }> {
  const envelope = await client.call({
    service: 'habilitations',
    action: ACTIONS.listAuthorizationByPatient,
    body: buildListAuthorizationByPatient(MODES[request.filter]),
    patient: request.patient,
    accessMode: request.accessMode,
  });
  const output = readWsOutput(envelope.payload, 'listAuthorizationByPatientResponse', NS.hab);
  if (output.status !== null && output.status !== OK) {
    throw dmpError(output.status, { accessMode: request.accessMode });
  }
  const professionals = childElements(output.output, NS.hab, 'listOfAuthorizationByPatient').flatMap(
    (entry): DmpProfessional[] => {
      const nationalId = childText(entry, NS.hab, 'nationalId');
      if (nationalId === null) return [];
      return [
        {
          nationalId,
          nationalIdType: childText(entry, NS.hab, 'nationalIdType'),
          lastName: childText(entry, NS.hab, 'lastName'),
          firstName: childText(entry, NS.hab, 'firstName'),
          specialties: childTexts(entry, NS.hab, 'codeSpeciality'),
          since: childText(entry, NS.hab, 'startOfAuthorization'),
          lastActionDate: childText(entry, NS.hab, 'lastActionDate'),
          mode: childText(entry, NS.hab, 'mode') === 'INTERDITE' ? 'blocked' : 'authorized',
          treatingPhysician: childTexts(entry, NS.hab, 'specificRight').includes('MEDECIN_TRAITANT'),
        },
      ];
    },
  );
  return { professionals };
}

/** TD0.4: the DMPs the caller is authorized on, since a date. Not about one patient: the VIHF carries none. */
export async function listAuthorizedPatients(
  client: DmpClient,
  request: { readonly since: string; readonly dateType: 'authorization' | 'document' },
): Promise<{ patients: DmpAuthorizedPatient[] }> {
  const envelope = await client.call({
    service: 'patientsSpecific',
    action: ACTIONS.patientList,
    body: buildPatientList(request.since, request.dateType === 'authorization' ? 'LASTAUTORIZATION' : 'LASTDOC'),
    accessMode: 'normal',
  });
  const output = readWsOutput(envelope.payload, 'patientListResponse', NS.pat);
  if (output.status !== null && output.status !== OK) throw dmpError(output.status);
  const patients = childElements(output.output, NS.pat, 'patientlistData').map((entry): DmpAuthorizedPatient => ({
    // The WSDL nests identifiers in patientIdentifier; tolerate them flat as well.
    identifiers: [entry, ...childElements(entry, NS.pat, 'patientIdentifier')].flatMap((id) => {
      const value = childText(id, NS.pat, 'nationalId');
      return value === null ? [] : [{ id: value, type: childText(id, NS.pat, 'nationalIdType') ?? '' }];
    }),
    lastName: childText(entry, NS.pat, 'lastName'),
    firstName: childText(entry, NS.pat, 'firstName'),
    birthDate: childText(entry, NS.pat, 'dateOfBirth'),
    treatingPhysician: childText(entry, NS.pat, 'MT') === 'true',
    lastAccessDate: childText(entry, NS.pat, 'lastAccessDate'),
    lastUpdateDate: childText(entry, NS.pat, 'lastUpdateDate'),
    lastAddDate: childText(entry, NS.pat, 'lastAddDate'),
  }));
  return { patients };
}
