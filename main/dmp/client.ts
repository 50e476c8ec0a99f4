import type { DmpAccessMode, DmpServiceName } from '../../shared/domain/dmp';
import { AppError } from '../../shared/errors';
import type { Signer } from '../crypto/signer';
import type { DmpEndpointConfig } from '../config/runtime';
import type { Logger } from '../log/logger';
import { buildEnvelope, postSoap, wsSecurityHeader, type ParsedEnvelope, type SoapResponse } from '../soap';
import { encodeMtomRequest, type MtomAttachment } from '../soap/mtom';
import { refineSoapFault } from './dmp-codes';
import type { Hl7Author, Hl7Sender, PatientIns } from './hl7v3';
import { createVihf, type VihfPractitioner } from './vihf';
import { createVihfCache, type VihfCache } from './vihf/cache';

/**
 * A DMP client for one fixed caller: the endpoint plus a practitioner and a signer. Tests and
 * tools use it; the app binds each call to the practitioner session instead (`createDmpConnection`).
 */
export interface DmpClientConfig extends Omit<DmpEndpointConfig, 'establishmentSigner'> {
  /** VIHF signature key (CPS signature, or establishment ORG-SIGN): never the TLS one. */
  readonly signer: Signer;
  readonly practitioner: VihfPractitioner;
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
  /** The key that signs the caller's VIHFs and, at deposit, the document's XAdES. */
  signer(): Promise<Signer>;
}

/** Who a call is made as: the practitioner, their signature key and the VIHF tokens already signed for them. */
export interface DmpCaller {
  readonly practitioner: VihfPractitioner;
  signer(): Promise<Signer>;
  readonly vihfCache: VihfCache;
}

/** The one connection to the national DMP: endpoint, TLS, proxy; every call names its caller. */
export interface DmpConnection {
  readonly endpoint: DmpEndpointConfig;
  readonly now: () => Date;
  /** A client whose calls are all made as `caller`. */
  clientFor(caller: DmpCaller): DmpClient;
}

const SERVICES_PATH = '/si-dmp-server/v2/services';
/** Well inside the hours a DMP accepts a token for, short enough that a change of card or context is soon reflected. */
export const DEFAULT_VIHF_TTL_MS = 5 * 60_000;

export function servicesRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith(SERVICES_PATH) ? trimmed : `${trimmed}${SERVICES_PATH}`;
}

/**
 * One DMP call = a VIHF signed for this caller, patient and access mode (reused from the caller's
 * cache while valid), a SOAP 1.2 envelope, mutual TLS. Faults carrying a DMP subcode come back as
 * DMP_* errors.
 */
export function createDmpConnection(
  endpoint: DmpEndpointConfig,
  options: { readonly logger?: Logger; readonly now?: () => Date } = {},
): DmpConnection {
  const root = servicesRoot(endpoint.baseUrl);
  const now = options.now ?? (() => new Date());
  const logger = options.logger;

  const exchange = async (request: DmpCall, caller: DmpCaller): Promise<SoapResponse> => {
    const url = `${root}/${request.service}`;
    const emergencyReason = checkedEmergencyReason(request);
    // A token carries the reason: another reason must never reuse a token signed for the first one.
    const cacheKey = JSON.stringify([
      request.accessMode,
      request.patient?.oid ?? '',
      request.patient?.matricule ?? '',
      emergencyReason ?? '',
    ]);
    const vihf = await caller.vihfCache.get(cacheKey, async () =>
      createVihf(
        {
          practitioner: caller.practitioner,
          structure: endpoint.structure,
          software: endpoint.software,
          authMode: endpoint.authMode,
          accessMode: request.accessMode,
          patient: request.patient,
          emergencyReason,
        },
        await caller.signer(),
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
        tls: endpoint.tls,
        ...(endpoint.timeoutMs === undefined ? {} : { timeoutMs: endpoint.timeoutMs }),
        ...(endpoint.proxy === undefined ? {} : { proxy: endpoint.proxy }),
        ...(logger === undefined ? {} : { logger }),
      });
    } catch (error) {
      throw refineSoapFault(error, request.accessMode);
    }
  };

  return {
    endpoint,
    now,
    clientFor: (caller) => ({
      sender: { oid: endpoint.software.senderOid, softwareName: endpoint.software.name },
      author: hl7Author(caller.practitioner, endpoint.structure),
      now,
      signer: () => caller.signer(),
      exchange: (request) => exchange(request, caller),
      call: async (request) => (await exchange(request, caller)).envelope,
    }),
  };
}

/** A client for one fixed caller (tests, tools): its own VIHF cache, its own signer. */
export function createDmpClient(config: DmpClientConfig): DmpClient {
  const { signer, practitioner, logger, now, vihfTtlMs, ...endpoint } = config;
  const connection = createDmpConnection(endpoint, {
    ...(logger === undefined ? {} : { logger }),
    ...(now === undefined ? {} : { now }),
  });
  return connection.clientFor({
    practitioner,
    signer: () => Promise.resolve(signer),
    vihfCache: createVihfCache(vihfTtlMs ?? DEFAULT_VIHF_TTL_MS),
  });
}

function hl7Author(practitioner: VihfPractitioner, structure: DmpEndpointConfig['structure']): Hl7Author {
  const specialty = practitioner.roles[1];
  return {
    nationalId: practitioner.nationalId,
    name: { family: practitioner.lastName, given: practitioner.firstName },
    specialty:
      specialty === undefined
        ? undefined
        : {
            code: specialty.code,
            ...(specialty.displayName === undefined ? {} : { displayName: specialty.displayName }),
          },
    structure: { id: structure.id, name: structure.name },
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
