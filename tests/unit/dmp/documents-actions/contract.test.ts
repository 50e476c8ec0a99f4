import { describe, expect, it } from 'vitest';
import {
  DocumentDepositRequestSchema,
  DocumentStatusChangeRequestSchema,
  DocumentVisibilityRequestSchema,
} from '../../../../shared/api/documents';

/** The patient session main opened: calls name it by id, never by INS. */
const patientId = '4e1d7c2b-8a3f-4b6e-9d0c-7f2a1b3c4d5e';
const entryUuid = 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e';

describe('documents.setVisibility request', () => {
  it('takes codes to add and to remove', () => {
    expect(DocumentVisibilityRequestSchema.safeParse({ patientId, entryUuid, add: ['MASQUE_PS'] }).success).toBe(true);
    // Never by INS: main resolves the id to the qualified identity's.
    const ins = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' };
    expect(DocumentVisibilityRequestSchema.safeParse({ patient: ins, entryUuid, add: ['MASQUE_PS'] }).success).toBe(
      false,
    );
    expect(
      DocumentVisibilityRequestSchema.safeParse({
        patientId,
        entryUuid,
        add: ['INVISIBLE_PATIENT'],
        remove: ['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      }).success,
    ).toBe(true);
  });

  it('refuses an empty change, a contradiction, a code outside the DMP set and a malformed entry id', () => {
    for (const request of [
      { patientId, entryUuid },
      { patientId, entryUuid, add: [], remove: [] },
      { patientId, entryUuid, add: ['MASQUE_PS'], remove: ['MASQUE_PS'] },
      { patientId, entryUuid, add: ['N'] },
      { patientId, entryUuid: 'Document01', add: ['MASQUE_PS'] },
      { patientId, entryUuid, add: ['MASQUE_PS'], status: 'approved' },
    ]) {
      expect(DocumentVisibilityRequestSchema.safeParse(request).success).toBe(false);
    }
  });
});

describe('documents.setStatus and documents.deposit for the actions', () => {
  it('accepts delete from approved and archived only', () => {
    for (const currentStatus of ['approved', 'archived']) {
      expect(
        DocumentStatusChangeRequestSchema.safeParse({ patientId, entryUuid, currentStatus, change: 'delete' }).success,
      ).toBe(true);
    }
    expect(
      DocumentStatusChangeRequestSchema.safeParse({
        patientId,
        entryUuid,
        currentStatus: 'deprecated',
        change: 'delete',
      }).success,
    ).toBe(false);
  });

  it('takes the replaced version by entryUUID and uniqueId OID, nothing else', () => {
    const deposit = {
      patientId,
      title: 'Compte rendu v2',
      type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
      pdfBase64: Buffer.from('%PDF-1.4 minimal').toString('base64'),
    };
    const replaces = { entryUuid, uniqueId: '1.2.250.1.999.1.1.7898.4.1001' };
    expect(DocumentDepositRequestSchema.safeParse({ ...deposit, replaces }).success).toBe(true);
    for (const bad of [
      { ...replaces, uniqueId: 'not-an-oid' },
      { ...replaces, entryUuid: 'x' },
      { ...replaces, setId: '1.2.3' },
    ]) {
      expect(DocumentDepositRequestSchema.safeParse({ ...deposit, replaces: bad }).success).toBe(false);
    }
  });
});
