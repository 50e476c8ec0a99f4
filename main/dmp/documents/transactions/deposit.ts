import { AppError } from '../../../../shared/errors';
import { ACTION, buildDeposit, checkRegistryResponse, findRegistryResponse } from '../../xds';
import { depositContext } from '../context';
import { readReplacedDocument } from './replace-source';
import type { DocumentTransaction } from './types';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** TD2.1: ITI-41 of a CDA R2 N1 around the PDF, signed (XAdES + VIHF) as the configured practitioner. */
export const depositDocument: DocumentTransaction<'deposit'> = async (call, configured, request, tools) => {
  const content = Buffer.from(request.pdfBase64, 'base64');
  if (!content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw new AppError('DOC_INVALID_INPUT', { details: { field: 'pdf' } });
  }
  const context = depositContext(configured);
  const replaces =
    request.replaces === undefined ? undefined : await readReplacedDocument(call, request.patient, request.replaces);
  const deposit = await buildDeposit({
    content,
    mediaType: 'application/pdf',
    title: request.title,
    typeCode: request.type,
    patient: {
      ins: { root: request.patient.oid, extension: request.patient.matricule },
      birthFamily: request.traits.birthFamily,
      givenNames: request.traits.givenNames,
      sex: request.traits.sex,
      birthDate: request.traits.birthDate.replace(/-/g, ''),
      birthPlaceCode: request.traits.birthPlaceCode,
    },
    author: context.author,
    structure: context.structure,
    contentType: context.contentType,
    sourceId: configured.software.senderOid,
    visibility: request.visibility,
    valueSets: tools.valueSets(),
    ...(replaces === undefined ? {} : { replaces }),
    signer: configured.signer,
    ...(configured.now === undefined ? {} : { now: configured.now() }),
  });
  const answer = await call({
    service: 'repository',
    action: ACTION.provideAndRegister,
    patient: request.patient,
    body: deposit.request.body,
    attachments: deposit.request.attachments,
  });
  checkRegistryResponse(findRegistryResponse(answer.payload));
  return { uniqueId: deposit.uniqueIds.document };
};
