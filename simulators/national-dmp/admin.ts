import type { DmpFaults } from './faults';
import type { AccessRecord, AuthorizationRecord, DmpRecord, SimulatorStore } from './store/store';

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
    setStoredFaults: (faults) => store.setSetting(FAULTS_SETTING, JSON.stringify(faults)),
    storedFaults() {
      const stored = store.getSetting(FAULTS_SETTING);
      return stored === undefined ? {} : (JSON.parse(stored) as DmpFaults);
    },
  };
}
