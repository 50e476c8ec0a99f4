import type { DmpAccessMode, DmpAuthMode, DmpServiceName } from '../../shared/domain/dmp';
import { AppError } from '../../shared/errors';
import type { Signer } from '../crypto/signer';
import type { Logger } from '../log/logger';
import {
  buildEnvelope,
  postSoap,
  wsSecurityHeader,
  type ParsedEnvelope,
  type SoapResponse,
  type TlsCredentials,
} from '../soap';
import { encodeMtomRequest, type MtomAttachment } from '../soap/mtom';
import { refineSoapFault } from './dmp-codes';
import type { Hl7Author, Hl7Sender, PatientIns } from './hl7v3';
import { createVihf, type VihfPractitioner, type VihfSoftware, type VihfStructure } from './vihf';
import { createVihfCache } from './vihf/cache';

/** Everything main knows about who calls the DMP; none of it comes from the renderer. */
export interface DmpClientConfig {
  /** `https://host[:port]`, or the services root `https://host/si-dmp-server/v2/services`. */
  readonly baseUrl: string;
  /** TLS client credentials: the authentication key (CPS auth, or establishment ORG-AUTH_CLI). */
  readonly tls: TlsCredentials;
  /** VIHF signature key (CPS signature, or establishment ORG-SIGN): never the TLS one. */
  readonly signer: Signer;
  readonly practitioner: VihfPractitioner;
  readonly structure: VihfStructure & { readonly name: string };
  readonly software: VihfSoftware & { readonly senderOid: string };
  readonly authMode: DmpAuthMode;
  readonly timeoutMs?: number;
  /** How long a signed VIHF is reused for the same patient and access mode (0 = a new token per call). */
  readonly vihfTtlMs?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface DmpCall {
  readonly service: DmpServiceName;
  readonly action: string;
  readonly body: string;
  readonly patient?: PatientIns | undefined;
  readonly accessMode: DmpAccessMode;
  /** Mandatory for bris_de_glace and centre_15 (may be health data: never logged). */
  readonly emergencyReason?: string | undefined;
  /** MTOM parts (ITI-41): the request then travels as multipart/related. */
  readonly attachments?: readonly MtomAttachment[] | undefined;
}

export interface DmpClient {
  call(request: DmpCall): Promise<ParsedEnvelope>;
  /** The same call, keeping the answer's MTOM parts (ITI-43 returns the document there). */
  exchange(request: DmpCall): Promise<SoapResponse>;
  readonly sender: Hl7Sender;
  readonly author: Hl7Author;
  readonly now: () => Date;
}

const SERVICES_PATH = '/si-dmp-server/v2/services';
/** Well inside the hours a DMP accepts a token for, short enough that a change of card or context is soon reflected. */
export const DEFAULT_VIHF_TTL_MS = 5 * 60_000;

export function servicesRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith(SERVICES_PATH) ? trimmed : `${trimmed}${SERVICES_PATH}`;
}

/**
 * One DMP call = a fresh VIHF signed for this patient and access mode, a SOAP 1.2 envelope,
 * mutual TLS. Faults carrying a DMP subcode come back as DMP_* errors.
 */
export function createDmpClient(config: DmpClientConfig): DmpClient {
  const root = servicesRoot(config.baseUrl);
  const now = config.now ?? (() => new Date());
  const logger = config.logger;
  const specialty = config.practitioner.roles[1];
  const vihfCache = createVihfCache(config.vihfTtlMs ?? DEFAULT_VIHF_TTL_MS);

  const exchange = async (request: DmpCall): Promise<SoapResponse> => {
    const url = `${root}/${request.service}`;
    const emergencyReason = checkedEmergencyReason(request);
    // A token carries the reason: another reason must never reuse a token signed for the first one.
    const cacheKey = JSON.stringify([
      request.accessMode,
      request.patient?.oid ?? '',
      request.patient?.matricule ?? '',
      emergencyReason ?? '',
    ]);
    const vihf = await vihfCache.get(cacheKey, () =>
      createVihf(
        {
          practitioner: config.practitioner,
          structure: config.structure,
          software: config.software,
          authMode: config.authMode,
          accessMode: request.accessMode,
          patient: request.patient,
          emergencyReason,
        },
        config.signer,
        now(),
      ),
    );
    const envelope = buildEnvelope({
      action: request.action,
      to: url,
      extraHeaders: [wsSecurityHeader(vihf)],
      body: request.body,
    });
    try {
      return await postSoap({
        url,
        action: request.action,
        body:
          request.attachments === undefined
            ? envelope
            : encodeMtomRequest(envelope, request.action, request.attachments),
        tls: config.tls,
        ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
        ...(logger === undefined ? {} : { logger }),
      });
    } catch (error) {
      throw refineSoapFault(error, request.accessMode);
    }
  };

  return {
    sender: { oid: config.software.senderOid, softwareName: config.software.name },
    author: {
      nationalId: config.practitioner.nationalId,
      name: { family: config.practitioner.lastName, given: config.practitioner.firstName },
      specialty:
        specialty === undefined
          ? undefined
          : {
              code: specialty.code,
              ...(specialty.displayName === undefined ? {} : { displayName: specialty.displayName }),
            },
      structure: { id: config.structure.id, name: config.structure.name },
    },
    now,
    exchange,
    call: async (request) => (await exchange(request)).envelope,
  };
}

/** The trimmed reason of an emergency call, refused when missing; undefined in normal mode. */
function checkedEmergencyReason(request: DmpCall): string | undefined {
  if (request.accessMode === 'normal') return undefined;
  const reason = request.emergencyReason?.trim() ?? '';
  if (reason === '')
    throw new AppError('DMP_EMERGENCY_REASON_REQUIRED', { details: { accessMode: request.accessMode } });
  return reason;
}

/**
 * The same client, with every call carrying the reason the user typed for this request: the
 * transactions stay unaware of emergency access, the VIHF gets the reason.
 */
export function withEmergencyReason(client: DmpClient, emergencyReason: string | undefined): DmpClient {
  if (emergencyReason === undefined) return client;
  return {
    ...client,
    call: (request) => client.call({ ...request, emergencyReason }),
    exchange: (request) => client.exchange({ ...request, emergencyReason }),
  };
}
