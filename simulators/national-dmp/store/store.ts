import Database from 'better-sqlite3-multiple-ciphers';
import { DocumentStore } from './documents';
import { migrate } from './migrations';

export type DmpStatus = 'active' | 'closed';
export type AuthorizationStatus = 'ACTIVE' | 'INTERDITE';

export interface PatientIdentity {
  readonly nir: string;
  readonly insOid: string;
  readonly insc: string | null;
  readonly family: string;
  readonly given: string;
  readonly prefix: string | null;
  /** HL7 administrative gender: M, F or U. */
  readonly gender: string;
  /** YYYYMMDD, kept as text: lunar dates exist. */
  readonly birthDate: string;
  readonly street: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface DmpRecord extends PatientIdentity {
  readonly status: DmpStatus;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly closeReason: string | null;
  readonly consentRecordedAt: string | null;
  readonly oppositionBrisDeGlace: boolean;
  readonly oppositionUrgence: boolean;
  readonly attachedToMes: boolean;
  readonly internetAccount: boolean;
  readonly treatingDoctor: string | null;
}

export interface ProfessionalRecord {
  readonly nationalId: string;
  readonly family: string;
  readonly given: string;
  /** G15 profession code, e.g. 10 médecin. */
  readonly profession: string;
  readonly specialty: string | null;
  readonly structureId: string | null;
  readonly occupational: boolean;
}

export interface AuthorizationRecord {
  readonly nir: string;
  readonly subjectId: string;
  readonly status: AuthorizationStatus;
  readonly startedAt: string;
  readonly lastActionAt: string;
}

export interface AccessRecord {
  readonly at: string;
  readonly nir: string | null;
  readonly actorId: string;
  readonly structureId: string;
  readonly authMode: string;
  readonly accessMode: string;
  readonly transaction: string;
  /** `allow`, or the code of the refusal. */
  readonly outcome: string;
  /** The document read or changed (document transactions). */
  readonly documentUniqueId?: string | null;
  /** Reason given for an emergency access (bris de glace, centre 15). */
  readonly reason?: string | null;
}

type Row = Record<string, string | number | null>;

const str = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
const opt = (value: string | number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

function toDmp(row: Row): DmpRecord {
  return {
    nir: str(row['nir']),
    insOid: str(row['ins_oid']),
    insc: opt(row['insc']),
    family: str(row['family']),
    given: str(row['given']),
    prefix: opt(row['prefix']),
    gender: str(row['gender']),
    birthDate: str(row['birth_date']),
    street: opt(row['street']),
    postalCode: opt(row['postal_code']),
    city: opt(row['city']),
    phone: opt(row['phone']),
    email: opt(row['email']),
    status: row['status'] === 'closed' ? 'closed' : 'active',
    createdAt: str(row['created_at']),
    closedAt: opt(row['closed_at']),
    closeReason: opt(row['close_reason']),
    consentRecordedAt: opt(row['consent_recorded_at']),
    oppositionBrisDeGlace: row['opposition_bris_de_glace'] === 1,
    oppositionUrgence: row['opposition_urgence'] === 1,
    attachedToMes: row['attached_to_mes'] === 1,
    internetAccount: row['internet_account'] === 1,
    treatingDoctor: opt(row['treating_doctor']),
  };
}

const DMP_COLUMNS: Readonly<Record<keyof DmpRecord, string>> = {
  nir: 'nir',
  insOid: 'ins_oid',
  insc: 'insc',
  family: 'family',
  given: 'given',
  prefix: 'prefix',
  gender: 'gender',
  birthDate: 'birth_date',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  phone: 'phone',
  email: 'email',
  status: 'status',
  createdAt: 'created_at',
  closedAt: 'closed_at',
  closeReason: 'close_reason',
  consentRecordedAt: 'consent_recorded_at',
  oppositionBrisDeGlace: 'opposition_bris_de_glace',
  oppositionUrgence: 'opposition_urgence',
  attachedToMes: 'attached_to_mes',
  internetAccount: 'internet_account',
  treatingDoctor: 'treating_doctor',
};

const toSql = (value: unknown): string | number | null =>
  typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number | null);

/** The simulator's own state, in its own SQLite file (plain: it holds only test identities). */
export class SimulatorStore {
  private readonly db: Database.Database;
  readonly documents: DocumentStore;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    // The admin CLI may write while the server runs.
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.documents = new DocumentStore(this.db);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * Deletes every row of every table, keeping the schema: the blank slate a training reset seeds
   * again. Tables are read from the schema, so a later migration's table is wiped too. Run it
   * inside `transaction`: foreign keys are then checked at commit, whatever the deletion order.
   */
  wipe(): void {
    this.db.pragma('defer_foreign_keys = ON');
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) this.db.prepare(`DELETE FROM "${table}"`).run();
  }

