import authorSpecialties from '../../resources/value-sets/jdv-j01-author-specialty.json';

/** CI-SIS profession / savoir-faire codes (TRE_G15 + R01 pairs, as `G15_10/SM26`). */
const PROFESSION_SYSTEM = '1.2.250.1.213.1.1.4.5';

/**
 * Labels of the profession-speciality codes (JDV_J01, the DMP's authorSpecialty value set, as the
 * ANS file packaged in resources/value-sets carries it). TD1.6 answers the label next to the code
 * (`libSpeciality`), as the official answer does ("Médecin - Qualifié en Médecine générale (SM)").
 */
const LABELS: ReadonlyMap<string, string> = new Map(
  (authorSpecialties.concepts as readonly (readonly string[])[]).flatMap(([code, system, label]) =>
    code !== undefined && label !== undefined && system === PROFESSION_SYSTEM ? [[code, label] as const] : [],
  ),
);

export function specialityLabel(code: string): string | undefined {
  return LABELS.get(code);
}
