import { OID } from './namespaces';
import type { AccessMode, Actor, ActorColumn, PatientState } from './rights';
import type { DmpRecord, SimulatorStore } from './store/store';
import type { PurposeOfUse, VihfClaims } from './vihf';

const MODE_OF_PURPOSE: Readonly<Record<PurposeOfUse, AccessMode>> = {
  normal: 'normal',
  centre_15: 'regulation',
  bris_de_glace: 'bris_de_glace',
};

/**
 * Specialty codes (R01) taken as occupational medicine. Assumption [I]: the sources name no code;
 * the professional registry flag of the simulator is the reliable way to mark one.
 */
const OCCUPATIONAL_SPECIALTIES = new Set(['SM27']);
const MEDECIN = '10';

/** Who the caller is for the rights matrix, from the verified VIHF and the simulator's registry. */
export function classifyActor(claims: VihfClaims, store: SimulatorStore, dmp: DmpRecord | undefined): Actor {
  const mode = MODE_OF_PURPOSE[claims.purposeOfUse];
  const profession = claims.roles[0];
  const isPs = profession?.codeSystem === OID.professions;
  const subjectId = isPs && claims.authMode !== 'INDIRECTE' ? claims.nameId : claims.structureId;
  return { column: column(), mode, subjectId };

  function column(): ActorColumn {
    if (claims.authMode === 'INDIRECTE') return 'etablissement';
    const air = claims.authMode === 'INDIRECTE_RENFORCEE';
    if (!isPs) return air ? 'air_pe' : 'cpe';
    const specialty = claims.roles[1]?.code;
    const registered = store.getProfessional(claims.nameId);
    if (registered?.occupational === true || (specialty !== undefined && OCCUPATIONAL_SPECIALTIES.has(specialty))) {
      return 'medecin_du_travail';
    }
    if (profession.code !== MEDECIN) return air ? 'air_ps_non_medecin' : 'ps_non_medecin';
    // The MT column has no régulation mode: in centre 15 the MT acts as any médecin.
    if (dmp?.treatingDoctor === claims.nameId && mode !== 'regulation') {
      return air ? 'air_medecin_traitant' : 'medecin_traitant';
    }
    return air ? 'air_medecin' : 'medecin';
  }
}

export function patientState(store: SimulatorStore, dmp: DmpRecord | undefined, actor: Actor): PatientState {
  if (dmp === undefined) return { exists: false };
  const authorization = store.getAuthorization(dmp.nir, actor.subjectId);
  return {
    exists: true,
    closed: dmp.status === 'closed',
    attachedToMes: dmp.attachedToMes,
    oppositionBrisDeGlace: dmp.oppositionBrisDeGlace,
    oppositionUrgence: dmp.oppositionUrgence,
    authorization: authorization?.status ?? 'NONE',
  };
}
