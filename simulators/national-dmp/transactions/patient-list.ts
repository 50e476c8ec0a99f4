import { firstChild, textOf } from '../../xml/safe-xml';
import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS, OID } from '../namespaces';
import { SoapFault } from '../soap';
import { element, statusElements, wsDate } from './ws-output';

/** `YYYYMMDD[hhmmss]` to the ISO prefix the store compares against. */
function isoFrom(startDate: string | undefined): string | undefined {
  if (startDate === undefined || startDate === '') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(startDate);
  if (match === null) throw new SoapFault(DMP_CODES.invalidRequest, 'startDate must be YYYYMMDD or YYYYMMDDhhmmss');
  const [, y, m, d, hh = '00', mm = '00', ss = '00'] = match;
  return `${y}-${m}-${d}T${hh}:${mm}:${ss}`;
}

/** TD0.4 patientList: the DMPs the caller (or its structure) is authorized on. */
export function handlePatientList(context: RequestContext): HandlerResult {
  const operation = context.request.operation;
  const since = isoFrom(textOf(firstChild(operation, NS.patients, 'startDate')));
  const dateType = textOf(firstChild(operation, NS.patients, 'dateType'));
  if (dateType !== undefined && dateType !== 'LASTAUTORIZATION' && dateType !== 'LASTDOC') {
    throw new SoapFault(DMP_CODES.invalidRequest, 'dateType must be LASTAUTORIZATION or LASTDOC');
  }
  const { decision, actor } = checkAccess(context, 'TD0.4', undefined);
  const wrap = (inner: string): HandlerResult => ({
    ns1: NS.patients,
    body: `<ns1:patientListResponse><ns1:output>${inner}</ns1:output></ns1:patientListResponse>`,
  });
  if (!decision.allow) return wrap(statusElements(decision.code));
  // LASTAUTORIZATION: authorizations given or changed since startDate; LASTDOC: DMPs the caller is
  // authorized on that received a document since startDate (dmp-interface.md §4, TD0.4).
  const byDocument = dateType === 'LASTDOC';
  const rows = context.store
    .listAuthorizedDmps(actor.subjectId, byDocument ? undefined : since)
    .map((row) => ({ ...row, lastAdd: context.store.documents.lastAddedAt(row.dmp.nir) }))
    .filter(({ lastAdd }) => !byDocument || (lastAdd !== undefined && (since === undefined || lastAdd >= since)))
    .map(({ dmp, authorization, lastAdd }) => {
      const insc =
        dmp.insc === null
          ? ''
          : `<ns1:patientIdentifier>${element('nationalId', dmp.insc)}${element('nationalIdType', OID.insc)}</ns1:patientIdentifier>`;
      const lastAccess = context.store.lastAccessAt(dmp.nir);
      return (
        `<ns1:patientlistData>${insc}` +
        `<ns1:patientIdentifier>${element('nationalId', dmp.nir)}${element('nationalIdType', dmp.insOid)}</ns1:patientIdentifier>` +
        element('lastName', dmp.family) +
        element('firstName', dmp.given) +
        element('dateOfBirth', dmp.birthDate) +
        element('MT', String(dmp.treatingDoctor === context.claims.nameId)) +
        element('message', 'false') +
        element('lastAccessDate', lastAccess === undefined ? undefined : wsDate(lastAccess)) +
        element('lastUpdateDate', wsDate(authorization.lastActionAt)) +
        element('lastAddDate', lastAdd === undefined ? undefined : wsDate(lastAdd)) +
        `</ns1:patientlistData>`
      );
    });
  return wrap(rows.join('') + statusElements(DMP_CODES.ok));
}
