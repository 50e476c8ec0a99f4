import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReceivedCda } from '../../main/dmp/cda/received';
import { readableCda } from '../../main/dmp/cda/readable';
import { ReadableCdaSchema } from '../../shared/api/readable-cda';
import { isAppError } from '../../shared/errors';
import { vectorsPath } from '../support/vectors';
import { fuzz, mutateText, pick } from './support/fuzz';

/** The official example CDAs (structured and level 1). */
function officialCdas(): string[] {
  return readdirSync(vectorsPath('cda', 'examples'))
    .filter((name) => name.endsWith('.xml'))
    .map((name) => readFileSync(vectorsPath('cda', 'examples', name), 'utf8'));
}

/**
 * What the app does with a received document: find the ClinicalDocument, and for a structured one
 * (level 3) make it readable and check the contract; a level 1 body is shown by its own viewer.
 */
function open(text: string): string {
  const root = parseReceivedCda(Buffer.from(text, 'utf8'));
  if (root.getElementsByTagNameNS('urn:hl7-org:v3', 'nonXMLBody').length > 0) return 'level 1';
  const readable = readableCda(root);
  // Whatever the input, what crosses to the renderer is what the contract allows.
  expect(ReadableCdaSchema.safeParse(readable).success).toBe(true);
  return 'opened';
}

describe('received CDAs under fuzzing', () => {
  const cdas = officialCdas();

  it('opens every official example (the seeds are valid)', () => {
    for (const cda of cdas) expect(['opened', 'level 1']).toContain(open(cda));
  });

  it('answers mutated official CDAs with typed errors only, within budget and bounded memory', async (context) => {
    await fuzz(context, {
      boundary: 'received CDA',
      budgetMs: 4_000,
      run: (random) => {
        try {
          return open(mutateText(pick(random, cdas), random, cdas));
        } catch (error) {
          if (isAppError(error)) return error.code;
          throw error;
        }
      },
    });
  });
});
