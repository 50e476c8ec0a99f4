import type { DmpFaults } from './faults';
import { seedStore } from './seed';
import { seedTrainingDocuments } from './seed-documents';
import type { AccessRecord, AuthorizationRecord, DmpRecord, SimulatorStore } from './store/store';

/** One document version as the admin and the CLI show it (no content). */
export interface DocumentSummary {
  readonly uniqueId: string;
  readonly entryUuid: string;
  readonly lid: string;
  readonly version: number;
  readonly status: string;
  readonly title: string | undefined;
  readonly typeCode: string | null;
  readonly authorId: string | null;
  readonly masked: boolean;
  readonly invisiblePatient: boolean;
  readonly isSignature: boolean;
  readonly hash: string | undefined;
  readonly size: number | undefined;
}

/** Thrown by the admin API for a request it cannot apply (unknown patient...); the CLI prints the code. */
export class AdminError extends Error {
  constructor(readonly code: 'UNKNOWN_DMP' | 'DMP_ALREADY_CLOSED' | 'DMP_NOT_CLOSED') {
    super(code);
    this.name = 'AdminError';
  }
}

/** Patient-side actions (what the patient does in Mon espace santé) and simulator settings. */
export interface DmpAdmin {
  getDmp(nir: string): DmpRecord | undefined;
  listDmps(): DmpRecord[];
  blockProfessional(nir: string, nationalId: string): void;
  unblockProfessional(nir: string, nationalId: string): void;
  authorizeProfessional(nir: string, nationalId: string): void;
  listAuthorizations(nir: string): AuthorizationRecord[];
  setOppositions(nir: string, oppositions: { brisDeGlace?: boolean; urgence?: boolean }): void;
  setTreatingDoctor(nir: string, nationalId: string | null): void;
  setAttachedToMes(nir: string, attached: boolean): void;
  close(nir: string, reason?: string): void;
  reopen(nir: string): void;
  setRefuseCreation(refuse: boolean): void;
  refuseCreation(): boolean;
  accessHistory(nir?: string): AccessRecord[];
  /** Every metadata version of every document of a patient, oldest first. */
  listDocuments(nir: string): DocumentSummary[];
  /** The patient lets masked documents be read in bris de glace / centre 15 (M526 note 7). */
  setMaskedVisibleInEmergency(nir: string, allowed: boolean): void;
  /**
   * Back to the seeded state in one transaction: every table wiped, the seed patients and
   * professionals inserted again (and the training documents when asked). A lesson starts here.
   */
  reset(options?: { readonly documents?: boolean }): void;
  /** Adds the training PDF documents to the seeded patients that have none; returns how many. */
  seedTrainingDocuments(): number;
  /** Faults kept in the state file, so the CLI can change those of a running simulator. */
  setStoredFaults(faults: DmpFaults): void;
  storedFaults(): DmpFaults;
}

export const REFUSE_CREATION_SETTING = 'refuse_creation';
const FAULTS_SETTING = 'faults';

export function createAdmin(store: SimulatorStore, now: () => Date = () => new Date()): DmpAdmin {
  const existing = (nir: string): DmpRecord => {
    const dmp = store.getDmp(nir);
    if (dmp === undefined) throw new AdminError('UNKNOWN_DMP');
    return dmp;
  };
  return {
    getDmp: (nir) => store.getDmp(nir),
    listDmps: () => store.listDmps(),
    blockProfessional(nir, nationalId) {
      const dmp = existing(nir);
      store.transaction(() => {
        store.setAuthorization(nir, nationalId, 'INTERDITE', now().toISOString());
        // A blocked professional cannot stay the patient's MT.
        if (dmp.treatingDoctor === nationalId) store.updateDmp(nir, { treatingDoctor: null });
      });
    },
    unblockProfessional(nir, nationalId) {
      existing(nir);
      if (store.getAuthorization(nir, nationalId)?.status === 'INTERDITE') {
        store.setAuthorization(nir, nationalId, null, now().toISOString());
      }
    },
    authorizeProfessional(nir, nationalId) {
      existing(nir);
      store.setAuthorization(nir, nationalId, 'ACTIVE', now().toISOString());
    },
    listAuthorizations: (nir) => store.listAuthorizations(existing(nir).nir),
    setOppositions(nir, oppositions) {
      existing(nir);
      store.updateDmp(nir, {
        ...(oppositions.brisDeGlace === undefined ? {} : { oppositionBrisDeGlace: oppositions.brisDeGlace }),
        ...(oppositions.urgence === undefined ? {} : { oppositionUrgence: oppositions.urgence }),
      });
    },
    setTreatingDoctor(nir, nationalId) {
      existing(nir);
      store.transaction(() => {
        store.updateDmp(nir, { treatingDoctor: nationalId });
        if (nationalId !== null) store.setAuthorization(nir, nationalId, 'ACTIVE', now().toISOString());
      });
    },
    setAttachedToMes(nir, attached) {
      existing(nir);
      store.updateDmp(nir, { attachedToMes: attached });
    },
    close(nir, reason = 'FERMETURE_DEMANDE_PATIENT') {
      if (existing(nir).status === 'closed') throw new AdminError('DMP_ALREADY_CLOSED');
      store.updateDmp(nir, { status: 'closed', closedAt: now().toISOString(), closeReason: reason });
    },
    reopen(nir) {
      if (existing(nir).status !== 'closed') throw new AdminError('DMP_NOT_CLOSED');
      store.updateDmp(nir, { status: 'active', closedAt: null, closeReason: null });
    },
    setRefuseCreation: (refuse) => store.setSetting(REFUSE_CREATION_SETTING, refuse ? 'true' : 'false'),
    refuseCreation: () => store.getSetting(REFUSE_CREATION_SETTING) === 'true',
    accessHistory: (nir) => store.listAccess(nir),
    listDocuments(nir) {
      existing(nir);
      return store.documents.listEntries(nir).map((entry) => {
        const content = store.documents.getContent(entry.uniqueId);
        return {
          uniqueId: entry.uniqueId,
          entryUuid: entry.entryUuid,
          lid: entry.lid,
          version: entry.version,
          status: entry.status,
          title: entry.metadata.name,
          typeCode: entry.typeCode,
          authorId: entry.authorId,
          masked: entry.masked,
          invisiblePatient: entry.invisiblePatient,
          isSignature: entry.isSignature,
          hash: content?.hash,
          size: content?.size,
        };
      });
    },
    seedTrainingDocuments: () => seedTrainingDocuments(store, now()),
    reset(options = {}) {
      const at = now();
      store.transaction(() => {
        store.wipe();
        seedStore(store, at);
        if (options.documents === true) seedTrainingDocuments(store, at);
      });
    },
    setMaskedVisibleInEmergency(nir, allowed) {
      existing(nir);
      store.documents.setMaskedVisibleInEmergency(nir, allowed);
    },
    setStoredFaults: (faults) => store.setSetting(FAULTS_SETTING, JSON.stringify(faults)),
    storedFaults() {
      const stored = store.getSetting(FAULTS_SETTING);
      return stored === undefined ? {} : (JSON.parse(stored) as DmpFaults);
    },
  };
}
