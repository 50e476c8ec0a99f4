import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfiguration, type LoadConfigurationOptions } from '../../../main/config/load';
import { createEnvSecretSource } from '../../../main/config/secrets';
import { validFor, writePkcs12, type PemPair } from '../../support/pkcs12-fixtures';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-config-');
const NOW = new Date('2026-12-05T09:00:00Z');
const AUTH_PASSWORD = 'auth-p12-password';
const SIGN_PASSWORD = 'sign-p12-password';
let valid: PemPair;

beforeAll(async () => {
  valid = await validFor('ORG-AUTH_CLI 10B0127189', 700, NOW);
});

const FILE = {
  $schema: './config.schema.json',
  dmp: { url: 'https://dmp.example.test/si-dmp-server/v2/services', timeoutMs: 20_000 },
  insi: { url: 'https://insi.example.test/insi', idam: 'IDAM-TEST' },
  structure: {
    finess: '10B0127189',
    name: 'CENTRE DE SANTE RPPS12718',
    activitySector: 'SA07',
    vihfStructureId: '110B0127189',
  },
  software: { homologationId: 'HOMOLOG-42', senderOid: '1.2.250.1.999.1' },
  authentication: {
    mode: 'establishment',
    tlsCertificate: { pkcs12: 'certs/auth.p12', passwordSecret: 'AUTH_P12' },
    signatureCertificate: { pkcs12: 'certs/sign.p12', passwordSecret: 'SIGN_P12' },
  },
  trustAnchors: { caFile: 'ca.pem' },
  proxy: { url: 'http://proxy.clinic.test:3128' },
  logLevel: 'warn',
};

/** A configuration folder as IT lays it out: the file, its CA file and the two PKCS#12 beside it. */
async function deskFolder(options: { file?: unknown; auth?: PemPair; sign?: PemPair } = {}): Promise<string> {
  const dir = await tempDir();
  const certs = join(dir, 'certs');
  await mkdir(certs);
  await writePkcs12(certs, 'auth', options.auth ?? valid, AUTH_PASSWORD);
  await writePkcs12(certs, 'sign', options.sign ?? valid, SIGN_PASSWORD);
  await writeFile(join(dir, 'ca.pem'), valid.certPem);
  await writeFile(join(dir, 'config.json'), JSON.stringify(options.file ?? FILE, null, 2));
  return dir;
}

function options(dir: string, extra: Partial<LoadConfigurationOptions> & { secretEnv?: Record<string, string> } = {}) {
  const { secretEnv, ...rest } = extra;
  return {
    argv: ['--config', join(dir, 'config.json')],
    env: {},
    platform: 'linux' as const,
    cwd: dir,
    secrets: createEnvSecretSource(
      secretEnv ?? { DMP_DESK_SECRET_AUTH_P12: AUTH_PASSWORD, DMP_DESK_SECRET_SIGN_P12: SIGN_PASSWORD },
    ),
    appVersion: '1.2.3',
    now: () => NOW,
    ...rest,
  };
}

