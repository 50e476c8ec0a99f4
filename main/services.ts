import { join } from 'node:path';
import type { ConfigurationReport, DmpHandlers, RunMode } from '../shared/api';
import { createAuditTrail, historyHandlers } from './audit';
import type { CardService } from './cards/card-service';
import { cardsHandlers, createCardsFromConfig, type CardsConfig } from './cards/wiring';
import { createFileConsentJournal } from './dmp/consent-journal';
import { createDocumentsHandlers } from './dmp/documents';
import { createDmpHandlers, createEmergencySessionsFor, type DmpServiceConfig } from './dmp/service';
import { defaultValueSetsDir, loadAtStart } from './dmp/value-sets';
import { configurationHandler } from './config/handlers';
import { createEventBus, type EventBus } from './events/event-bus';
import type { IdentityService } from './identity/identity-service';
import { createIdentityFromConfig, identityHandlers, type InsiConfig } from './identity/wiring';
import { createRouter, type CallContext, type Router } from './ipc/router';
import type { Logger } from './log/logger';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { trainingHandlers, type TrainingDesk } from './training/training-desk';

export interface ServicesConfig {
  /** Per-user writable folder (Electron's userData, or a temp folder for tests and the harness). */
  readonly userDataDir: string;
  readonly mode: RunMode;
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly logger: Logger;
  /** National DMP endpoint, TLS credentials, VIHF signer and practitioner context; absent -> DMP_NOT_CONFIGURED. */
  readonly dmp?: DmpServiceConfig;
  /** Card readers: PC/SC (default) or in-process virtual readers (training mode, tests). */
  readonly cards?: CardsConfig;
  /** INSi endpoint and TLS client credentials; absent -> INSi calls fail with INSI_NOT_CONFIGURED. */
  readonly insi?: InsiConfig;
  /** Training mode's virtual-card controls; absent -> training calls answer TRAINING_ONLY. */
  readonly training?: TrainingDesk;
  /** Packaged DMP value sets (resources/value-sets); default: the installed resources, else the sources. */
  readonly valueSetsDir?: string;
  /** What `app.configuration` answers (main/config); absent: training's, or "not loaded" in production. */
  readonly configuration?: ConfigurationReport;
}

export interface Services {
  readonly router: Router;
  readonly events: EventBus;
  readonly settings: SettingsService;
  /** Patient identities at the desk; other services ask it for a qualified INS. */
  readonly identity: IdentityService;
  /** Vitale and CPS; also the source of the CPS Signer / Authenticator (main/crypto/card-signer.ts). */
  readonly cards: CardService;
  dispose(): Promise<void>;
}

/**
 * The composition root: the one object graph behind both transports. The Electron entry and
 * the browser harness call this and nothing else, so whatever the e2e tests exercise is what
 * ships.
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
  // This desk's own trail of DMP transactions (the national DMP keeps its own, unreadable from here).
  const audit = createAuditTrail({
    dir: join(config.userDataDir, 'audit'),
    logger: config.logger.child('audit'),
    onRecorded: () => events.emit('history.accessRecorded', {}),
  });
  // One set of emergency sessions: opened by `dmp.checkAccess`, named by the document calls.
  const emergencySessions = createEmergencySessionsFor(events);

  const handlers: DmpHandlers<CallContext> = {
    app: {
      info: async (_request, context) => ({
        name: config.appName,
        version: config.appVersion,
        mode: config.mode,
        transport: context.transport,
        platform: config.platform,
      }),
      configuration: configurationHandler({ mode: config.mode, report: config.configuration }),
    },
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
    },
    dmp: createDmpHandlers({
      config: config.dmp,
      journal: createFileConsentJournal(join(config.userDataDir, 'dmp-consents.jsonl')),
      logger: config.logger.child('dmp'),
      events,
      sessions: emergencySessions,
      audit: audit.record,
    }),
    documents: createDocumentsHandlers({
      config: config.dmp,
      logger: config.logger.child('documents'),
      sessions: emergencySessions,
      valueSets: loadAtStart(config.valueSetsDir ?? defaultValueSetsDir(), config.logger.child('documents')),
      audit: audit.record,
    }),
    cards: cardsHandlers(cards),
    identity: identityHandlers(identity),
    history: historyHandlers(audit),
    training: trainingHandlers(config.training),
  };

  const router = createRouter(handlers, events, config.logger.child('ipc'));

  return {
    router,
    events,
    settings,
    identity,
    cards,
    dispose: async () => {
      await cards.dispose();
    },
  };
}
