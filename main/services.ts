import { join } from 'node:path';
import type { ConfigurationReport, DmpHandlers, RunMode } from '../shared/api';
import { createAuditTrail, historyHandlers } from './audit';
import type { CardService } from './cards/card-service';
import { cardsHandlers, createCardsFromConfig, type CardsConfig } from './cards/wiring';
import type { NationalServicesConfig } from './config/runtime';
import { createDmpConnection, DEFAULT_VIHF_TTL_MS } from './dmp/client';
import { createFileConsentJournal } from './dmp/consent-journal';
import { createDocumentsHandlers } from './dmp/documents';
import { createDmpPipeline } from './dmp/pipeline';
import { createDmpHandlers, createEmergencySessionsFor } from './dmp/service';
import { defaultValueSetsDir, loadAtStart } from './dmp/value-sets';
import { configurationHandler } from './config/handlers';
import { createEventBus, type EventBus } from './events/event-bus';
import type { IdentityService } from './identity/identity-service';
import { createIdentityFromConfig } from './identity/wiring';
import { createRouter, type CallContext, type Router } from './ipc/router';
import type { Logger } from './log/logger';
import { createDeskSessions, identityHandlers, type DeskSessions } from './session/desk-session';
import { createPatientSessions, type PatientSessions } from './session/patient-sessions';
import { createPractitionerSession, dmpSignatureOf, type PractitionerSession } from './session/practitioner-session';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { trainingHandlers, type TrainingDesk } from './training/training-desk';

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
  /** Vitale and CPS readers. */
  readonly cards: CardService;
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
  const patients = createPatientSessions({ identity, cards, logger: config.logger.child('session') });
  const practitioner = createPractitionerSession({
    cards,
    logger: config.logger.child('session'),
    establishmentSigner: config.dmp?.establishmentSigner,
    vihfTtlMs: config.dmp?.vihfTtlMs ?? DEFAULT_VIHF_TTL_MS,
  });
  const desk = createDeskSessions({
    patients,
    practitioner,
    dmpSignature: dmpSignatureOf(config.dmp !== undefined, config.dmp?.establishmentSigner !== undefined),
    events,
  });
  // This desk's own trail of DMP transactions (the national DMP keeps its own, unreadable from here).
  const audit = createAuditTrail({
    dir: join(config.userDataDir, 'audit'),
    logger: config.logger.child('audit'),
    onRecorded: () => events.emit('history.accessRecorded', {}),
  });
  // One set of emergency sessions: opened by `dmp.checkAccess`, named by the document calls.
  const emergencySessions = createEmergencySessionsFor(events);
  // ONE pipeline: one connection, the practitioner's VIHF cache, one wrapper for every transaction.
  const pipeline = createDmpPipeline({
    connection:
      config.dmp === undefined ? undefined : createDmpConnection(config.dmp, { logger: config.logger.child('dmp') }),
    patients,
    practitioner,
    emergencySessions,
    audit: audit.record,
    logger: config.logger.child('dmp'),
  });

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
    session: desk.handlers,
    dmp: createDmpHandlers({
      pipeline,
      journal: createFileConsentJournal(join(config.userDataDir, 'dmp-consents.jsonl')),
      logger: config.logger.child('dmp'),
      sessions: emergencySessions,
    }),
    documents: createDocumentsHandlers({
      pipeline,
      logger: config.logger.child('documents'),
      valueSets: loadAtStart(config.valueSetsDir ?? defaultValueSetsDir(), config.logger.child('documents')),
    }),
    cards: cardsHandlers(cards, practitioner),
    identity: identityHandlers(identity, patients, desk),
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
    cards,
    dispose: async () => {
      desk.dispose();
      practitioner.dispose();
      await cards.dispose();
    },
  };
}
