import { escapeXmlAttribute as attr } from '../../xml';
import { xopInclude, type MtomAttachment } from '../../soap/mtom';
import { ASSOCIATION, LCM, RIM, XDSB } from './constants';
import {
  documentEntry,
  signatureEntry,
  submissionSet,
  type DocumentEntryInput,
  type SignatureEntryInput,
  type SubmissionSetInput,
} from './metadata';
import { association, idCounter, slot } from './rim';

export interface ProvideAndRegisterInput {
  readonly submissionSet: SubmissionSetInput;
  readonly document: DocumentEntryInput & { readonly content: Uint8Array };
  readonly signature: SignatureEntryInput & { readonly content: Uint8Array };
  /** entryUUID of the version this document replaces (RPLC): the registry deprecates it. */
  readonly replacesEntryUuid?: string;
}

export interface ProvideAndRegisterRequest {
  /** The SOAP body content: one ProvideAndRegisterDocumentSetRequest element. */
  readonly body: string;
  readonly attachments: readonly MtomAttachment[];
}

const ORIGINAL = slot('SubmissionSetStatus', ['Original']);

/** ITI-41 body for TD2.1: SubmissionSet, the CDA entry, the XAdES entry, their associations and both documents over XOP. */
export function buildProvideAndRegister(input: ProvideAndRegisterInput): ProvideAndRegisterRequest {
  const next = idCounter('cl');
  const nextAssociation = idCounter('as');
  const ss = input.submissionSet.id;
  const doc = input.document.id;
  const sig = input.signature.id;
  const replace =
    input.replacesEntryUuid === undefined
      ? ''
      : association(nextAssociation(), ASSOCIATION.replace, doc, input.replacesEntryUuid);
  const registryObjects =
    submissionSet(input.submissionSet, next) +
    documentEntry(input.document, next) +
    signatureEntry(input.signature, next) +
    association(nextAssociation(), ASSOCIATION.hasMember, ss, doc, ORIGINAL) +
    association(nextAssociation(), ASSOCIATION.hasMember, ss, sig, ORIGINAL) +
    association(nextAssociation(), ASSOCIATION.signs, sig, ss, ORIGINAL) +
    replace;
  const attachments: MtomAttachment[] = [
    { contentId: `${doc}@dmp-desk`, contentType: 'text/xml', data: input.document.content },
    { contentId: `${sig}@dmp-desk`, contentType: 'text/xml', data: input.signature.content },
  ];
  const documents = attachments
    .map((a, i) => `<xdsb:Document id="${attr(i === 0 ? doc : sig)}">${xopInclude(a.contentId)}</xdsb:Document>`)
    .join('');
  const body =
    `<xdsb:ProvideAndRegisterDocumentSetRequest xmlns="${RIM}" xmlns:xdsb="${XDSB}" xmlns:lcm="${LCM}">` +
    `<lcm:SubmitObjectsRequest><RegistryObjectList>${registryObjects}</RegistryObjectList></lcm:SubmitObjectsRequest>` +
    documents +
    `</xdsb:ProvideAndRegisterDocumentSetRequest>`;
  return { body, attachments };
}
