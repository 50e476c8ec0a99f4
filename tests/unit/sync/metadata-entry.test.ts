import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../main/dmp/xds';
import { metadataEntry } from '../../../main/sync/metadata-entry';
import { decodeRequest } from '../../../main/sync/request';

const AUTHOR = { nationalId: '810001234567', firstName: 'MAX', lastName: 'LIBRE', roles: [] };
const input = {
  kind: 'status' as const,
  transaction: 'TD3.3c',
  patientId: '11111111-1111-4111-8111-111111111111',
  ins: { oid: '1.2.250.1.213.1.4.10', matricule: '207058575627097' },
  patient: { family: 'PATB-QUATRE', given: 'LAURENCE', birthDate: '1907-05-25' },
  title: 'T'.repeat(300),
  documentId: '1.2.250.1.999.42',
  author: AUTHOR,
  accessMode: 'bris_de_glace' as const,
  emergencyReason: 'urgence vitale',
  body: '<lcm:SubmitObjectsRequest/>',
  check: { entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e', status: 'deleted' as const },
  enqueuedAt: new Date('2026-03-01T10:00:00Z'),
};

describe('metadataEntry', () => {
  it('keeps the very ITI-57 request, in the mode it was made in, with its TD code and lookup', () => {
    const entry = metadataEntry(input);
    expect(entry).toMatchObject({
      kind: 'status',
      patientId: input.patientId,
      ins: input.ins,
      uniqueId: '1.2.250.1.999.42',
      authorId: AUTHOR.nationalId,
      enqueuedAt: '2026-03-01T10:00:00.000Z',
    });
    // The screen's limits (shared/api/outbox.ts).
    expect(entry.title).toHaveLength(200);
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeRequest(entry.payload)).toEqual({
      author: AUTHOR,
      accessMode: 'bris_de_glace',
      emergencyReason: 'urgence vitale',
      service: 'registry',
      action: ACTION.updateDocumentSet,
      body: '<lcm:SubmitObjectsRequest/>',
      attachments: [],
      transaction: 'TD3.3c',
      check: input.check,
    });
  });

  it('takes the id it is given, so a caller may listen for the first attempt before enqueuing', () => {
    expect(metadataEntry({ ...input, id: '00000000-0000-4000-8000-000000000001' }).id).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
  });
});
