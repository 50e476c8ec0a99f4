import type { DocumentSummary } from '../../../shared/api/documents';
import { VISIBILITY_CODES, type DocumentEntrySummary } from '../../../shared/domain/documents';

/** XCN `id^family^given^…` -> "given FAMILY"; the id alone when the name parts are absent. */
export function authorName(xcn: string | undefined): string | null {
  if (xcn === undefined || xcn === '') return null;
  const [id = '', family = '', given = ''] = xcn.split('^');
  const name = `${given} ${family}`.trim();
  return name === '' ? id || null : name;
}

const XMLDSIG_FORMAT = 'http://www.w3.org/2000/09/xmldsig#';

/** The XAdES of each deposit is itself a DocumentEntry (typeCode E1762); it is proof, not a document to read. */
export function isSignatureEntry(entry: DocumentEntrySummary): boolean {
  return entry.formatCode?.code === XMLDSIG_FORMAT;
}

export function toSummary(entry: DocumentEntrySummary): DocumentSummary {
  const visibility = entry.confidentiality.filter((code) => (VISIBILITY_CODES as readonly string[]).includes(code));
  return {
    uniqueId: entry.uniqueId,
    entryUuid: entry.entryUuid,
    title: entry.title ?? null,
    type: entry.typeCode === undefined ? null : { code: entry.typeCode.code, displayName: entry.typeCode.displayName },
    creationTime: entry.creationTime ?? null,
    author: authorName(entry.authorPersons[0]),
    status: entry.status,
    maskedToProfessionals: visibility.includes('MASQUE_PS'),
    visibility,
    version: entry.version ?? null,
    mimeType: entry.mimeType ?? null,
  };
}
