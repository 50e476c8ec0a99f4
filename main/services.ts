import { join } from 'node:path';
import type { ConfigurationReport, DmpHandlers, RunMode, UpdateStatus as UpdateStatusView } from '../shared/api';
import { AppError, isAppError } from '../shared/errors';
import { createAuditTrail, historyHandlers } from './audit';
import { LEGACY_AUDIT_KEY_FILE } from './audit/trail';
import { createStoreAuditVault } from './audit/vault';
import type { CardService } from './cards/card-service';
import { cardsHandlers, createCardsFromConfig, type CardsConfig } from './cards/wiring';
import type { NationalServicesConfig } from './config/runtime';
import { createDmpConnection, DEFAULT_VIHF_TTL_MS } from './dmp/client';
import { createStoreConsentJournal, importLegacyConsents } from './dmp/consent-journal';
import { createDocumentsHandlers } from './dmp/documents';
import { createDocumentCache } from './dmp/documents/cache';
import { createDmpPipeline } from './dmp/pipeline';
import type { EmergencySessions } from './dmp/emergency-session';
import { createDmpHandlers, createEmergencySessionsFor } from './dmp/service';
import { defaultValueSetsDir, loadAtStart } from './dmp/value-sets';
import { configurationHandler } from './config/handlers';
import {
  buildDiagnosticsBundle,
  DIAGNOSTICS_DIR,
  READERS_SEEN_FILE,
  runtimeVersions,
  writeDiagnosticsBundle,
} from './diagnostics/bundle';
import { trackSeenReaders } from './diagnostics/readers-seen';
import { createEventBus, type EventBus } from './events/event-bus';
import type { IdentityService } from './identity/identity-service';
import { createIdentityFromConfig } from './identity/wiring';
import { createRouter, type CallContext, type Router } from './ipc/router';
import type { Logger } from './log/logger';
import { createDeskSessions, identityHandlers, professionLabelsFrom, type DeskSessions } from './session/desk-session';
import { createPatientSessions, type PatientSessions } from './session/patient-sessions';
import { createPatientSessionStore } from './session/patient-store';
import { createPractitionerSession, dmpSignatureOf, type PractitionerSession } from './session/practitioner-session';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { createLazyStore, openStore, type Store } from './store/client';
import { createKeyProvider, type KeyProtection } from './store/keys/key-provider';
import { storeKeyProtectionFor } from './store/keys/protection';
import { DEFAULT_CACHE_RETENTION_DAYS, purgeExpiredCache } from './store/retention';
import {
  auditDelivery,
  createDmpSyncTransport,
  createSyncEngine,
  documentOutboxOf,
  outboxHandlers,
  signerChooser,
  type SyncEngine,
} from './sync';

const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;
import { trainingHandlers, type TrainingDesk } from './training/training-desk';
import type { ConsultationState } from './update/install-policy';
import type { UpdateService } from './update/update-service';

/** TRE_G15 professions, the code system of the JDV_J01 author specialty codes (`G15_10/SM26`). */
const TRE_G15_OID = '1.2.250.1.213.1.1.4.5';

