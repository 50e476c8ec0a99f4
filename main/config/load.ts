import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type {
  CertificateStatus,
  ConfigProblem,
  ConfigSource,
  ConfigSummary,
  ConfigurationReport,
} from '../../shared/api';
import { isAppError } from '../../shared/errors';
import { createSoftwareSigner } from '../crypto/software-signer';
import type { InsiConfig } from '../identity/wiring';
import type { LogLevel } from '../log/logger';
import type { TlsCredentials } from '../soap';
import { certificateStatus } from './certificates';
import { applyEnvOverrides } from './env-overrides';
import { configFlag, locateConfig } from './locations';
import { readPkcs12, type Pkcs12Credential } from './pkcs12';
import { configProblem, problemsFromIssues } from './problems';
import type { DmpEndpointConfig, NationalServicesConfig } from './runtime';
import { DEFAULT_CACHE_RETENTION_DAYS } from '../store/retention';
import {
  DeskConfigFileSchema,
  type DeskConfigFile,
  type Pkcs12Ref,
  type StoreKeyProtection,
  type UpdateServerConfig,
} from './schema';
import type { SecretSource } from './secrets';

export interface LoadConfigurationOptions {
  /** Process arguments (`--config FILE`). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly cwd: string;
  /** Where the PKCS#12 passwords come from: the keystore-backed store, or the harness's environment. */
  readonly secrets: SecretSource;
  readonly appVersion: string;
  readonly now?: () => Date;
}

/** What a production desk starts with: the services' config, and what IT is shown about it. */
export interface LoadedConfiguration {
  /** Empty (every national call answers *_NOT_CONFIGURED) unless the report's state is `ok`. */
  readonly national: NationalServicesConfig;
  readonly report: ConfigurationReport;
  readonly logLevel: LogLevel;
  /** The update server, read even when the rest is invalid: an update may be what fixes the desk. */
  readonly update?: UpdateServerConfig;
  /** How the store's key is wrapped; an invalid file never enables the passphrase mode. */
  readonly storeKeyProtection: StoreKeyProtection;
  /** Days a cached DMP document is kept (main/store/retention.ts). */
  readonly cacheRetentionDays: number;
}

const SOFTWARE_NAME = 'DMP Desk';
/** INSi's `urn:lps:<name>:<version>`: no space allowed. */
const INSI_SOFTWARE_NAME = 'DMPDESK';

type Source = Omit<ConfigSource, 'overrides'>;

function invalid(
  source: Source,
  overrides: readonly string[],
  problems: readonly ConfigProblem[],
): LoadedConfiguration {
  return {
    national: {},
    report: {
      state: 'invalid',
      source: { ...source, overrides: [...overrides] },
      problems: [...problems],
      summary: { timeouts: {} },
      certificates: [],
    },
    logLevel: 'info',
    storeKeyProtection: 'os-keystore',
    cacheRetentionDays: DEFAULT_CACHE_RETENTION_DAYS,
  };
}

/** What IT sees of the file in force: endpoints, structure, mode, proxy host; never a secret or its name. */
export function summarize(file: DeskConfigFile): ConfigSummary {
  return {
    ...(file.dmp === undefined ? {} : { dmpUrl: file.dmp.url }),
    ...(file.insi === undefined ? {} : { insiUrl: file.insi.url }),
    structure: {
      finess: file.structure.finess,
      name: file.structure.name,
      activitySector: file.structure.activitySector,
      vihfStructureId: file.structure.vihfStructureId,
    },
    authMode: file.authentication.mode,
    homologationId: file.software.homologationId,
    ...(file.proxy === undefined ? {} : { proxyHost: new URL(file.proxy.url).host }),
    timeouts: {
      ...(file.dmp?.timeoutMs === undefined ? {} : { dmpMs: file.dmp.timeoutMs }),
      ...(file.insi?.timeoutMs === undefined ? {} : { insiMs: file.insi.timeoutMs }),
    },
    logLevel: file.logLevel,
  };
}

interface CredentialOutcome {
  readonly credential?: Pkcs12Credential;
  readonly status?: CertificateStatus;
  readonly problems: readonly ConfigProblem[];
}

