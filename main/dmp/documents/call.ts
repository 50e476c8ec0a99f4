import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { DecodedResponse } from '../../soap/content';
import type { MtomAttachment } from '../../soap/mtom';
import { createDmpClient, type DmpClient, type DmpClientConfig } from '../client';

export interface DocumentCall {
  readonly service: 'registry' | 'repository';
  readonly action: string;
  readonly body: string;
  /** MTOM parts (ITI-41): the request then travels as multipart/related. */
  readonly attachments?: readonly MtomAttachment[];
  readonly patient: { readonly matricule: string; readonly oid: string };
  readonly accessMode?: DmpAccessMode;
  /** The typed reason of the emergency session the call is made under (never logged). */
  readonly emergencyReason?: string;
}

export interface DocumentAnswer {
  readonly payload: Element;
  /** The MTOM parts of the answer, for the `xop:Include` of ITI-43. */
  readonly message: DecodedResponse;
}

export type DocumentCaller = (call: DocumentCall) => Promise<DocumentAnswer>;

/**
 * Document transactions through the one DMP client of the pipeline: same VIHF cache (the
 * practitioner's), same envelope and mutual TLS, with MTOM parts kept both ways. Every call is
 * made in the access mode the pipeline resolved; the client already carries its emergency reason.
 */
export function documentCallerOf(client: DmpClient, accessMode: DmpAccessMode = 'normal'): DocumentCaller {
  return async (call) => {
    const response = await client.exchange({
      service: call.service,
      action: call.action,
      body: call.body,
      attachments: call.attachments,
      patient: call.patient,
      accessMode: call.accessMode ?? accessMode,
      emergencyReason: call.emergencyReason,
    });
    const payload = response.envelope.payload;
    if (payload === undefined) throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'empty_body' } });
    return { payload, message: { envelopeXml: '', attachments: response.attachments } };
  };
}

/** A caller for one fixed practitioner (tests, tools): a client of its own. */
export function createDocumentCaller(config: Omit<DmpClientConfig, 'logger'>, logger?: Logger): DocumentCaller {
  return documentCallerOf(createDmpClient({ ...config, ...(logger === undefined ? {} : { logger }) }));
}
