import type { DmpHandlers } from '../../shared/api';
import type { EventBus } from '../events/event-bus';
import type { CallContext } from '../ipc/router';
import type { Logger } from '../log/logger';
import type { PractitionerSession } from '../session/practitioner-session';
import { createCardService, type CardService } from './card-service';
import { createPcscBackend, type HostLauncher } from './pcsc-backend';
import { createVirtualBackend, type InProcessReader } from './virtual-backend';

/**
 * Which readers the app uses. PC/SC by default; `virtual` takes in-process readers built by the
 * caller (training mode, tests): main never imports the simulators that implement them.
 */
export type CardsConfig =
  | {
      readonly backend: 'pcsc';
      /** How the PC/SC host process is started: Electron's utility process in the app, a Node fork elsewhere. */
      readonly launch?: HostLauncher;
    }
  | { readonly backend: 'virtual'; readonly readers: readonly InProcessReader[] };

export function createCardsFromConfig(
  config: { readonly cards?: CardsConfig; readonly logger: Logger },
  events: EventBus,
): CardService {
  const logger = config.logger.child('cards');
  const cards = config.cards ?? { backend: 'pcsc' };
  const backend =
    cards.backend === 'virtual'
      ? createVirtualBackend(cards.readers)
      : createPcscBackend({
          logger: logger.child('pcsc'),
          ...(cards.launch === undefined ? {} : { launch: cards.launch }),
        });
  const service = createCardService({ backend, logger });
  service.onChange((status) => events.emit('cards.changed', status));
  return service;
}

/** The CPS side goes through the practitioner session, which owns the holder and the PIN state. */
export function cardsHandlers(
  cards: CardService,
  practitioner: Pick<PractitionerSession, 'holder' | 'verifyPin'>,
): DmpHandlers<CallContext>['cards'] {
  return {
    status: async () => cards.status(),
    readVitale: async ({ reader }) => ({ beneficiaries: await cards.readVitale(reader) }),
    cpsHolder: async ({ reader }) => practitioner.holder(reader),
    verifyPin: async ({ reader, pin }) => practitioner.verifyPin(reader, pin),
  };
}
