import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RimAssociation, RimObject } from '../xds/ebrim';

export interface SubmissionSetRecord {
  readonly entryUuid: string;
  readonly uniqueId: string;
  readonly nir: string;
  readonly sourceId: string;
  readonly submissionTime: string;
  readonly authorId: string | null;
  readonly authorStructure: string | null;
  readonly receivedAt: string;
  readonly metadata: RimObject;
}

export interface DocumentEntryRecord {
  readonly entryUuid: string;
  /** logicalId: the same for every metadata version of one document. */
  readonly lid: string;
  readonly version: number;
  readonly uniqueId: string;
  readonly nir: string;
  readonly status: string;
  readonly isSignature: boolean;
  readonly authorId: string | null;
  readonly authorStructure: string | null;
  readonly classCode: string | null;
  readonly typeCode: string | null;
  readonly creationTime: string | null;
  readonly serviceStart: string | null;
  readonly serviceStop: string | null;
  readonly masked: boolean;
  readonly invisiblePatient: boolean;
  readonly submissionSet: string;
  readonly submittedAt: string;
  readonly metadata: RimObject;
}

export interface DocumentContent {
  readonly uniqueId: string;
  readonly mimeType: string;
  /** SHA-1, hex (the XDS hash slot). */
  readonly hash: string;
  readonly size: number;
  readonly content: Buffer;
}

export interface AssociationRecord extends RimAssociation {
  readonly submissionSet: string | null;
}

type Value = string | number | null | Buffer | undefined;
type Row = Record<string, Value>;

const text = (value: Value): string => (value === null || value === undefined ? '' : String(value));
const optionalText = (value: Value): string | null => (value === null || value === undefined ? null : String(value));

function toEntry(row: Row): DocumentEntryRecord {
  return {
    entryUuid: text(row['entry_uuid']),
    lid: text(row['lid']),
    version: Number(row['version']),
    uniqueId: text(row['unique_id']),
    nir: text(row['nir']),
    status: text(row['status']),
    isSignature: row['is_signature'] === 1,
    authorId: optionalText(row['author_id']),
    authorStructure: optionalText(row['author_structure']),
    classCode: optionalText(row['class_code']),
    typeCode: optionalText(row['type_code']),
    creationTime: optionalText(row['creation_time']),
    serviceStart: optionalText(row['service_start']),
    serviceStop: optionalText(row['service_stop']),
    masked: row['masked'] === 1,
    invisiblePatient: row['invisible_patient'] === 1,
    submissionSet: text(row['submission_set']),
    submittedAt: text(row['submitted_at']),
    metadata: JSON.parse(text(row['metadata'])) as RimObject,
  };
}

function toSubmissionSet(row: Row): SubmissionSetRecord {
  return {
    entryUuid: text(row['entry_uuid']),
    uniqueId: text(row['unique_id']),
    nir: text(row['nir']),
    sourceId: text(row['source_id']),
    submissionTime: text(row['submission_time']),
    authorId: optionalText(row['author_id']),
    authorStructure: optionalText(row['author_structure']),
    receivedAt: text(row['received_at']),
    metadata: JSON.parse(text(row['metadata'])) as RimObject,
  };
}

function toAssociation(row: Row): AssociationRecord {
  const stored = JSON.parse(text(row['metadata'])) as Pick<RimAssociation, 'slots'>;
  return {
    id: text(row['entry_uuid']),
    type: text(row['type']),
    source: text(row['source']),
    target: text(row['target']),
    submissionSet: optionalText(row['submission_set']),
    slots: stored.slots,
  };
}

/** Filters of a FindDocuments, already parsed. */
export interface EntryFilter {
  readonly nir: string;
  readonly statuses: readonly string[];
  readonly classCodes?: readonly string[];
  readonly typeCodes?: readonly string[];
  readonly creationFrom?: string;
  readonly creationTo?: string;
  readonly serviceStartFrom?: string;
  readonly serviceStartTo?: string;
  readonly serviceStopFrom?: string;
  readonly serviceStopTo?: string;
}

/** The registry and repository tables of the simulator (migration 002). */
export class DocumentStore {
  constructor(private readonly db: Database) {}

