import { z } from 'zod';
import { DEFAULT_CACHE_RETENTION_DAYS } from '../store/retention';

/**
 * The IT configuration file of a production desk (`config.json`). One JSON document, checked
 * here and nowhere else; `resources/config.schema.json` is generated from this schema
 * (`npm run config-schema`) so that IT's editor completes and checks the file as they type.
 *
 * Messages are i18n keys (`config.problems.*`): a field that breaks a rule is shown to IT in
 * plain words, in French or English, with its path. Secrets are never in the file: a PKCS#12
 * password is named (`passwordSecret`) and kept wrapped by the OS keystore.
 */

/** A secret's name: also the suffix of `DMP_DESK_SECRET_<NAME>` for the browser harness. */
export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,62}$/;

const httpsUrl = z
  .string({ error: 'config.problems.httpsUrl' })
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', {
    error: 'config.problems.httpsUrl',
  });

const timeoutMs = z
  .number({ error: 'config.problems.timeout' })
  .int({ error: 'config.problems.timeout' })
  .min(1_000, { error: 'config.problems.timeout' })
  .max(300_000, { error: 'config.problems.timeout' });

const path = z.string({ error: 'config.problems.path' }).min(1, { error: 'config.problems.path' });

export const Pkcs12RefSchema = z
  .object({
    /** PKCS#12 (.p12 / .pfx) file; relative paths are read from the configuration file's folder. */
    pkcs12: path.describe('PKCS#12 file (.p12 / .pfx); relative to this file'),
    /** Name of the secret holding the file's password (`dmp-desk --set-secret NAME`). */
    passwordSecret: z
      .string({ error: 'config.problems.secretName' })
      .regex(SECRET_NAME_PATTERN, { error: 'config.problems.secretName' })
      .describe('name of the secret holding the PKCS#12 password (set with --set-secret NAME)'),
  })
  .strict();
export type Pkcs12Ref = z.infer<typeof Pkcs12RefSchema>;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];
export const STORE_KEY_PROTECTIONS = ['os-keystore', 'passphrase'] as const;
export type StoreKeyProtection = (typeof STORE_KEY_PROTECTIONS)[number];

