import type { SimPerson } from './identities';

export interface TraitsRequest {
  readonly birthName: string | undefined;
  readonly firstNames: readonly string[];
  readonly sex: string | undefined;
  readonly birthDate: string | undefined;
  readonly birthPlace: string | undefined;
}

export interface VitaleRequest {
  readonly individualNir13: string | undefined;
  readonly holderNir13: string | undefined;
  readonly birthDate: string | undefined;
  readonly birthRank: number;
}

/**
 * A traits search matches when every trait sent agrees. The first names sent (joined by spaces)
 * must be the whole birth list, or one of its names alone.
 */
export function matchTraits(base: readonly SimPerson[], query: TraitsRequest): SimPerson[] {
  const sent = query.firstNames.join(' ').trim();
  return base.filter((person) => {
    if (query.birthName !== person.birthName || query.birthDate !== person.birthDate) return false;
    if (query.sex !== undefined && query.sex !== person.sex) return false;
    if (query.birthPlace !== undefined && query.birthPlace !== person.birthPlace) return false;
    return sent === person.firstNames.join(' ') || person.firstNames.includes(sent);
  });
}

/** A card search matches on the beneficiary's own NIR when sent, else on the holder's NIR and birth rank. */
export function matchVitale(base: readonly SimPerson[], query: VitaleRequest): SimPerson[] {
  return base.filter((person) => {
    if (query.birthDate !== person.birthDate) return false;
    if (query.individualNir13 !== undefined) {
      return [person.active, ...(person.history ?? [])].some((ins) => ins.nir13 === query.individualNir13);
    }
    const holder = person.vitale?.holderNir13 ?? person.active.nir13;
    const rank = person.vitale?.birthRank ?? 1;
    return holder === query.holderNir13 && rank === query.birthRank;
  });
}