export interface ServicesConfig extends NationalServicesConfig {
  /** Per-user writable folder (Electron's userData, or a temp folder for tests and the harness). */
  readonly userDataDir: string;
  readonly mode: RunMode;
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly logger: Logger;
  /** Card readers: PC/SC (default) or in-process virtual readers (training mode, tests). */
  readonly cards?: CardsConfig;
  /** Training mode's virtual-card controls; absent -> training calls answer TRAINING_ONLY. */
  readonly training?: TrainingDesk;
  /** Packaged DMP value sets (resources/value-sets); default: the installed resources, else the sources. */
  readonly valueSetsDir?: string;
  /** What `app.configuration` answers (main/config); absent: training's, or "not loaded" in production. */
  readonly configuration?: ConfigurationReport;
  /**
   * Application updates (Electron only, when IT configured a server): built by createServices with
   * the consultation state it alone knows (patient in context, open emergency accesses).
   */
  readonly updates?: (consultation: () => ConsultationState) => UpdateService;
  /** Where the rotating log files are (Electron's logs folder); default `<userDataDir>/logs`, as the harness writes them. */
  readonly logDir?: string;
  /**
   * How the encrypted store's key is protected (main/store/keys/protection.ts). Absent: training
   * uses its published passphrase (fictional data) and production has no keystore, so its store
   * stays closed with STORE_KEYSTORE_UNAVAILABLE.
   */
  readonly storeKeys?: KeyProtection;
  /** Days a cached DMP document is kept; default DEFAULT_CACHE_RETENTION_DAYS. */
  readonly cacheRetentionDays?: number;
  /** The clock of the retention purge (tests move it). */
  readonly now?: () => Date;
  /** The outbox's sync engine: items worked on at once, backoff, how long a deposit waits for its first attempt. */
  readonly sync?: {
    readonly concurrency?: number;
    readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
    readonly firstAttemptWaitMs?: number;
  };
}

export interface Services {
  readonly router: Router;
  readonly events: EventBus;
  readonly settings: SettingsService;
  /** Patient identities at the desk. */
  readonly identity: IdentityService;
  /** The patients at the desk: the one way from a patientId to a qualified INS. */
  readonly patients: PatientSessions;
  /** The practitioner whose CPS is in a reader: who every DMP call is made as. */
  readonly practitioner: PractitionerSession;
  readonly desk: DeskSessions;
  /** Open emergency accesses: with the patient in context, what makes a consultation (main/update). */
  readonly emergencySessions: EmergencySessions;
  /** Vitale and CPS readers. */
  readonly cards: CardService;
  /** The encrypted local store, opened on first use (its worker thread owns the connection). */
  readonly store: Store;
  /** The outbox's sync engine (main/sync): started with the store when a DMP is configured. */
  readonly sync: SyncEngine;
  dispose(): Promise<void>;
}

/**
 * The composition root: the one object graph behind both transports. The Electron entry and
 * the browser harness call this and nothing else, so whatever the e2e tests exercise is what
 * ships. Production and training hand it the same configuration types.
 */
