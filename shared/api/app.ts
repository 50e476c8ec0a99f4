import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { method } from './define';

export const RunModeSchema = z.enum(['production', 'training']);
export type RunMode = z.infer<typeof RunModeSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: RunModeSchema,
  /** How this renderer talks to main: the Electron IPC bridge or the loopback websocket harness. */
  transport: z.enum(['electron', 'websocket']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/**
 * One problem of the IT configuration: a stable code, the field it is about (`structure.finess`,
 * `env:DMP_DESK_DMP_URL`, or '' for the whole file) and the i18n key of the sentence IT reads.
 * `params` are scalars for that sentence (a secret's name, a date): never a secret or a path
 * outside the configuration.
 */
export const ConfigProblemSchema = z
  .object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    path: z.string().max(200),
    messageKey: z.string().max(100),
    params: z.record(z.string(), z.union([z.string().max(300), z.number()])).optional(),
  })
  .strict();
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

export const CertificateRoleSchema = z.enum(['tls', 'signature']);

/** A certificate in force: who it names and when it ends; `warning` from 60 days before. */
export const CertificateStatusSchema = z
  .object({
    role: CertificateRoleSchema,
    subject: z.string().max(500),
    notAfter: z.iso.datetime(),
    daysLeft: z.number().int(),
    warning: z.boolean(),
    expired: z.boolean(),
  })
  .strict();
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

/** What the configuration in force says, without any secret (no password, no key, no secret name). */
export const ConfigSummarySchema = z
  .object({
    dmpUrl: z.string().optional(),
    insiUrl: z.string().optional(),
    structure: z
      .object({
        finess: z.string().optional(),
        name: z.string(),
        activitySector: z.string(),
        vihfStructureId: z.string(),
      })
      .strict()
      .optional(),
    authMode: z.enum(['cps', 'establishment']).optional(),
    homologationId: z.string().optional(),
    proxyHost: z.string().optional(),
    timeouts: z.object({ dmpMs: z.number().int().optional(), insiMs: z.number().int().optional() }).strict(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  })
  .strict();
export type ConfigSummary = z.infer<typeof ConfigSummarySchema>;

export const ConfigSourceSchema = z
  .object({
    /** flag: `--config FILE`; env: `DMP_DESK_CONFIG`; default: the OS location; training: built in. */
    kind: z.enum(['flag', 'env', 'default', 'training', 'none']),
    path: z.string().max(1000).optional(),
    /** Names of the `DMP_DESK_*` variables that overrode a field of the file. */
    overrides: z.array(z.string().max(100)).max(50),
  })
  .strict();
export type ConfigSource = z.infer<typeof ConfigSourceSchema>;

export const ConfigurationReportSchema = z
  .object({
    state: z.enum(['ok', 'invalid', 'training']),
    source: ConfigSourceSchema,
    problems: z.array(ConfigProblemSchema).max(200),
    summary: ConfigSummarySchema,
    certificates: z.array(CertificateStatusSchema).max(10),
  })
  .strict();
export type ConfigurationReport = z.infer<typeof ConfigurationReportSchema>;

export const DiagnosticsExportSchema = z.object({ file: z.string().min(1).max(1000) }).strict();
export type DiagnosticsExport = z.infer<typeof DiagnosticsExportSchema>;

/**
 * Where the desk's update stands (main/update). `configured: false`: IT set no `update` section.
 * `ready`: downloaded and verified against the release key; only then may the user install.
 */
export const UpdateStatusSchema = z
  .object({
    configured: z.boolean(),
    state: z.enum(['idle', 'checking', 'downloading', 'ready', 'refused']),
    channel: z.enum(['stable', 'beta']).optional(),
    currentVersion: z.string().max(64),
    version: z.string().max(64).optional(),
    error: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]).optional(),
    installOnQuit: z.boolean(),
  })
  .strict();
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const appMethods = {
  info: method(z.object({}).strict(), AppInfoSchema),
  /** The configuration in force: where it came from, its problems, a summary and the certificates' expiry. */
  configuration: method(z.object({}).strict(), ConfigurationReportSchema),
  /**
   * Writes the diagnostics bundle for IT (version, configuration without secrets, recent logs,
   * readers seen; nothing about patients) into the user data folder and says where.
   */
  diagnostics: method(z.object({}).strict(), DiagnosticsExportSchema),
  updateStatus: method(z.object({}).strict(), UpdateStatusSchema),
  /** Looks for an update now (IT's "check now"); the download, if any, runs before it answers. */
  checkUpdate: method(z.object({}).strict(), UpdateStatusSchema),
  /** The user's choice: `now` (refused during a consultation: UPDATE_CONSULTATION_OPEN) or `on-quit`. */
  installUpdate: method(z.object({ moment: z.enum(['now', 'on-quit']) }).strict(), UpdateStatusSchema),
};