describe('loadConfiguration', () => {
  it('turns a valid file and its certificates into the services configuration and a summary without secrets', async () => {
    const dir = await deskFolder();
    const loaded = await loadConfiguration(options(dir));

    expect(loaded.report.problems).toEqual([]);
    expect(loaded.report.state).toBe('ok');
    expect(loaded.report.source).toEqual({ kind: 'flag', path: join(dir, 'config.json'), overrides: [] });
    expect(loaded.logLevel).toBe('warn');
    const dmp = loaded.national.dmp;
    expect(dmp?.baseUrl).toBe(FILE.dmp.url);
    expect(dmp?.authMode).toBe('INDIRECTE_RENFORCEE');
    expect(dmp?.establishmentSigner).toBeDefined();
    expect(dmp?.structure).toEqual({ id: '110B0127189', activitySector: 'SA07', name: 'CENTRE DE SANTE RPPS12718' });
    expect(dmp?.software).toEqual({
      name: 'DMP Desk',
      version: '1.2.3',
      homologationId: 'HOMOLOG-42',
      senderOid: '1.2.250.1.999.1',
    });
    expect(dmp?.timeoutMs).toBe(20_000);
    expect(dmp?.proxy).toEqual({ url: 'http://proxy.clinic.test:3128' });
    expect(dmp?.tls.certPem).toContain('BEGIN CERTIFICATE');
    expect(dmp?.tls.keyPem).toContain('BEGIN PRIVATE KEY');
    expect(dmp?.tls.caPem).toBe(valid.certPem);
    const insi = loaded.national.insi;
    expect(insi?.url).toBe(FILE.insi.url);
    expect(insi?.emitter).toBe('10B0127189');
    expect(insi?.lps).toEqual({ idam: 'IDAM-TEST', version: '1.2.3', instance: 'dmp-desk', name: 'DMPDESK' });
    expect(insi?.proxy).toEqual({ url: 'http://proxy.clinic.test:3128' });
    expect(insi?.tls).toBe(dmp?.tls);

    expect(loaded.report.summary).toEqual({
      dmpUrl: FILE.dmp.url,
      insiUrl: FILE.insi.url,
      structure: FILE.structure,
      authMode: 'establishment',
      homologationId: 'HOMOLOG-42',
      proxyHost: 'proxy.clinic.test:3128',
      timeouts: { dmpMs: 20_000 },
      logLevel: 'warn',
    });
    expect(loaded.report.certificates.map((c) => [c.role, c.subject, c.warning, c.expired])).toEqual([
      ['tls', 'CN=ORG-AUTH_CLI 10B0127189, O=CENTRE DE SANTE TEST, C=FR', false, false],
      ['signature', 'CN=ORG-AUTH_CLI 10B0127189, O=CENTRE DE SANTE TEST, C=FR', false, false],
    ]);
    const text = JSON.stringify(loaded.report);
    for (const secret of [AUTH_PASSWORD, SIGN_PASSWORD, 'AUTH_P12', 'PRIVATE KEY']) expect(text).not.toContain(secret);
  });

  it('keeps the store key in the OS keystore unless IT enables the passphrase mode, and the cache 7 days unless told', async () => {
    expect((await loadConfiguration(options(await deskFolder()))).storeKeyProtection).toBe('os-keystore');
    const passphrase = { ...FILE, localStore: { keyProtection: 'passphrase' } };
    expect((await loadConfiguration(options(await deskFolder({ file: passphrase })))).storeKeyProtection).toBe(
      'passphrase',
    );
    const invalid = { ...passphrase, logLevel: 'loud' };
    const loaded = await loadConfiguration(options(await deskFolder({ file: invalid })));
    expect(loaded.report.state).toBe('invalid');
    expect(loaded.storeKeyProtection).toBe('os-keystore');
    expect((await loadConfiguration(options(await deskFolder()))).cacheRetentionDays).toBe(7);
    const longer = { ...FILE, localStore: { cacheRetentionDays: 30 } };
    expect((await loadConfiguration(options(await deskFolder({ file: longer })))).cacheRetentionDays).toBe(30);
    const forever = { ...FILE, localStore: { cacheRetentionDays: 0 } };
    const refusedRetention = await loadConfiguration(options(await deskFolder({ file: forever })));
    expect(refusedRetention.report.problems.map((problem) => problem.messageKey)).toContain(
      'config.problems.retentionDays',
    );
    const unknown = { ...FILE, localStore: { keyProtection: 'clear' } };
    const refused = await loadConfiguration(options(await deskFolder({ file: unknown })));
    expect(refused.report.problems.map((problem) => problem.messageKey)).toContain('config.problems.keyProtection');
  });

  it('uses DIRECTE and no establishment signer in cps mode', async () => {
    const file = {
      ...FILE,
      authentication: { mode: 'cps', tlsCertificate: FILE.authentication.tlsCertificate },
    };
    const loaded = await loadConfiguration(options(await deskFolder({ file })));
    expect(loaded.report.state).toBe('ok');
    expect(loaded.national.dmp?.authMode).toBe('DIRECTE');
    expect(loaded.national.dmp?.establishmentSigner).toBeUndefined();
    expect(loaded.report.certificates.map((c) => c.role)).toEqual(['tls']);
  });

  it('reports a missing file, an unreadable one and one that is not JSON, with its path', async () => {
    const dir = await tempDir();
    const missing = await loadConfiguration(options(dir));
    expect(missing.report.state).toBe('invalid');
    expect(missing.national).toEqual({});
    expect(missing.report.problems).toEqual([
      {
        code: 'CONFIG_NOT_FOUND',
        path: '',
        messageKey: 'errors.configNotFound',
        params: { file: join(dir, 'config.json') },
      },
    ]);
    await writeFile(join(dir, 'config.json'), '{ "dmp": ');
    expect((await loadConfiguration(options(dir))).report.problems.map((p) => p.code)).toEqual(['CONFIG_NOT_JSON']);
    const asFolder = await loadConfiguration(options(dir, { argv: ['--config', dir] }));
    expect(asFolder.report.problems.map((p) => p.code)).toEqual(['CONFIG_UNREADABLE']);
  });

  it('lists every field problem at once, each with its path and its own sentence', async () => {
    const file = {
      ...FILE,
      dmp: { url: 'http://dmp.example.test' },
      structure: { ...FILE.structure, finess: '12', activitySector: undefined },
      software: { ...FILE.software, senderOid: 'not-an-oid' },
      authentication: { mode: 'establishment', tlsCertificate: FILE.authentication.tlsCertificate },
      proxy: { url: 'https://proxy.clinic.test' },
      logLevel: 'verbose',
      typo: true,
    };
    const loaded = await loadConfiguration(options(await deskFolder({ file })));
    expect(loaded.report.state).toBe('invalid');
    expect(loaded.national).toEqual({});
    const problems = loaded.report.problems.map((p) => [p.code, p.path, p.messageKey]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['CONFIG_FIELD_INVALID', 'dmp.url', 'config.problems.httpsUrl'],
        ['CONFIG_FIELD_INVALID', 'structure.finess', 'config.problems.finess'],
        ['CONFIG_FIELD_MISSING', 'structure.activitySector', 'errors.configFieldMissing'],
        ['CONFIG_FIELD_INVALID', 'software.senderOid', 'config.problems.oid'],
        ['CONFIG_FIELD_INVALID', 'proxy.url', 'config.problems.proxyUrl'],
        ['CONFIG_FIELD_INVALID', 'logLevel', 'config.problems.logLevel'],
        ['CONFIG_FIELD_UNKNOWN', 'typo', 'errors.configFieldUnknown'],
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('requires the signature certificate in establishment mode and the TLS one for the national services', async () => {
    const file = { ...FILE, authentication: { mode: 'establishment' } };
    const loaded = await loadConfiguration(options(await deskFolder({ file })));
    expect(loaded.report.problems.map((p) => [p.path, p.messageKey])).toEqual([
      ['authentication.tlsCertificate', 'config.problems.tlsCertificateRequired'],
      ['authentication.signatureCertificate', 'config.problems.signatureCertificateRequired'],
    ]);
  });

  it('reports a wrong password, a missing secret and a file that is not PKCS#12, naming the secret, never its value', async () => {
    const dir = await deskFolder();
    await writeFile(join(dir, 'certs', 'sign.p12'), valid.certPem);
    const loaded = await loadConfiguration(options(dir, { secretEnv: { DMP_DESK_SECRET_AUTH_P12: 'wrong password' } }));
    expect(loaded.report.state).toBe('invalid');
    expect(loaded.report.problems).toEqual([
      {
        code: 'CERT_WRONG_PASSWORD',
        path: 'authentication.tlsCertificate.pkcs12',
        messageKey: 'errors.certWrongPassword',
        params: { file: 'certs/auth.p12' },
      },
      {
        code: 'CONFIG_SECRET_MISSING',
        path: 'authentication.signatureCertificate.passwordSecret',
        messageKey: 'errors.configSecretMissing',
        params: { name: 'SIGN_P12' },
      },
    ]);
    const withSecret = await loadConfiguration(options(dir));
    expect(withSecret.report.problems.map((p) => [p.code, p.path])).toEqual([
      ['CERT_NOT_PKCS12', 'authentication.signatureCertificate.pkcs12'],
    ]);
    expect(JSON.stringify(loaded.report)).not.toContain('wrong password');
  });

  it('reports a missing PKCS#12 file and an unreadable CA file', async () => {
    const dir = await deskFolder({
      file: { ...FILE, trustAnchors: { caFile: 'nowhere.pem' } },
    });
    await writeFile(join(dir, 'certs', 'auth.p12'), '');
    await rm(join(dir, 'certs', 'sign.p12'));
    const loaded = await loadConfiguration(options(dir));
    expect(loaded.report.problems.map((p) => [p.code, p.path])).toEqual([
      ['CONFIG_FILE_UNREADABLE', 'trustAnchors.caFile'],
      ['CERT_NOT_PKCS12', 'authentication.tlsCertificate.pkcs12'],
      ['CONFIG_FILE_UNREADABLE', 'authentication.signatureCertificate.pkcs12'],
    ]);
    await writeFile(join(dir, 'nowhere.pem'), 'not a certificate');
    const badCa = await loadConfiguration(options(dir));
    expect(badCa.report.problems[0]?.code).toBe('CONFIG_CA_INVALID');
  });

  it('refuses an expired certificate and warns, without refusing, for one that ends in less than 60 days', async () => {
    const expired = await validFor('ORG-SIGN EXPIRED', -3, NOW);
    const soon = await validFor('ORG-AUTH_CLI SOON', 45, NOW);
    const loaded = await loadConfiguration(options(await deskFolder({ auth: soon, sign: expired })));
    expect(loaded.report.state).toBe('invalid');
    expect(loaded.report.problems.map((p) => [p.code, p.path])).toEqual([
      ['CERT_EXPIRED', 'authentication.signatureCertificate.pkcs12'],
    ]);
    expect(loaded.report.problems[0]?.params).toEqual({ date: '2026-12-02' });
    const [tls, signature] = loaded.report.certificates;
    expect(tls).toMatchObject({ role: 'tls', daysLeft: 45, warning: true, expired: false });
    expect(signature).toMatchObject({ role: 'signature', warning: false, expired: true });

    const onlySoon = await loadConfiguration(options(await deskFolder({ auth: soon, sign: soon })));
    expect(onlySoon.report.state).toBe('ok');
    expect(onlySoon.report.certificates.every((c) => c.warning)).toBe(true);
  });

  it('applies DMP_DESK_* overrides over the file and says which', async () => {
    const dir = await deskFolder();
    const loaded = await loadConfiguration(
      options(dir, {
        env: { DMP_DESK_DMP_URL: 'https://other-dmp.example.test', DMP_DESK_INSI_TIMEOUT_MS: '9000' },
      }),
    );
    expect(loaded.report.state).toBe('ok');
    expect(loaded.national.dmp?.baseUrl).toBe('https://other-dmp.example.test');
    expect(loaded.national.insi?.timeoutMs).toBe(9000);
    expect(loaded.report.source.overrides).toEqual(['DMP_DESK_DMP_URL', 'DMP_DESK_INSI_TIMEOUT_MS']);
    const bad = await loadConfiguration(options(dir, { env: { DMP_DESK_DMP_URL: 'ftp://nope' } }));
    expect(bad.report.problems.map((p) => [p.code, p.path])).toEqual([['CONFIG_FIELD_INVALID', 'dmp.url']]);
  });

  it('finds the file through DMP_DESK_CONFIG when no --config is given', async () => {
    const dir = await deskFolder();
    const loaded = await loadConfiguration(
      options(dir, { argv: [], env: { DMP_DESK_CONFIG: join(dir, 'config.json') } }),
    );
    expect(loaded.report.source.kind).toBe('env');
    expect(loaded.report.state).toBe('ok');
  });
});
