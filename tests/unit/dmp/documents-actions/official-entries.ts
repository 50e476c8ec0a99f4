import { readFileSync } from 'node:fs';
import { parseEnvelope } from '../../../../main/soap';
import { RIM } from '../../../../main/dmp/xds';
import { childElements } from '../../../../main/xml';
import { vectorsPath } from '../../../support/vectors';

/** The 21 ExtrinsicObjects of the official TD3.1 response, as a real registry writes them (prefixed ns4:). */
export function officialEntries(): Element[] {
  const xml = readFileSync(vectorsPath('dmp-messages', 'TD3.1_-_Recherche_de_document_response.xml'), 'utf8');
  const payload = parseEnvelope(xml).payload;
  if (payload === undefined) throw new Error('no body');
  const list = childElements(payload, RIM, 'RegistryObjectList')[0];
  if (list === undefined) throw new Error('no RegistryObjectList');
  return childElements(list, RIM, 'ExtrinsicObject');
}