export const DeskConfigFileSchema = z
  .object({
    $schema: z.string().optional().describe('editor hint: path or URL of config.schema.json'),
    dmp: z
      .object({
        /** `https://host[:port]` or the services root `https://host/si-dmp-server/v2/services`. */
        url: httpsUrl.describe('national DMP: https://host[:port] or the services root'),
        timeoutMs: timeoutMs.optional().describe('per-call timeout in milliseconds (default 30000)'),
      })
      .strict()
      .optional()
      .describe('national DMP; absent: the desk does not call the DMP'),
    insi: z
      .object({
        url: httpsUrl.describe('INSi teleservice endpoint'),
        timeoutMs: timeoutMs.optional().describe('per-call timeout in milliseconds (default 15000)'),
        /** CNDA homologation number of the software for the INSi (IDAM); absent: NON-HOMOLOGUE. */
        idam: z.string().min(1).max(64).optional().describe('CNDA homologation number (IDAM) for the INSi'),
      })
      .strict()
      .optional()
      .describe('INSi teleservice; absent: no INS search'),
    structure: z
      .object({
        finess: z
          .string({ error: 'config.problems.finess' })
          .regex(/^[0-9A-Z]{9,10}$/, { error: 'config.problems.finess' })
          .describe('FINESS of the establishment (9 characters, or 10 for test structures)'),
        name: z.string({ error: 'config.problems.required' }).min(1).max(200).describe('structure name'),
        activitySector: z
          .string({ error: 'config.problems.activitySector' })
          .regex(/^SA\d{2}$/, { error: 'config.problems.activitySector' })
          .describe('TRE_R02 SecteurActivite code, e.g. SA07'),
        vihfStructureId: z
          .string({ error: 'config.problems.structureId' })
          .regex(/^[0-9A-Z]{1,40}$/, { error: 'config.problems.structureId' })
          .describe('structure identifier of the VIHF (e.g. 1 + FINESS, or 3 + SIRET)'),
        service: z.string().min(1).max(100).optional().describe('service name appended to the VIHF subject'),
      })
      .strict()
      .describe('the structure the desk works for'),
    software: z
      .object({
        homologationId: z
          .string({ error: 'config.problems.required' })
          .min(1, { error: 'config.problems.required' })
          .max(64)
          .describe('DMP homologation number of this software'),
        senderOid: z
          .string({ error: 'config.problems.oid' })
          .regex(/^[0-2](\.(0|[1-9]\d*))+$/, { error: 'config.problems.oid' })
          .describe('OID of the sending system in XDS submissions'),
        installId: z.string().min(1).max(64).optional().describe('identifier of this installation'),
      })
      .strict()
      .describe('what the national services know this software by'),
    authentication: z
      .object({
        mode: z
          .enum(['cps', 'establishment'], { error: 'config.problems.authMode' })
          .describe('cps: VIHF signed by the CPS (DIRECTE); establishment: AIR (INDIRECTE_RENFORCEE)'),
        tlsCertificate: Pkcs12RefSchema.optional().describe(
          'ORG-AUTH_CLI establishment certificate: TLS client of the DMP (establishment mode) and of the INSi',
        ),
        signatureCertificate: Pkcs12RefSchema.optional().describe(
          'ORG-SIGN establishment certificate: signs the VIHF in establishment mode',
        ),
      })
      .strict()
      .describe('how the desk authenticates to the national services'),
    trustAnchors: z
      .object({
        caFile: path.describe('PEM file of the certificate authorities the servers are checked against'),
      })
      .strict()
      .describe('trust anchors for the national services'),
    proxy: z
      .object({
        url: z
          .string({ error: 'config.problems.proxyUrl' })
          .refine((value) => URL.canParse(value) && new URL(value).protocol === 'http:' && new URL(value).port !== '', {
            error: 'config.problems.proxyUrl',
          })
          .describe('http://host:port of an HTTPS proxy tunnelling with CONNECT'),
      })
      .strict()
      .optional()
      .describe('HTTPS proxy the clinic routes outbound traffic through'),
    update: z
      .object({
        /**
         * Folder of the generic update server (electron-updater's `generic` provider): it serves
         * `latest*.yml` / `beta*.yml`, their `.sig` files and the installers. http:// is accepted
         * for an intranet mirror: every release is checked against the shipped Ed25519 key anyway.
         */
        url: z
          .string({ error: 'config.problems.updateUrl' })
          .refine((value) => URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol), {
            error: 'config.problems.updateUrl',
          })
          .describe('update server folder (generic provider), e.g. https://updates.example.fr/dmp-desk/'),
        channel: z
          .enum(UPDATE_CHANNELS, { error: 'config.problems.updateChannel' })
          .default('stable')
          .describe('stable: tested releases; beta: early releases for a few pilot desks'),
      })
      .strict()
      .optional()
      .describe('application updates; absent: the desk never looks for updates'),
    logLevel: z.enum(LOG_LEVELS, { error: 'config.problems.logLevel' }).default('info').describe('log level'),
    localStore: z
      .object({
        /**
         * How the encrypted store's key is wrapped. `os-keystore` (default): by the OS keystore; the
         * store stays closed where there is none (or Linux basic_text). `passphrase`: IT's explicit
         * choice for such machines; the key is wrapped under scrypt(DMP_DESK_STORE_PASSPHRASE).
         */
        keyProtection: z
          .enum(STORE_KEY_PROTECTIONS, { error: 'config.problems.keyProtection' })
          .default('os-keystore')
          .describe(
            'os-keystore: the store key is wrapped by the OS keystore (refused without one); passphrase: by a key derived from the DMP_DESK_STORE_PASSPHRASE environment variable',
          ),
        cacheRetentionDays: z
          .number({ error: 'config.problems.retentionDays' })
          .int({ error: 'config.problems.retentionDays' })
          .min(1, { error: 'config.problems.retentionDays' })
          .max(365, { error: 'config.problems.retentionDays' })
          .default(DEFAULT_CACHE_RETENTION_DAYS)
          .describe('days a cached DMP document is kept on this desk before it is purged (1 to 365, default 7)'),
      })
      .strict()
      .default({ keyProtection: 'os-keystore', cacheRetentionDays: DEFAULT_CACHE_RETENTION_DAYS })
      .describe('the encrypted local store'),
  })
  .strict()
  .superRefine((config, context) => {
    // The establishment's ORG-AUTH_CLI key is the TLS client of both national services.
    const needsTls = config.insi !== undefined || config.dmp !== undefined;
    if (needsTls && config.authentication.tlsCertificate === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['authentication', 'tlsCertificate'],
        message: 'config.problems.tlsCertificateRequired',
      });
    }
    if (config.authentication.mode === 'establishment' && config.authentication.signatureCertificate === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['authentication', 'signatureCertificate'],
        message: 'config.problems.signatureCertificateRequired',
      });
    }
  });

export type DeskConfigFile = z.infer<typeof DeskConfigFileSchema>;
export type UpdateServerConfig = NonNullable<DeskConfigFile['update']>;

/** The JSON schema shipped for editors, generated from the zod schema (the one source of truth). */
export function deskConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DeskConfigFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://dmp-desk.invalid/config.schema.json',
    title: 'DMP Desk configuration',
  };
}

/** The file's exact text (2-space JSON, final newline), as prettier leaves it. */
export function deskConfigJsonSchemaText(): string {
  return `${JSON.stringify(deskConfigJsonSchema(), null, 2)}\n`;
}