export function createServices(config: ServicesConfig): Services {
  const events = createEventBus();
  const settings = createSettingsService({
    file: join(config.userDataDir, 'settings.json'),
    events,
    logger: config.logger.child('settings'),
  });
  const cards = createCardsFromConfig(config, events);
  const identity = createIdentityFromConfig(config, events);
  const storeKeys =
    config.storeKeys ??
    storeKeyProtectionFor({ mode: config.mode, configured: undefined, env: {}, keystore: undefined });
  const storeLogger = config.logger.child('store');
  const now = config.now ?? (() => new Date());
  const retentionDays = config.cacheRetentionDays ?? DEFAULT_CACHE_RETENTION_DAYS;
  let purgeTimer: NodeJS.Timeout | undefined;
  const purge = (opened: Store): void => {
    void purgeExpiredCache(opened, now(), retentionDays).then(
      (purged) => {
        if (purged.documents + purged.dmpStatus > 0)
          storeLogger.info('store.cache_purged', { ...purged, retentionDays });
      },
      (error: unknown) =>
        storeLogger.warn('store.cache_purge_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' }),
    );
  };
  const store = createLazyStore(async () => {
    const opened = await openStore({ dir: join(config.userDataDir, 'store'), keys: createKeyProvider(storeKeys) });
    // Retention runs when the store opens, then every few hours for a desk left on for days.
    purge(opened);
    purgeTimer = setInterval(() => purge(opened), PURGE_INTERVAL_MS).unref();
    return opened;
  });
  // Today's patient sessions come back from the store (same day only), with each one's last DMP status.
  const patients = createPatientSessions({
    identity,
    cards,
    logger: config.logger.child('session'),
    store: createPatientSessionStore(store),
    now,
  });
  const practitioner = createPractitionerSession({
    cards,
    logger: config.logger.child('session'),
    establishmentSigner: config.dmp?.establishmentSigner,
    vihfTtlMs: config.dmp?.vihfTtlMs ?? DEFAULT_VIHF_TTL_MS,
  });
  const valueSets = loadAtStart(config.valueSetsDir ?? defaultValueSetsDir(), config.logger.child('documents'));
  // One set of emergency sessions: opened by `dmp.checkAccess`, named by the document calls.
  const emergencySessions = createEmergencySessionsFor(events);
  const desk = createDeskSessions({
    patients,
    practitioner,
    dmpSignature: dmpSignatureOf(config.dmp !== undefined, config.dmp?.establishmentSigner !== undefined),
    events,
    professionLabels: professionLabelsFrom((code) => {
      try {
        return valueSets().authorSpecialty?.lookup(code, TRE_G15_OID)?.displayName;
      } catch {
        // Tables missing (said once at start): the header shows the codes instead.
        return undefined;
      }
    }),
    // A forgotten patient's emergency access ends with them: nothing at the desk names them any more.
    onForgotten: (patientId) => {
      for (const open of emergencySessions.list()) if (open.patientId === patientId) emergencySessions.end(open.id);
    },
  });
  // Consents an earlier version kept in a clear file move into the store once; recording waits for it.
  const consentsImported = importLegacyConsents(store, join(config.userDataDir, 'dmp-consents.jsonl')).then(
    (moved) => {
      if (moved > 0) storeLogger.info('store.legacy_consents_moved', { count: moved });
    },
    (error: unknown) =>
      storeLogger.error('store.legacy_consents_kept', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' }),
  );
  // This desk's own trail of DMP transactions (the national DMP keeps its own, unreadable from here).
  const auditDir = join(config.userDataDir, 'audit');
  const audit = createAuditTrail({
    dir: auditDir,
    logger: config.logger.child('audit'),
    vault: createStoreAuditVault(store, { legacyPseudonymKeyFile: join(auditDir, LEGACY_AUDIT_KEY_FILE) }),
    onRecorded: () => events.emit('history.accessRecorded', {}),
  });
  const connection =
    config.dmp === undefined ? undefined : createDmpConnection(config.dmp, { logger: config.logger.child('dmp') });
  // ONE pipeline: one connection, the practitioner's VIHF cache, one wrapper for every transaction.
  const pipeline = createDmpPipeline({
    connection,
    patients,
    practitioner,
    emergencySessions,
    audit: audit.record,
    logger: config.logger.child('dmp'),
  });

  // The outbox: every deposit and metadata change is kept in the store, then sent by the engine over the same connection.
  const syncLogger = config.logger.child('sync');
  const transport = connection === undefined ? undefined : createDmpSyncTransport(connection);
  const notConfigured = (): Promise<never> => Promise.reject(new AppError('DMP_NOT_CONFIGURED'));
  const sync = createSyncEngine({
    store,
    send: (job) => transport?.send(job) ?? notConfigured(),
    lookup: (job) => transport?.lookup(job) ?? notConfigured(),
    signerFor: signerChooser({ practitioner, establishmentSigner: config.dmp?.establishmentSigner }),
    // The line that counts a write as done is written when the DMP holds it, not when it was queued.
    onSent: auditDelivery(audit.record),
    ...(config.sync?.concurrency === undefined ? {} : { concurrency: config.sync.concurrency }),
    ...(config.sync?.backoff === undefined ? {} : { backoff: config.sync.backoff }),
    now,
    onChange: (snapshot) => events.emit('outbox.changed', snapshot),
    logger: syncLogger,
  });
  let disposed = false;
  const startSync = async (): Promise<void> => {
    if (disposed || connection === undefined) return;
    await sync.start();
  };
  // Items left by the last run are sent (or looked up) as soon as the desk starts, not at the next deposit.
  void startSync().catch((error: unknown) =>
    syncLogger.warn('sync.start_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' }),
  );
  // A card came: what waited for its holder's signature is due again.
  const stopWaking = practitioner.onChange(() => {
    const holder = practitioner.current();
    if (holder !== null) void sync.wake(holder.nationalId).catch(() => undefined);
  });

  // For the diagnostics bundle: reader names and card kinds only.
  const stopTrackingReaders = trackSeenReaders({
    file: join(config.userDataDir, READERS_SEEN_FILE),
    status: () => cards.status(),
    onChange: (listener) => cards.onChange(listener),
  });

  const updates = config.updates?.(() => ({
    patientInContext: patients.current() !== null,
    openEmergencySessions: emergencySessions.list().length,
  }));
  const updateStatus = (): UpdateStatusView =>
    updates === undefined
      ? { configured: false, state: 'idle', currentVersion: config.appVersion, installOnQuit: false }
      : { configured: true, ...updates.status() };
  const configuredUpdates = (): UpdateService => {
    if (updates === undefined) throw new AppError('UPDATE_NOT_CONFIGURED');
    return updates;
  };

  const configuration = configurationHandler({ mode: config.mode, report: config.configuration });
  const handlers: DmpHandlers<CallContext> = {
    app: {
      info: async (_request, context) => ({
        name: config.appName,
        version: config.appVersion,
        mode: config.mode,
        transport: context.transport,
        platform: config.platform,
      }),
      configuration,
      diagnostics: async () => ({
        file: writeDiagnosticsBundle(
          buildDiagnosticsBundle({
            app: {
              name: config.appName,
              version: config.appVersion,
              mode: config.mode,
              platform: config.platform,
              arch: process.arch,
              runtime: runtimeVersions(),
            },
            configuration: await configuration(),
            logDir: config.logDir ?? join(config.userDataDir, 'logs'),
            readersFile: join(config.userDataDir, READERS_SEEN_FILE),
          }),
          join(config.userDataDir, DIAGNOSTICS_DIR),
        ),
      }),
      updateStatus: async () => updateStatus(),
      checkUpdate: async () => {
        await configuredUpdates().checkNow();
        return updateStatus();
      },
      installUpdate: async ({ moment }) => {
        configuredUpdates().install(moment);
        return updateStatus();
      },
    },
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
    },
    session: desk.handlers,
    dmp: createDmpHandlers({
      pipeline,
      journal: createStoreConsentJournal({ store, imported: consentsImported }),
      logger: config.logger.child('dmp'),
      sessions: emergencySessions,
      onAccessStatus: (patientId, status) => patients.recordDmpStatus(patientId, status),
    }),
    documents: createDocumentsHandlers({
      pipeline,
      logger: config.logger.child('documents'),
      valueSets,
      outbox: documentOutboxOf(sync, {
        ensureStarted: startSync,
        ...(config.sync?.firstAttemptWaitMs === undefined
          ? {}
          : { firstAttemptWaitMs: config.sync.firstAttemptWaitMs }),
      }),
      cache: {
        documents: createDocumentCache(store, now),
        patientIns: (patientId) => patients.resolveQualified(patientId).ins,
      },
    }),
    cards: cardsHandlers(cards, practitioner),
    identity: identityHandlers(identity, patients, desk),
    outbox: outboxHandlers(sync),
    history: historyHandlers(audit, (patientId) => patients.resolveQualified(patientId).ins),
    // A lesson starts at an empty desk: nobody in context, no emergency access left open.
    training: trainingHandlers(config.training, () => {
      patients.clear();
      for (const open of emergencySessions.list()) emergencySessions.end(open.id);
    }),
  };

  const router = createRouter(handlers, events, config.logger.child('ipc'));

  return {
    router,
    events,
    settings,
    identity,
    patients,
    practitioner,
    desk,
    emergencySessions,
    cards,
    store,
    sync,
    dispose: async () => {
      disposed = true;
      stopWaking();
      // Attempts in flight end (and are recorded) before the store closes under them.
      await sync.stop();
      stopTrackingReaders();
      desk.dispose();
      practitioner.dispose();
      await cards.dispose();
      await consentsImported;
      await patients.flushed();
      clearInterval(purgeTimer);
      await store.close();
    },
  };
}