/** One PKCS#12 of the file: its secret, its file, its password, its dates. Each failure is one problem. */
async function loadCredential(
  role: CertificateStatus['role'],
  path: string,
  ref: Pkcs12Ref,
  baseDir: string,
  secrets: SecretSource,
  now: Date,
): Promise<CredentialOutcome> {
  let password: Uint8Array | undefined;
  try {
    password = await secrets.get(ref.passwordSecret);
  } catch (error) {
    const code = isAppError(error) ? error.code : 'CONFIG_SECRET_UNREADABLE';
    return { problems: [configProblem(code, `${path}.passwordSecret`, { params: { name: ref.passwordSecret } })] };
  }
  if (password === undefined) {
    return {
      problems: [
        configProblem('CONFIG_SECRET_MISSING', `${path}.passwordSecret`, { params: { name: ref.passwordSecret } }),
      ],
    };
  }
  let data: Buffer;
  try {
    data = await readFile(resolve(baseDir, ref.pkcs12));
  } catch {
    return { problems: [configProblem('CONFIG_FILE_UNREADABLE', `${path}.pkcs12`, { params: { file: ref.pkcs12 } })] };
  }
  let credential: Pkcs12Credential;
  try {
    credential = readPkcs12(data, Buffer.from(password).toString('utf8'));
  } catch (error) {
    const code = isAppError(error) ? error.code : 'CERT_NOT_PKCS12';
    return { problems: [configProblem(code, `${path}.pkcs12`, { params: { file: ref.pkcs12 } })] };
  }
  const status = certificateStatus(role, credential.certificate, now);
  const problems: ConfigProblem[] = [];
  if (status.expired) {
    problems.push(configProblem('CERT_EXPIRED', `${path}.pkcs12`, { params: { date: status.notAfter.slice(0, 10) } }));
  }
  const notBefore = new Date(credential.certificate.validFrom);
  if (notBefore.getTime() > now.getTime()) {
    problems.push(
      configProblem('CERT_NOT_YET_VALID', `${path}.pkcs12`, { params: { date: notBefore.toISOString().slice(0, 10) } }),
    );
  }
  return { credential, status, problems };
}

async function loadTrustAnchors(file: DeskConfigFile, baseDir: string): Promise<string | ConfigProblem> {
  let caPem: string;
  try {
    caPem = await readFile(resolve(baseDir, file.trustAnchors.caFile), 'utf8');
  } catch {
    return configProblem('CONFIG_FILE_UNREADABLE', 'trustAnchors.caFile', {
      params: { file: file.trustAnchors.caFile },
    });
  }
  const blocks = caPem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  try {
    if (blocks.length === 0) throw new Error('no certificate');
    for (const block of blocks) new X509Certificate(block);
  } catch {
    return configProblem('CONFIG_CA_INVALID', 'trustAnchors.caFile', { params: { file: file.trustAnchors.caFile } });
  }
  return caPem;
}

/** The services' configuration from a valid file and its loaded credentials. */
export function nationalServicesFrom(
  file: DeskConfigFile,
  credentials: { readonly tls?: Pkcs12Credential; readonly signature?: Pkcs12Credential; readonly caPem: string },
  appVersion: string,
): NationalServicesConfig {
  const tlsCredential = credentials.tls;
  if (tlsCredential === undefined) return {};
  // The intermediates go with the certificate: the server needs the chain to check the client.
  const tls: TlsCredentials = {
    certPem: [tlsCredential.certPem, ...tlsCredential.chainPem].join(''),
    keyPem: tlsCredential.keyPem,
    caPem: credentials.caPem,
  };
  const proxy = file.proxy === undefined ? {} : { proxy: { url: file.proxy.url } };
  const signature = credentials.signature;
  const dmp: DmpEndpointConfig | undefined =
    file.dmp === undefined
      ? undefined
      : {
          baseUrl: file.dmp.url,
          tls,
          authMode: file.authentication.mode === 'cps' ? 'DIRECTE' : 'INDIRECTE_RENFORCEE',
          ...(file.authentication.mode === 'establishment' && signature !== undefined
            ? { establishmentSigner: createSoftwareSigner({ certPem: signature.certPem, keyPem: signature.keyPem }) }
            : {}),
          structure: {
            id: file.structure.vihfStructureId,
            activitySector: file.structure.activitySector,
            name: file.structure.name,
            ...(file.structure.service === undefined ? {} : { service: file.structure.service }),
          },
          software: {
            name: SOFTWARE_NAME,
            version: appVersion,
            homologationId: file.software.homologationId,
            senderOid: file.software.senderOid,
            ...(file.software.installId === undefined ? {} : { installId: file.software.installId }),
          },
          ...(file.dmp.timeoutMs === undefined ? {} : { timeoutMs: file.dmp.timeoutMs }),
          ...proxy,
        };
  const insi: InsiConfig | undefined =
    file.insi === undefined
      ? undefined
      : {
          url: file.insi.url,
          tls,
          lps: {
            idam: file.insi.idam ?? 'NON-HOMOLOGUE',
            version: appVersion,
            instance: file.software.installId ?? 'dmp-desk',
            name: INSI_SOFTWARE_NAME,
          },
          emitter: file.structure.finess,
          ...(file.insi.timeoutMs === undefined ? {} : { timeoutMs: file.insi.timeoutMs }),
          ...proxy,
        };
  return { ...(dmp === undefined ? {} : { dmp }), ...(insi === undefined ? {} : { insi }) };
}

