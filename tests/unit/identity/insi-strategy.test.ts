import { describe, expect, it } from 'vitest';
import type { TraitsQuery } from '../../../main/identity/insi/request';
import { searchPlan } from '../../../main/identity/insi/strategy';
import type { IdentityTraits } from '../../../shared/domain/identity';

const traits: IdentityTraits = {
  birthName: 'HOMONYME',
  firstNames: ['CAMILLE', 'LOUISE'],
  sex: 'F',
  birthDate: '1990-05-12',
  birthPlace: '75056',
};

/** Runs the plan against scripted answers; returns what was sent, in the wire's terms. */
function run(t: IdentityTraits, answers: ('01' | '02')[]): string[] {
  const plan = searchPlan(t);
  const sent: string[] = [];
  let previous: '01' | '02' | undefined;
  for (let q: TraitsQuery | undefined = plan.next(undefined); q !== undefined; q = plan.next(previous)) {
    sent.push(`${q.firstNames.join('|')}${q.birthPlace === undefined ? '' : `@${q.birthPlace}`}`);
    previous = answers[sent.length - 1] ?? '01';
  }
  return sent;
}

describe('INSi first-name strategy', () => {
  it('tries each first name alone then the full list, without the birthplace, on 01', () => {
    expect(run(traits, ['01', '01', '01'])).toEqual(['CAMILLE', 'LOUISE', 'CAMILLE LOUISE']);
  });

  it('on 02 goes to the full list, then adds the birthplace', () => {
    expect(run(traits, ['02', '02', '02'])).toEqual(['CAMILLE', 'CAMILLE LOUISE', 'CAMILLE LOUISE@75056']);
  });

  it('does not repeat a query already sent', () => {
    expect(run(traits, ['01', '01', '02'])).toEqual(['CAMILLE', 'LOUISE', 'CAMILLE LOUISE', 'CAMILLE LOUISE@75056']);
  });

  it('sends one query for one first name, and stops on 02 without a birthplace', () => {
    const one = { ...traits, firstNames: ['ALEX'], birthPlace: undefined };
    expect(run(one, ['01'])).toEqual(['ALEX']);
    expect(run(one, ['02'])).toEqual(['ALEX']);
    expect(run({ ...one, birthPlace: '13055' }, ['02'])).toEqual(['ALEX', 'ALEX@13055']);
  });
});
