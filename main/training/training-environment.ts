/**
 * Training mode, all in one process: the test PKI, the INSi and national DMP simulators on
 * loopback, and two virtual readers holding a Vitale family card and a CPS — or, once a trainer
 * picks an exercise (./scenarios.ts), that exercise's cards and simulator state. This is the one
 * place in main/ allowed to import simulators/ (lint-enforced): the rest of the app is
 * configured exactly as for production — URLs, TLS credentials, a Signer, card readers — and
 * cannot tell it is in a lesson.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainingCard, TrainingStatus } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { DEMO_FAMILY, DEMO_PRACTITIONER, VirtualCps3, VirtualReader, VirtualVitale2 } from '../../simulators/cards';
import { startInsiSimulator } from '../../simulators/insi';
import { startNationalDmpSimulator } from '../../simulators/national-dmp';
import { createTestPki } from '../../simulators/pki';
import type { Logger } from '../log/logger';
import type { ServicesConfig } from '../services';
import {
  applyScenario,
  scenarioSummary,
  trainingScenario,
  TRAINING_SCENARIOS,
  type Lesson,
  type TrainingScenarioDefinition,
} from './scenarios';
import { trainingDmpEndpoint } from './sim-data-config';
import type { TrainingDesk } from './training-desk';

export const TRAINING_READERS: Readonly<Record<TrainingCard, string>> = {
  vitale: 'Lecteur formation 1 (Vitale)',
  cps: 'Lecteur formation 2 (CPS)',
};

/** The establishment of the lesson; INSi wants an INSI-AUTO certificate name for automatic calls. */
const TRAINING_ESTABLISHMENT = { finess: '10B0127189', name: 'CENTRE DE SANTE FORMATION', commonName: 'INSI-AUTO' };

export interface TrainingEnvironment {
  /** The parts of the services configuration training mode provides. */
  readonly servicesConfig: Pick<ServicesConfig, 'cards' | 'insi' | 'dmp' | 'training'>;
  /**
   * Where a training desk keeps its own records (audit trail, consent journal, settings), inside
   * the training folder: lessons never mix with a production desk's records on the same machine.
   */
  readonly deskDataDir: string;
  close(): Promise<void>;
}

export async function startTrainingEnvironment(options: {
  readonly dataDir: string;
  readonly logger: Logger;
}): Promise<TrainingEnvironment> {
  const logger = options.logger.child('training');
  const deskDataDir = join(options.dataDir, 'desk');
  await mkdir(deskDataDir, { recursive: true, mode: 0o700 });
  const pki = await createTestPki({ seedDir: join(options.dataDir, 'pki') });
  const [server, doctor, establishment] = await Promise.all([
    pki.issueServer(['localhost']),
    pki.issueCps(DEMO_PRACTITIONER),
    pki.issueEstablishment(TRAINING_ESTABLISHMENT),
  ]);
  const serverTls = { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem };
  const [insi, dmp] = await Promise.all([
    startInsiSimulator({ tls: serverTls }),
    startNationalDmpSimulator({
      tls: serverTls,
      dbFile: join(options.dataDir, 'national-dmp.sqlite'),
      // A trainer's Documents screen should not open empty.
      seedDocuments: true,
    }),
  ]);

  const readers = { vitale: new VirtualReader(TRAINING_READERS.vitale), cps: new VirtualReader(TRAINING_READERS.cps) };
  // A fresh CPS per lesson: its PIN counter and verified state start over, as with a card just handed out.
  const newCps = (): VirtualCps3 =>
    new VirtualCps3({ holder: DEMO_PRACTITIONER, auth: doctor.auth, sign: doctor.sign });
  // Free practice until a scenario starts: the demonstration family card.
  let lesson: Lesson = {
    scenario: undefined,
    cards: { vitale: new VirtualVitale2({ beneficiaries: DEMO_FAMILY }), cps: newCps() },
  };

  const status = (): TrainingStatus => ({
    slots: (['vitale', 'cps'] as const)
      .filter((card) => lesson.cards[card] !== undefined)
      .map((card) => ({ card, reader: TRAINING_READERS[card], inserted: readers[card].card() !== undefined })),
    practitioner: `${DEMO_PRACTITIONER.firstName} ${DEMO_PRACTITIONER.lastName}`,
    beneficiaries: (lesson.scenario === undefined ? DEMO_FAMILY : (lesson.scenario.vitale ?? [])).map(
      (person) => `${person.firstName} ${person.lastName}`,
    ),
    scenario: lesson.scenario === undefined ? null : scenarioSummary(lesson.scenario),
  });
  const start = (scenario: TrainingScenarioDefinition): TrainingStatus => {
    lesson = {
      scenario,
      cards: applyScenario(scenario, { admin: dmp.admin, readers, newCps, practitioner: DEMO_PRACTITIONER.nationalId }),
    };
    logger.info('training.scenario_started', { scenario: scenario.id });
    return status();
  };
  const desk: TrainingDesk = {
    status,
    insert: (card) => {
      const inserted = lesson.cards[card];
      if (inserted === undefined) throw new AppError('TRAINING_NO_SUCH_CARD', { details: { card } });
      if (readers[card].card() === undefined) readers[card].insert(inserted);
      logger.info('training.card_inserted', { card });
      return status();
    },
    remove: (card) => {
      readers[card].remove();
      logger.info('training.card_removed', { card });
      return status();
    },
    scenarios: () => TRAINING_SCENARIOS.map(scenarioSummary),
    startScenario: (id) => start(trainingScenario(id)),
    resetScenario: () => {
      if (lesson.scenario === undefined) throw new AppError('TRAINING_NO_SCENARIO');
      return start(lesson.scenario);
    },
  };

  logger.info('training.started', { insi: insi.url, dmp: dmp.url });
  return {
    servicesConfig: {
      cards: { backend: 'virtual', readers: [readers.vitale, readers.cps] },
      insi: {
        url: insi.url,
        tls: { certPem: establishment.certPem, keyPem: establishment.keyPem, caPem: pki.caCertPem },
        emitter: TRAINING_ESTABLISHMENT.finess,
      },
      // The VIHF is signed by the virtual CPS in its reader, as at a real desk (PIN first).
      dmp: trainingDmpEndpoint({ baseUrl: dmp.url, caPem: pki.caCertPem, auth: doctor.auth }),
      training: desk,
    },
    deskDataDir,
    close: async () => {
      readers.vitale.remove();
      readers.cps.remove();
      await Promise.all([insi.close(), dmp.close()]);
    },
  };
}
