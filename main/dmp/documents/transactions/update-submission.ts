import type { DmpPatientRef } from '../../../../shared/api/dmp';
import { uuidOid } from '../../xds/ids';
import type { SubmissionSetInput } from '../../xds/metadata';
import { depositContext, type DocumentCallerIdentity } from '../context';
import { queryPatient } from './query-patient';

/**
 * The SubmissionSet of an ITI-57 update: the configured practitioner and structure submit it,
 * and its title says what it did, as the DMP's history lists it.
 */
export function updateSubmissionSet(
  config: DocumentCallerIdentity,
  patient: DmpPatientRef,
  title: string,
): SubmissionSetInput {
  const context = depositContext(config);
  return {
    id: 'SubmissionSet01',
    uniqueId: uuidOid(),
    sourceId: config.software.senderOid,
    submissionTime: config.now?.() ?? new Date(),
    title,
    contentType: context.contentType,
    patient: queryPatient(patient),
    author: context.author,
    structure: context.structure,
  };
}