  getDmp(nir: string): DmpRecord | undefined {
    const row = this.db.prepare('SELECT * FROM dmp WHERE nir = ?').get(nir) as Row | undefined;
    return row === undefined ? undefined : toDmp(row);
  }

  insertDmp(record: DmpRecord): void {
    const keys = Object.keys(DMP_COLUMNS) as (keyof DmpRecord)[];
    const columns = keys.map((key) => DMP_COLUMNS[key]).join(', ');
    const marks = keys.map(() => '?').join(', ');
    this.db.prepare(`INSERT INTO dmp (${columns}) VALUES (${marks})`).run(...keys.map((key) => toSql(record[key])));
  }

  updateDmp(nir: string, patch: Partial<Omit<DmpRecord, 'nir'>>): boolean {
    const keys = (Object.keys(patch) as (keyof DmpRecord)[]).filter(
      (key) => patch[key as keyof typeof patch] !== undefined,
    );
    if (keys.length === 0) return this.getDmp(nir) !== undefined;
    const sets = keys.map((key) => `${DMP_COLUMNS[key]} = ?`).join(', ');
    const values = keys.map((key) => toSql(patch[key as keyof typeof patch]));
    return this.db.prepare(`UPDATE dmp SET ${sets} WHERE nir = ?`).run(...values, nir).changes === 1;
  }

  listDmps(): DmpRecord[] {
    return (this.db.prepare('SELECT * FROM dmp ORDER BY family, given').all() as Row[]).map(toDmp);
  }

  upsertProfessional(record: ProfessionalRecord): void {
    this.db
      .prepare(
        `INSERT INTO professional (national_id, family, given, profession, specialty, structure_id, occupational)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (national_id) DO UPDATE SET family = excluded.family, given = excluded.given,
           profession = excluded.profession, specialty = excluded.specialty,
           structure_id = excluded.structure_id, occupational = excluded.occupational`,
      )
      .run(
        record.nationalId,
        record.family,
        record.given,
        record.profession,
        record.specialty,
        record.structureId,
        record.occupational ? 1 : 0,
      );
  }

  getProfessional(nationalId: string): ProfessionalRecord | undefined {
    const row = this.db.prepare('SELECT * FROM professional WHERE national_id = ?').get(nationalId) as Row | undefined;
    if (row === undefined) return undefined;
    return {
      nationalId: str(row['national_id']),
      family: str(row['family']),
      given: str(row['given']),
      profession: str(row['profession']),
      specialty: opt(row['specialty']),
      structureId: opt(row['structure_id']),
      occupational: row['occupational'] === 1,
    };
  }

