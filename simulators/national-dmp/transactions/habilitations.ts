import { firstChild, textOf } from '../../xml/safe-xml';
import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS, OID } from '../namespaces';
import { specialityLabel } from '../specialties';
import type { ActorColumn, RightsTransaction } from '../rights';
import { SoapFault } from '../soap';
import { element, statusElements, wsDate } from './ws-output';

const MEDECIN_COLUMNS = new Set<ActorColumn>(['medecin', 'medecin_traitant', 'air_medecin', 'air_medecin_traitant']);

function patientNir(context: RequestContext): string {
  const nir = context.claims.patient?.nir;
  // These operations name the patient only in the VIHF resource-id.
  if (nir === undefined) throw new SoapFault(DMP_CODES.invalidVihf, 'No patient in the VIHF');
  return nir;
}

/** TD0.3 setAuthorization: declare or remove one's authorization, declare or remove oneself as MT. */
export function handleSetAuthorization(context: RequestContext): HandlerResult {
  const operation = context.request.operation;
  const action = textOf(firstChild(operation, NS.habilitations, 'action'));
  const role = textOf(firstChild(operation, NS.habilitations, 'role'));
  if ((action !== 'AJOUT' && action !== 'SUPPRESSION') || (role !== undefined && role !== 'MEDECIN_TRAITANT')) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'action must be AJOUT or SUPPRESSION, role MEDECIN_TRAITANT');
  }
  const nir = patientNir(context);
  const transaction: RightsTransaction =
    action === 'AJOUT' ? 'TD0.3.declare' : role === undefined ? 'TD0.3.remove' : 'TD0.3.removeMT';
  const { decision, actor, dmp } = checkAccess(context, transaction, nir);
  const answer = (status: string, message?: string): HandlerResult => ({
    ns1: NS.habilitations,
    body: `<ns1:setAuthorizationResponse><ns1:output>${statusElements(status, message)}</ns1:output></ns1:setAuthorizationResponse>`,
  });
  if (!decision.allow || dmp === undefined) return answer(decision.allow ? DMP_CODES.notFound : decision.code);

  const store = context.store;
  const at = context.now.toISOString();
  const current = store.getAuthorization(nir, actor.subjectId);
  if (action === 'AJOUT' && role === 'MEDECIN_TRAITANT') {
    if (!MEDECIN_COLUMNS.has(actor.column)) return answer(DMP_CODES.deniedByRights);
    store.transaction(() => {
      store.updateDmp(nir, { treatingDoctor: context.claims.nameId });
      if (current?.status !== 'ACTIVE') store.setAuthorization(nir, actor.subjectId, 'ACTIVE', at);
    });
    return answer(DMP_CODES.ok, 'Médecin traitant DMP déclaré');
  }
  if (action === 'AJOUT') {
    if (current?.status === 'ACTIVE') return answer(DMP_CODES.ok, 'Autorisation déjà présente aucune action effectuée');
    store.setAuthorization(nir, actor.subjectId, 'ACTIVE', at);
    return answer(DMP_CODES.ok, 'Autorisation ajoutée');
  }
  if (role === 'MEDECIN_TRAITANT') {
    store.updateDmp(nir, { treatingDoctor: null });
    return answer(DMP_CODES.ok, 'Médecin traitant DMP supprimé');
  }
  if (current === undefined) return answer(DMP_CODES.ok, 'Autorisation absente aucune action effectuée');
  store.transaction(() => {
    store.setAuthorization(nir, actor.subjectId, null, at);
    // Without an authorization one is no longer the patient's MT either.
    if (dmp.treatingDoctor === context.claims.nameId) store.updateDmp(nir, { treatingDoctor: null });
  });
  return answer(DMP_CODES.ok, 'Autorisation supprimée');
}

/** TD1.6 listAuthorizationByPatient: professionals authorized (ACTIVE), blocked (INTERDITE) or both (TOUTE). */
export function handleListAuthorizations(context: RequestContext): HandlerResult {
  const mode = textOf(firstChild(context.request.operation, NS.habilitations, 'mode')) ?? 'TOUTE';
  if (mode !== 'TOUTE' && mode !== 'ACTIVE' && mode !== 'INTERDITE') {
    throw new SoapFault(DMP_CODES.invalidRequest, 'mode must be TOUTE, ACTIVE or INTERDITE');
  }
  const nir = patientNir(context);
  const { decision, dmp } = checkAccess(context, 'TD1.6', nir);
  const wrap = (inner: string): HandlerResult => ({
    ns1: NS.habilitations,
    body: `<ns1:listAuthorizationByPatientResponse><ns1:output>${inner}</ns1:output></ns1:listAuthorizationByPatientResponse>`,
  });
  if (!decision.allow || dmp === undefined)
    return wrap(statusElements(decision.allow ? DMP_CODES.notFound : decision.code));
  const entries = context.store
    .listAuthorizations(nir, mode === 'TOUTE' ? undefined : mode)
    .map((authorization) => {
      const professional = context.store.getProfessional(authorization.subjectId);
      const speciality =
        professional === undefined
          ? undefined
          : `G15_${professional.profession}${professional.specialty === null ? '' : `/${professional.specialty}`}`;
      return (
        `<ns1:listOfAuthorizationByPatient>` +
        element('nationalId', authorization.subjectId) +
        // The identifier's OID, as the official TD1.6 answer has it: RPPS/ADELI IdNat of a PS, or a structure's.
        element('nationalIdType', professional === undefined ? OID.structureIdNat : OID.psIdNat) +
        element('firstName', professional?.given) +
        element('lastName', professional?.family) +
        element('codeSpeciality', speciality) +
        element('libSpeciality', speciality === undefined ? undefined : specialityLabel(speciality)) +
        element('startOfAuthorization', wsDate(authorization.startedAt)) +
        element('lastActionDate', wsDate(authorization.lastActionAt)) +
        element('mode', authorization.status) +
        (dmp.treatingDoctor === authorization.subjectId ? element('specificRight', 'MEDECIN_TRAITANT') : '') +
        `</ns1:listOfAuthorizationByPatient>`
      );
    })
    .join('');
  // The official answer closes the list with an empty context.
  return wrap(entries + statusElements(DMP_CODES.ok, ''));
}
