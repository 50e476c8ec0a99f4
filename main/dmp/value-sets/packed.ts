import { z } from 'zod';
import { parseValueSet } from '../xds/value-sets';
import { parseXmlSafely, selectElements } from '../../xml';

/**
 * One value set as the desk ships it: the SVS concepts and the version the ANS published, nothing
 * else. Concepts are `[code, codeSystem, displayName]` triples: a tenth of the SVS XML.
 */
export const PackedValueSetSchema = z
  .object({
    id: z.string().regex(/^[0-2](\.[0-9]+)+$/),
    name: z.string().min(1),
    /** The ANS `revisionDate` of the source file: which edition the desk checks against. */
    revisionDate: z.string(),
    concepts: z.array(z.tuple([z.string().min(1), z.string().min(1), z.string()])).min(1),
  })
  .strict();
export type PackedValueSet = z.infer<typeof PackedValueSetSchema>;

const SVS = 'urn:ihe:iti:svs:2008';

/** Packs one ANS SVS file (RetrieveValueSetResponse); hostile XML is refused by the safe parser. */
export function packValueSet(xml: string): PackedValueSet {
  const parsed = parseValueSet(xml);
  const root = parseXmlSafely(xml).documentElement as unknown as Element;
  const valueSet = selectElements(root, `//*[local-name()='ValueSet' and namespace-uri()='${SVS}']`)[0];
  return {
    id: parsed.id,
    name: parsed.name.replace(/\.tabs$/, ''),
    revisionDate: valueSet?.getAttribute('revisionDate') ?? '',
    concepts: parsed.concepts.map((c) => [c.code, c.codeSystem, c.displayName]),
  };
}
