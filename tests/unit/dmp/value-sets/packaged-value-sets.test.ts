import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  depositTypeOffers,
  loadAtStart,
  loadDepositValueSets,
  PACKAGED_VALUE_SETS,
  valueSetsDir,
} from '../../../../main/dmp/value-sets';
import { classCodeFor } from '../../../../main/dmp/xds/class-codes';
import { DepositTypeOfferSchema } from '../../../../shared/api/documents';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

const PACKAGED = resolve('resources', 'value-sets');
const LOINC = '2.16.840.1.113883.6.1';
const tempDir = useTempDir();

describe('packaged DMP value sets', () => {
  it('load from resources/value-sets with the codes a deposit needs', () => {
    const sets = loadDepositValueSets(PACKAGED);
    expect(sets.typeCode.id).toBe('1.2.250.1.213.1.1.5.471');
    expect(sets.typeCode.has('11488-4', LOINC)).toBe(true);
    expect(sets.typeCode.has('11488-4', '1.2.250.1.213.1.1.4.12')).toBe(false);
    expect(sets.healthcareFacilityTypeCode.has('SA07', '1.2.250.1.71.4.2.4')).toBe(true);
    expect(sets.practiceSettingCode.has('AMBULATOIRE', '1.2.250.1.213.1.1.4.9')).toBe(true);
    expect(sets.authorSpecialty?.has('G15_10/SM26', '1.2.250.1.213.1.1.4.5')).toBe(true);
    expect(sets.typeCode.lookup('11488-4')?.displayName).toBe('CR ou fiche de consultation ou de visite');
  });

  it('a missing table is VALUE_SETS_UNAVAILABLE naming the file', async () => {
    const dir = await tempDir();
    expect(() => loadDepositValueSets(dir)).toThrow(
      expect.objectContaining({
        code: 'VALUE_SETS_UNAVAILABLE',
        details: { file: PACKAGED_VALUE_SETS.typeCode.file, reason: 'missing' },
      }),
    );
  });

  it.each([
    ['not_json', '{"id": "1.2.3", '],
    ['invalid', JSON.stringify({ id: '1.2.3', name: 'x', revisionDate: '', concepts: [] })],
    ['invalid', JSON.stringify({ id: '1.2.3', name: 'x', revisionDate: '', concepts: [['A', 'B', 'C']], extra: 1 })],
    ['invalid', JSON.stringify({ id: 'not an oid', name: 'x', revisionDate: '', concepts: [['A', 'B', 'C']] })],
  ])('a corrupt table is VALUE_SETS_UNAVAILABLE (%s)', async (reason, text) => {
    const dir = await tempDir();
    for (const { file } of Object.values(PACKAGED_VALUE_SETS)) writeFileSync(join(dir, file), text);
    expect(() => loadDepositValueSets(dir)).toThrow(
      expect.objectContaining({
        code: 'VALUE_SETS_UNAVAILABLE',
        details: { file: PACKAGED_VALUE_SETS.typeCode.file, reason },
      }),
    );
  });

  it('missing at start: said once in the log, then each use throws the typed error', async () => {
    const log = memoryLogger();
    const dir = await tempDir();
    const sets = loadAtStart(dir, log.logger);
    expect(log.text()).toContain('value-sets.unavailable');
    expect(log.text()).toContain(PACKAGED_VALUE_SETS.typeCode.file);
    expect(() => sets()).toThrow(expect.objectContaining({ code: 'VALUE_SETS_UNAVAILABLE' }));
    const loaded = loadAtStart(PACKAGED, log.logger);
    expect(loaded().typeCode.concepts.length).toBeGreaterThan(100);
  });

  it('are found in the installed resources first, else in the sources', async () => {
    const resources = await tempDir();
    const cwd = await tempDir();
    expect(valueSetsDir({ resourcesPath: resources, cwd })).toBe(join(cwd, 'resources', 'value-sets'));
    mkdirSync(join(resources, 'value-sets'));
    expect(valueSetsDir({ resourcesPath: resources, cwd })).toBe(join(resources, 'value-sets'));
    expect(valueSetsDir({ resourcesPath: undefined, cwd })).toBe(join(cwd, 'resources', 'value-sets'));
  });
});

describe('deposit types offered', () => {
  const offers = depositTypeOffers(loadDepositValueSets(PACKAGED).typeCode);

  it('puts the common types first, in their order, then the rest by name', () => {
    const common = offers.filter((o) => o.common).map((o) => o.code);
    expect(common.slice(0, 3)).toEqual(['11488-4', '34133-9', '57833-6']);
    expect(offers.findIndex((o) => !o.common)).toBe(common.length);
    const rest = offers.filter((o) => !o.common).map((o) => o.displayName);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'fr')));
  });

  it('offers only JDV_J07 types that map to a class, once each, as the contract types them', () => {
    expect(offers.length).toBeGreaterThan(common(offers));
    const keys = offers.map((o) => `${o.codeSystem}|${o.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const offer of offers) {
      expect(classCodeFor(offer)).toBeDefined();
      expect(DepositTypeOfferSchema.safeParse(offer).success).toBe(true);
    }
    // In J07 but without a class mapping: not offered rather than filed under a guessed class.
    expect(keys).not.toContain('1.2.250.1.213.1.1.4.12|ATTEST-RESID');
  });
});

const common = (offers: readonly { common: boolean }[]): number => offers.filter((o) => o.common).length;
