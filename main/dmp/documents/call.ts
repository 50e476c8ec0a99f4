import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import { buildEnvelope, postSoap, wsSecurityHeader } from '../../soap';
import type { DecodedResponse } from '../../soap/content';
import { encodeMtomRequest, type MtomAttachment } from '../../soap/mtom';
import { servicesRoot } from '../client';
import { refineSoapFault } from '../dmp-codes';
import type { DmpServiceConfig } from '../service';
import { createVihf } from '../vihf';

export interface DocumentCall {
  readonly service: 'registry' | 'repository';
  readonly action: string;
  readonly body: string;
  /** MTOM parts (ITI-41): the request then travels as multipart/related. */
  readonly attachments?: readonly MtomAttachment[];
  readonly patient: { readonly matricule: string; readonly oid: string };
  readonly accessMode?: DmpAccessMode;
}

export interface DocumentAnswer {
  readonly payload: Element;
  /** The MTOM parts of the answer, for the `xop:Include` of ITI-43. */
  readonly message: DecodedResponse;
}

export type DocumentCaller = (call: DocumentCall) => Promise<DocumentAnswer>;

/**
 * Document transactions need MTOM both ways, which the generic DMP client does not carry: same
 * VIHF, same envelope, same mutual TLS, but the encoded body and the answer's parts are kept.
 */
export function createDocumentCaller(config: DmpServiceConfig, logger?: Logger): DocumentCaller {
  const root = servicesRoot(config.baseUrl);
  const now = config.now ?? (() => new Date());
  return async (call) => {
    const url = `${root}/${call.service}`;
    const accessMode = call.accessMode ?? 'normal';
    const vihf = await createVihf(
      {
        practitioner: config.practitioner,
        structure: config.structure,
        software: config.software,
        authMode: config.authMode,
        accessMode,
        patient: call.patient,
      },
      config.signer,
      now(),
    );
    const envelope = buildEnvelope({
      action: call.action,
      to: url,
      extraHeaders: [wsSecurityHeader(vihf)],
      body: call.body,
    });
    try {
      const response = await postSoap({
        url,
        action: call.action,
        body: call.attachments === undefined ? envelope : encodeMtomRequest(envelope, call.action, call.attachments),
        tls: config.tls,
        ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
        ...(logger === undefined ? {} : { logger }),
      });
      const payload = response.envelope.payload;
      if (payload === undefined) throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'empty_body' } });
      return { payload, message: { envelopeXml: '', attachments: response.attachments } };
    } catch (error) {
      throw refineSoapFault(error, accessMode);
    }
  };
}