/**
 * Loads the production configuration: the file (`--config`, else `DMP_DESK_CONFIG`, else the OS
 * location), the `DMP_DESK_*` overrides, the schema, the trust anchors, the PKCS#12 files and
 * their passwords. Never throws: every problem is collected, so IT sees all of them at once.
 */
export async function loadConfiguration(options: LoadConfigurationOptions): Promise<LoadedConfiguration> {
  const now = (options.now ?? (() => new Date()))();
  const located = locateConfig({
    flag: configFlag(options.argv),
    env: options.env,
    platform: options.platform,
    cwd: options.cwd,
  });
  const source: Source = { kind: located.kind, path: located.path };

  let text: string;
  try {
    text = await readFile(located.path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    return invalid(
      source,
      [],
      [configProblem(missing ? 'CONFIG_NOT_FOUND' : 'CONFIG_UNREADABLE', '', { params: { file: located.path } })],
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return invalid(source, [], [configProblem('CONFIG_NOT_JSON', '', { params: { file: located.path } })]);
  }

  const overridden = applyEnvOverrides(json, options.env);
  const parsed = DeskConfigFileSchema.safeParse(overridden.raw);
  if (!parsed.success) {
    return invalid(source, overridden.applied, [
      ...overridden.problems,
      ...problemsFromIssues(parsed.error.issues, overridden.raw),
    ]);
  }
  const file = parsed.data;
  const baseDir = dirname(located.path);
  const problems: ConfigProblem[] = [...overridden.problems];

  const ca = await loadTrustAnchors(file, baseDir);
  if (typeof ca !== 'string') problems.push(ca);
  const auth = file.authentication;
  const [tls, signature] = await Promise.all([
    auth.tlsCertificate === undefined
      ? undefined
      : loadCredential('tls', 'authentication.tlsCertificate', auth.tlsCertificate, baseDir, options.secrets, now),
    auth.signatureCertificate === undefined
      ? undefined
      : loadCredential(
          'signature',
          'authentication.signatureCertificate',
          auth.signatureCertificate,
          baseDir,
          options.secrets,
          now,
        ),
  ]);
  problems.push(...(tls?.problems ?? []), ...(signature?.problems ?? []));
  const certificates = [tls?.status, signature?.status].filter((status) => status !== undefined);

  const ok = problems.length === 0 && typeof ca === 'string';
  return {
    national: ok
      ? nationalServicesFrom(
          file,
          {
            caPem: ca,
            ...(tls?.credential === undefined ? {} : { tls: tls.credential }),
            ...(signature?.credential === undefined ? {} : { signature: signature.credential }),
          },
          options.appVersion,
        )
      : {},
    report: {
      state: ok ? 'ok' : 'invalid',
      source: { ...source, overrides: [...overridden.applied] },
      problems,
      summary: summarize(file),
      certificates,
    },
    logLevel: file.logLevel,
    ...(file.update === undefined ? {} : { update: file.update }),
    storeKeyProtection: file.localStore.keyProtection,
    cacheRetentionDays: file.localStore.cacheRetentionDays,
  };
}
