import { AppError } from '../../../../shared/errors';
import { ACTION, buildDeposit, checkRegistryResponse, findRegistryResponse } from '../../xds';
import { depositEntry } from '../../../sync/deposit-entry';
import { isoBirthDate } from '../../pipeline';
import { depositContext } from '../context';
import { readReplacedDocument } from './replace-source';
import type { DocumentTransaction } from './types';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
/** INSEE COG code of an unknown birth place. */
const UNKNOWN_BIRTH_PLACE = '99999';

/** TD2.1: ITI-41 of a CDA R2 N1 around the PDF, signed (XAdES + VIHF) as the configured practitioner. */
export const depositDocument: DocumentTransaction<'deposit'> = async (call, configured, request, tools) => {
  const content = Buffer.from(request.pdfBase64, 'base64');
  if (!content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw new AppError('DOC_INVALID_INPUT', { details: { field: 'pdf' } });
  }
  const valueSets = tools.valueSets();
  const context = depositContext(configured, valueSets.authorSpecialty);
  const replaces =
    request.replaces === undefined ? undefined : await readReplacedDocument(call, request.patient, request.replaces);
  const deposit = await buildDeposit({
    content,
    mediaType: 'application/pdf',
    title: request.title,
    typeCode: request.type,
    patient: {
      ins: { root: request.patient.oid, extension: request.patient.matricule },
      // The qualified identity's INS traits, as main holds them: never typed again at deposit.
      birthFamily: request.traits.birthName,
      givenNames: request.traits.firstNames[0] ?? '',
      sex: request.traits.sex ?? 'U',
      birthDate: request.traits.birthDate.replace(/-/g, ''),
      birthPlaceCode: birthPlaceCode(request.traits.birthPlace),
    },
    author: context.author,
    structure: context.structure,
    contentType: context.contentType,
    sourceId: configured.software.senderOid,
    visibility: request.visibility,
    valueSets,
    ...(replaces === undefined ? {} : { replaces }),
    signer: configured.signer,
    ...(configured.now === undefined ? {} : { now: configured.now() }),
  });
  // Built and signed while the card is here, uniqueIds minted once: from now on the outbox owns it.
  const entry = depositEntry({
    kind: replaces === undefined ? 'deposit' : 'replace',
    patientId: request.patientId,
    ins: request.patient,
    patient: {
      family: request.traits.birthName,
      given: request.traits.firstNames[0] ?? '',
      birthDate: isoBirthDate(request.traits),
    },
    title: request.title,
    author: configured.practitioner,
    accessMode: configured.access?.mode ?? 'normal',
    emergencyReason: configured.access?.reason,
    deposit,
    enqueuedAt: configured.now?.() ?? new Date(),
  });
  if (tools.outbox !== undefined) return tools.outbox.submit(entry);
  const answer = await call({
    service: 'repository',
    action: ACTION.provideAndRegister,
    patient: request.patient,
    body: deposit.request.body,
    attachments: deposit.request.attachments,
  });
  checkRegistryResponse(findRegistryResponse(answer.payload));
  return { uniqueId: deposit.uniqueIds.document, outboxId: entry.id, outcome: 'sent' };
};

/** The INSEE COG code of the birth place, or 99999 when the identity has none (or not a COG code). */
function birthPlaceCode(birthPlace: string | undefined): string {
  return birthPlace !== undefined && /^[0-9][0-9AB][0-9]{3}$/.test(birthPlace) ? birthPlace : UNKNOWN_BIRTH_PLACE;
}
