import type { DmpPatientRef } from '../../../../shared/api';

/** What the DMP panel needs to know about the patient at the desk: the INS, and the traits creation needs. */
export interface DmpPanelPatient {
  readonly ins: DmpPatientRef;
  readonly name?: { readonly family: string; readonly given: string } | undefined;
  readonly sex?: 'M' | 'F' | undefined;
  /** `YYYY-MM-DD`. */
  readonly birthDate?: string | undefined;
}

/** Identity traits and the active INS (INSi answer) -> the DMP panel's patient. Lunar dates are kept as given. */
export function dmpPatientFromInsi(insi: {
  readonly active: { readonly nir13: string; readonly key: string; readonly oid: string };
  readonly traits: {
    readonly birthName: string;
    readonly firstNames: readonly string[];
    readonly sex?: 'M' | 'F' | undefined;
    readonly birthDate: string;
  };
}): DmpPanelPatient {
  const given = insi.traits.firstNames[0];
  return {
    ins: { matricule: `${insi.active.nir13}${insi.active.key}`, oid: insi.active.oid },
    name: given === undefined ? undefined : { family: insi.traits.birthName, given },
    sex: insi.traits.sex,
    birthDate: insi.traits.birthDate,
  };
}
