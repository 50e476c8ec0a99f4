import type { ConfigurationReport, RunMode } from '../../shared/api';
import { certificateStatusFromPem } from './certificates';
import { configProblem } from './problems';
import type { NationalServicesConfig } from './runtime';

/**
 * What training mode shows as "configuration in force": its in-process simulators' endpoints
 * and the simulated establishment, described from the same runtime type production hands the
 * services, so the Settings screen reads the same in a lesson and at a desk.
 */
export function trainingConfigurationReport(national: NationalServicesConfig, now = new Date()): ConfigurationReport {
  const dmp = national.dmp;
  const tlsPem = dmp?.tls.certPem ?? national.insi?.tls.certPem;
  return {
    state: 'training',
    source: { kind: 'training', overrides: [] },
    problems: [],
    summary: {
      ...(dmp === undefined ? {} : { dmpUrl: dmp.baseUrl }),
      ...(national.insi === undefined ? {} : { insiUrl: national.insi.url }),
      ...(dmp === undefined
        ? {}
        : {
            structure: {
              name: dmp.structure.name,
              activitySector: dmp.structure.activitySector,
              vihfStructureId: dmp.structure.id,
            },
            authMode: dmp.authMode === 'DIRECTE' ? ('cps' as const) : ('establishment' as const),
            homologationId: dmp.software.homologationId,
          }),
      ...(dmp?.proxy === undefined ? {} : { proxyHost: new URL(dmp.proxy.url).host }),
      timeouts: {
        ...(dmp?.timeoutMs === undefined ? {} : { dmpMs: dmp.timeoutMs }),
        ...(national.insi?.timeoutMs === undefined ? {} : { insiMs: national.insi.timeoutMs }),
      },
    },
    certificates: tlsPem === undefined ? [] : [certificateStatusFromPem('tls', tlsPem, now)],
  };
}

/** A production desk started without going through loadConfiguration (tests, tools): nothing is configured. */
export function notLoadedReport(): ConfigurationReport {
  return {
    state: 'invalid',
    source: { kind: 'none', overrides: [] },
    problems: [configProblem('CONFIG_NOT_LOADED', '')],
    summary: { timeouts: {} },
    certificates: [],
  };
}

/** `app.configuration`: the report the desk started with (the configuration is read once, at start). */
export function configurationHandler(options: {
  readonly mode: RunMode;
  readonly report: ConfigurationReport | undefined;
}): () => Promise<ConfigurationReport> {
  const report =
    options.report ??
    (options.mode === 'training'
      ? {
          state: 'training' as const,
          source: { kind: 'training' as const, overrides: [] },
          problems: [],
          summary: { timeouts: {} },
          certificates: [],
        }
      : notLoadedReport());
  return async () => report;
}
