import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { ProxyConfig } from '../config/runtime';
import type { TlsCredentials } from '../soap';
import { createIdentityService, type IdentityService } from './identity-service';
import { createInsiClient } from './insi/client';
import type { LpsIdentity } from './insi/request';

export interface InsiConfig {
  readonly url: string;
  /** Client certificate (CPS authentication key or establishment certificate) and trust anchors. */
  readonly tls: TlsCredentials;
  /** Software identification; defaults describe this build (no CNDA homologation number yet). */
  readonly lps?: LpsIdentity;
  /** Caller identifier in the context headers (structure FINESS or PS IdNat). */
  readonly emitter?: string;
  readonly timeoutMs?: number;
  /** HTTPS proxy (CONNECT) the clinic routes outbound traffic through. */
  readonly proxy?: ProxyConfig;
}

export function createIdentityFromConfig(
  config: { readonly insi?: InsiConfig; readonly logger: Logger; readonly appVersion: string },
  events: EventBus,
): IdentityService {
  const logger = config.logger.child('identity');
  const insi = config.insi;
  return createIdentityService({
    insi:
      insi === undefined
        ? undefined
        : createInsiClient({
            url: insi.url,
            tls: insi.tls,
            lps: insi.lps ?? {
              idam: 'NON-HOMOLOGUE',
              version: config.appVersion,
              instance: 'dmp-desk',
              name: 'DMPDESK',
            },
            emitter: insi.emitter ?? 'dmp-desk',
            ...(insi.timeoutMs === undefined ? {} : { timeoutMs: insi.timeoutMs }),
            ...(insi.proxy === undefined ? {} : { proxy: insi.proxy }),
            logger: logger.child('insi'),
          }),
    logger,
    onStatusChanged: (patientId, status) => events.emit('identity.statusChanged', { patientId, status }),
  });
}