  insertSubmissionSet(record: SubmissionSetRecord): void {
    this.db
      .prepare(
        `INSERT INTO submission_set (entry_uuid, unique_id, nir, source_id, submission_time, author_id,
           author_structure, received_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.entryUuid,
        record.uniqueId,
        record.nir,
        record.sourceId,
        record.submissionTime,
        record.authorId,
        record.authorStructure,
        record.receivedAt,
        JSON.stringify(record.metadata),
      );
  }

  insertEntry(record: DocumentEntryRecord): void {
    this.db
      .prepare(
        `INSERT INTO document_entry (entry_uuid, lid, version, unique_id, nir, status, is_signature, author_id,
           author_structure, class_code, type_code, creation_time, service_start, service_stop, masked,
           invisible_patient, submission_set, submitted_at, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.entryUuid,
        record.lid,
        record.version,
        record.uniqueId,
        record.nir,
        record.status,
        record.isSignature ? 1 : 0,
        record.authorId,
        record.authorStructure,
        record.classCode,
        record.typeCode,
        record.creationTime,
        record.serviceStart,
        record.serviceStop,
        record.masked ? 1 : 0,
        record.invisiblePatient ? 1 : 0,
        record.submissionSet,
        record.submittedAt,
        JSON.stringify(record.metadata),
      );
  }

  setEntryStatus(entryUuid: string, status: string): void {
    this.db.prepare('UPDATE document_entry SET status = ? WHERE entry_uuid = ?').run(status, entryUuid);
  }

  insertContent(content: DocumentContent): void {
    this.db
      .prepare('INSERT INTO document_content (unique_id, mime_type, hash, size, content) VALUES (?, ?, ?, ?, ?)')
      .run(content.uniqueId, content.mimeType, content.hash, content.size, content.content);
  }

  getContent(uniqueId: string): DocumentContent | undefined {
    const row = this.db.prepare('SELECT * FROM document_content WHERE unique_id = ?').get(uniqueId) as Row | undefined;
    if (row === undefined) return undefined;
    return {
      uniqueId: text(row['unique_id']),
      mimeType: text(row['mime_type']),
      hash: text(row['hash']),
      size: Number(row['size']),
      content: row['content'] as Buffer,
    };
  }

  insertAssociation(record: AssociationRecord): void {
    this.db
      .prepare(
        'INSERT INTO association (entry_uuid, type, source, target, submission_set, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.type,
        record.source,
        record.target,
        record.submissionSet,
        JSON.stringify({ slots: record.slots }),
      );
  }

  getEntry(entryUuid: string): DocumentEntryRecord | undefined {
    const row = this.db.prepare('SELECT * FROM document_entry WHERE entry_uuid = ?').get(entryUuid) as Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /** The newest metadata version of a logical document. */
  latestVersion(lid: string): DocumentEntryRecord | undefined {
    const row = this.db.prepare('SELECT * FROM document_entry WHERE lid = ? ORDER BY version DESC LIMIT 1').get(lid) as
      Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /** The current entry holding a document uniqueId (its newest metadata version). */
  entryByUniqueId(uniqueId: string): DocumentEntryRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM document_entry WHERE unique_id = ? ORDER BY version DESC LIMIT 1')
      .get(uniqueId) as Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  uniqueIdExists(uniqueId: string): boolean {
    return this.db.prepare('SELECT 1 FROM document_entry WHERE unique_id = ? LIMIT 1').get(uniqueId) !== undefined;
  }

  findEntries(filter: EntryFilter): DocumentEntryRecord[] {
    const where: string[] = ['nir = ?'];
    const args: (string | number)[] = [filter.nir];
    const inList = (column: string, values: readonly string[] | undefined): void => {
      if (values === undefined || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values);
    };
    inList('status', filter.statuses);
    inList('class_code', filter.classCodes);
    inList('type_code', filter.typeCodes);
    const range = (column: string, from: string | undefined, to: string | undefined): void => {
      // XDS dates are YYYYMMDD[hhmmss]: compared as text, "from" inclusive and "to" exclusive (ITI-18).
      if (from !== undefined) {
        where.push(`${column} >= ?`);
        args.push(from);
      }
      if (to !== undefined) {
        where.push(`${column} < ?`);
        args.push(to);
      }
    };
    range('creation_time', filter.creationFrom, filter.creationTo);
    range('service_start', filter.serviceStartFrom, filter.serviceStartTo);
    range('service_stop', filter.serviceStopFrom, filter.serviceStopTo);
    const rows = this.db
      .prepare(`SELECT * FROM document_entry WHERE ${where.join(' AND ')} ORDER BY submitted_at, rowid`)
      .all(...args) as Row[];
    return rows.map(toEntry);
  }

  listEntries(nir: string): DocumentEntryRecord[] {
    return (
      this.db.prepare('SELECT * FROM document_entry WHERE nir = ? ORDER BY submitted_at, rowid').all(nir) as Row[]
    ).map(toEntry);
  }

  getSubmissionSet(entryUuid: string): SubmissionSetRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submission_set WHERE entry_uuid = ?').get(entryUuid) as Row | undefined;
    return row === undefined ? undefined : toSubmissionSet(row);
  }

  findSubmissionSets(nir: string, from: string | undefined, to: string | undefined): SubmissionSetRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM submission_set WHERE nir = ? AND submission_time >= ? AND submission_time < ?
         ORDER BY submission_time, rowid`,
      )
      .all(nir, from ?? '', to ?? '99999999999999') as Row[];
    return rows.map(toSubmissionSet);
  }

  associationsOf(uuids: readonly string[]): AssociationRecord[] {
    if (uuids.length === 0) return [];
    const marks = uuids.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT * FROM association WHERE source IN (${marks}) OR target IN (${marks}) ORDER BY rowid`)
      .all(...uuids, ...uuids) as Row[];
    return rows.map(toAssociation);
  }

  /** When the last document (not a signature) was added to the patient's DMP: TD0.4 lastAddDate. */
  lastAddedAt(nir: string): string | undefined {
    const row = this.db
      .prepare('SELECT max(submitted_at) AS at FROM document_entry WHERE nir = ? AND is_signature = 0')
      .get(nir) as Row | undefined;
    return optionalText(row?.['at']) ?? undefined;
  }

  countEntries(nir: string): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM document_entry WHERE nir = ?').get(nir) as Row;
    return Number(row['n']);
  }

  maskedVisibleInEmergency(nir: string): boolean {
    const row = this.db.prepare('SELECT masked_in_emergency FROM dmp WHERE nir = ?').get(nir) as Row | undefined;
    return row?.['masked_in_emergency'] === 1;
  }

  setMaskedVisibleInEmergency(nir: string, allowed: boolean): boolean {
    return (
      this.db.prepare('UPDATE dmp SET masked_in_emergency = ? WHERE nir = ?').run(allowed ? 1 : 0, nir).changes === 1
    );
  }
}
