import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  depositTypeOffers,
  loadDepositValueSets,
  PACKAGED_VALUE_SETS,
  VALUE_SET_SOURCE_DIR,
} from '../../../main/dmp/value-sets';
import { parseValueSet } from '../../../main/dmp/xds/value-sets';
import { vectorsPath } from '../../support/vectors';
import { median, round, type BenchResult } from '../types';

const RUNS = 30;

/**
 * What the packaged value sets cost main at start (read, JSON, zod, lookup maps) against parsing
 * the same four ANS SVS files as XML, which is what the desk would do without packing them; and
 * the `documents.depositTypes` answer built from the loaded J07.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = resolve('resources', 'value-sets');
  const sources = Object.values(PACKAGED_VALUE_SETS).map(({ source }) => vectorsPath(...VALUE_SET_SOURCE_DIR, source));
  const loadTimes: number[] = [];
  const xmlTimes: number[] = [];
  const offerTimes: number[] = [];
  let offers = 0;
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    const sets = loadDepositValueSets(dir);
    loadTimes.push(performance.now() - started);
    started = performance.now();
    for (const file of sources) parseValueSet(readFileSync(file, 'utf8'));
    xmlTimes.push(performance.now() - started);
    started = performance.now();
    offers = depositTypeOffers(sets.typeCode).length;
    offerTimes.push(performance.now() - started);
  }
  const load = median(loadTimes);
  const xml = median(xmlTimes);
  return [
    {
      name: 'value-sets: load the 4 packaged DMP value sets at start (read + JSON + zod + maps)',
      unit: 'ms',
      median: round(load, 3),
      samples: RUNS,
      baseline: round(xml, 3),
      ratio: round(load / xml, 4),
      extra: { baselineIs: 'parse the same 4 ANS SVS XML files' },
    },
    {
      name: 'value-sets: documents.depositTypes offer from JDV_J07',
      unit: 'ms',
      median: round(median(offerTimes), 3),
      samples: RUNS,
      extra: { offers },
    },
  ];
}
