import type { IdentityTraits } from '../../../shared/domain/identity';
import type { TraitsQuery } from './request';

/**
 * Which INSi traits searches to try, in order. The national base may hold only some of the
 * birth first names, so each is tried alone, then the full list. "Several identities" (02)
 * can only be narrowed: go straight to the full list, then the full list with the birthplace.
 * The first 00 (or any error) ends the search.
 */
export interface SearchPlan {
  /** The next query given the previous answer (undefined for the first); undefined when done. */
  next(previous: '01' | '02' | undefined): TraitsQuery | undefined;
}

export function searchPlan(traits: IdentityTraits): SearchPlan {
  const base = { birthName: traits.birthName, sex: traits.sex, birthDate: traits.birthDate };
  const fullList = traits.firstNames.join(' ');
  const single = traits.firstNames.map((name): TraitsQuery => ({ ...base, firstNames: [name] }));
  const full: TraitsQuery = { ...base, firstNames: [fullList] };
  const withPlace: TraitsQuery | undefined =
    traits.birthPlace === undefined ? undefined : { ...base, firstNames: [fullList], birthPlace: traits.birthPlace };

  let queue: TraitsQuery[] = traits.firstNames.length > 1 ? [...single, full] : [...single];
  const sent = new Set<string>();
  const keyOf = (q: TraitsQuery): string => `${q.firstNames.join('|')}#${q.birthPlace ?? ''}`;

  return {
    next(previous) {
      if (previous === '02') {
        queue = [full, ...(withPlace === undefined ? [] : [withPlace])];
      }
      for (let query = queue.shift(); query !== undefined; query = queue.shift()) {
        if (sent.has(keyOf(query))) continue;
        sent.add(keyOf(query));
        return query;
      }
      return undefined;
    },
  };
}
