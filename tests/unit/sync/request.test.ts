import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from '../../../main/sync/request';

describe('outbox request', () => {
  it('reads back the very body and MTOM bytes it kept', () => {
    const request = {
      author: { nationalId: '810001234567', firstName: 'MAX', lastName: 'LIBRE', roles: [] },
      accessMode: 'bris_de_glace' as const,
      emergencyReason: 'urgence vitale',
      service: 'repository' as const,
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
      body: '<ProvideAndRegisterDocumentSetRequest/>',
      attachments: [{ contentId: 'doc1@dmp-desk', contentType: 'text/xml', data: new Uint8Array([0, 255, 7]) }],
    };
    expect(decodeRequest(encodeRequest(request))).toEqual(request);
  });

  it('keeps the TD code and the lookup of a metadata change, and reads an earlier item without them', () => {
    const change = {
      author: { nationalId: '810001234567', firstName: 'MAX', lastName: 'LIBRE', roles: [] },
      accessMode: 'normal' as const,
      service: 'registry' as const,
      action: 'urn:ihe:iti:2010:UpdateDocumentSet',
      body: '<SubmitObjectsRequest/>',
      attachments: [],
      transaction: 'TD3.3d',
      check: { entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e', status: 'archived' as const },
    };
    expect(decodeRequest(encodeRequest(change))).toEqual(change);
    const { transaction: _transaction, check: _check, ...deposit } = change;
    const earlier = decodeRequest(encodeRequest(deposit));
    expect(earlier).toEqual(deposit);
    expect('check' in earlier || 'transaction' in earlier).toBe(false);
  });

  it('refuses a payload it did not write', () => {
    expect(() => decodeRequest(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'OUTBOX_PAYLOAD_UNREADABLE' }),
    );
    expect(() => decodeRequest(new TextEncoder().encode('{"format":9}'))).toThrow(
      expect.objectContaining({ code: 'OUTBOX_PAYLOAD_UNREADABLE' }),
    );
  });
});