  getAuthorization(nir: string, subjectId: string): AuthorizationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM authorization WHERE nir = ? AND subject_id = ?').get(nir, subjectId) as
      Row | undefined;
    return row === undefined ? undefined : toAuthorization(row);
  }

  /** Sets or, with `null`, removes the authorization of a professional or structure on a DMP. */
  setAuthorization(nir: string, subjectId: string, status: AuthorizationStatus | null, at: string): void {
    if (status === null) {
      this.db.prepare('DELETE FROM authorization WHERE nir = ? AND subject_id = ?').run(nir, subjectId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO authorization (nir, subject_id, status, started_at, last_action_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (nir, subject_id) DO UPDATE SET status = excluded.status, last_action_at = excluded.last_action_at,
           started_at = CASE WHEN authorization.status = excluded.status THEN authorization.started_at
                             ELSE excluded.started_at END`,
      )
      .run(nir, subjectId, status, at, at);
  }

  listAuthorizations(nir: string, status?: AuthorizationStatus): AuthorizationRecord[] {
    const rows =
      status === undefined
        ? this.db.prepare('SELECT * FROM authorization WHERE nir = ? ORDER BY started_at').all(nir)
        : this.db
            .prepare('SELECT * FROM authorization WHERE nir = ? AND status = ? ORDER BY started_at')
            .all(nir, status);
    return (rows as Row[]).map(toAuthorization);
  }

  /** DMPs a subject is authorized on, newest authorization first (TD0.4). */
  listAuthorizedDmps(
    subjectId: string,
    since: string | undefined,
  ): { dmp: DmpRecord; authorization: AuthorizationRecord }[] {
    const rows = this.db
      .prepare(
        `SELECT a.nir AS a_nir, a.subject_id, a.status AS a_status, a.started_at, a.last_action_at, d.*
         FROM authorization a JOIN dmp d ON d.nir = a.nir
         WHERE a.subject_id = ? AND a.status = 'ACTIVE' AND a.last_action_at >= ?
         ORDER BY a.last_action_at DESC`,
      )
      .all(subjectId, since ?? '') as Row[];
    return rows.map((row) => ({
      dmp: toDmp(row),
      authorization: toAuthorization({ ...row, nir: row['a_nir'] ?? null, status: row['a_status'] ?? null }),
    }));
  }

  logAccess(record: AccessRecord): void {
    this.db
      .prepare(
        `INSERT INTO access_log (at, nir, actor_id, structure_id, auth_mode, access_mode, transaction_code, outcome,
           document_unique_id, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.at,
        record.nir,
        record.actorId,
        record.structureId,
        record.authMode,
        record.accessMode,
        record.transaction,
        record.outcome,
        record.documentUniqueId ?? null,
        record.reason ?? null,
      );
  }

  listAccess(nir?: string): AccessRecord[] {
    const rows =
      nir === undefined
        ? this.db.prepare('SELECT * FROM access_log ORDER BY id').all()
        : this.db.prepare('SELECT * FROM access_log WHERE nir = ? ORDER BY id').all(nir);
    return (rows as Row[]).map((row) => ({
      at: str(row['at']),
      nir: opt(row['nir']),
      actorId: str(row['actor_id']),
      structureId: str(row['structure_id']),
      authMode: str(row['auth_mode']),
      accessMode: str(row['access_mode']),
      transaction: str(row['transaction_code']),
      outcome: str(row['outcome']),
      documentUniqueId: opt(row['document_unique_id']),
      reason: opt(row['reason']),
    }));
  }

  lastAccessAt(nir: string): string | undefined {
    const row = this.db.prepare('SELECT max(at) AS at FROM access_log WHERE nir = ?').get(nir) as Row | undefined;
    return opt(row?.['at']) ?? undefined;
  }

  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as Row | undefined;
    return opt(row?.['value']) ?? undefined;
  }

  setSetting(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}

function toAuthorization(row: Row): AuthorizationRecord {
  return {
    nir: str(row['nir']),
    subjectId: str(row['subject_id']),
    status: row['status'] === 'INTERDITE' ? 'INTERDITE' : 'ACTIVE',
    startedAt: str(row['started_at']),
    lastActionAt: str(row['last_action_at']),
  };
}
