import { describe, expect, it } from 'vitest';
import { applyEnvOverrides, ENV_OVERRIDES } from '../../../main/config/env-overrides';
import { DeskConfigFileSchema } from '../../../main/config/schema';

describe('DMP_DESK_* overrides', () => {
  it('sets the named fields on a copy, creating the sections they need, and lists what it applied', () => {
    const file = { dmp: { url: 'https://a.test' }, logLevel: 'info' };
    const result = applyEnvOverrides(file, {
      DMP_DESK_DMP_URL: 'https://b.test',
      DMP_DESK_PROXY_URL: 'http://proxy.test:3128',
      DMP_DESK_DMP_TIMEOUT_MS: ' 12000 ',
      DMP_DESK_LOG_LEVEL: '',
      UNRELATED: 'x',
    });
    expect(result.raw).toEqual({
      dmp: { url: 'https://b.test', timeoutMs: 12000 },
      proxy: { url: 'http://proxy.test:3128' },
      logLevel: 'info',
    });
    expect(result.applied).toEqual(['DMP_DESK_DMP_URL', 'DMP_DESK_DMP_TIMEOUT_MS', 'DMP_DESK_PROXY_URL']);
    expect(result.problems).toEqual([]);
    expect(file).toEqual({ dmp: { url: 'https://a.test' }, logLevel: 'info' });
  });

  it('reports a non-numeric timeout as a problem of the variable, and leaves the field alone', () => {
    const result = applyEnvOverrides(
      { insi: { url: 'https://i.test', timeoutMs: 5000 } },
      { DMP_DESK_INSI_TIMEOUT_MS: '5s' },
    );
    expect(result.raw).toEqual({ insi: { url: 'https://i.test', timeoutMs: 5000 } });
    expect(result.problems).toEqual([
      {
        code: 'CONFIG_ENV_INVALID',
        path: 'env:DMP_DESK_INSI_TIMEOUT_MS',
        messageKey: 'errors.configEnvInvalid',
        params: { field: 'insi.timeoutMs' },
      },
    ]);
  });

  it('leaves anything but an object to the schema', () => {
    expect(applyEnvOverrides([1], { DMP_DESK_DMP_URL: 'https://b.test' })).toEqual({
      raw: [1],
      applied: [],
      problems: [],
    });
  });

  it('only names fields the schema has: each override, applied to a valid file, keeps it valid', () => {
    const valid = {
      dmp: { url: 'https://dmp.example.test' },
      insi: { url: 'https://insi.example.test' },
      structure: { finess: '10B0127189', name: 'X', activitySector: 'SA07', vihfStructureId: '110B0127189' },
      software: { homologationId: 'H', senderOid: '1.2.3' },
      authentication: { mode: 'cps', tlsCertificate: { pkcs12: 'a.p12', passwordSecret: 'A' } },
      trustAnchors: { caFile: 'ca.pem' },
    };
    const samples: Record<string, string> = {
      DMP_DESK_DMP_URL: 'https://dmp.test',
      DMP_DESK_DMP_TIMEOUT_MS: '5000',
      DMP_DESK_INSI_URL: 'https://insi.test',
      DMP_DESK_INSI_TIMEOUT_MS: '5000',
      DMP_DESK_PROXY_URL: 'http://proxy.test:3128',
      DMP_DESK_CA_FILE: 'other.pem',
      DMP_DESK_AUTH_MODE: 'cps',
      DMP_DESK_LOG_LEVEL: 'debug',
    };
    expect(ENV_OVERRIDES.map((o) => o.name).sort()).toEqual(Object.keys(samples).sort());
    for (const override of ENV_OVERRIDES) {
      expect(override.name).not.toMatch(/SECRET|PASSWORD/);
      const { raw, applied } = applyEnvOverrides(valid, { [override.name]: samples[override.name] });
      expect(applied).toEqual([override.name]);
      expect(DeskConfigFileSchema.safeParse(raw).success, override.name).toBe(true);
    }
  });
});
