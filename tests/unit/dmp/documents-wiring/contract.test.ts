import { describe, expect, it } from 'vitest';
import { DocumentDepositRequestSchema, MAX_DEPOSIT_PDF_BYTES } from '../../../../shared/api/documents';

const valid = {
  patientId: '0d4a2f7c-3b1e-4c9a-8f6d-5e2b1a0c9d8e',
  title: 'Compte rendu',
  type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
  pdfBase64: Buffer.from('%PDF-1.4 minimal').toString('base64'),
};

describe('documents.deposit request', () => {
  it('defaults the visibility to none', () => {
    const parsed = DocumentDepositRequestSchema.parse(valid);
    expect(parsed.visibility).toEqual([]);
  });

  it("names the patient by session id and carries no identity traits: main takes the qualified identity's", () => {
    const traits = { birthFamily: 'PATB-QUATRE', givenNames: 'LAURENCE', sex: 'F', birthDate: '1907-05-25' };
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, traits }).success).toBe(false);
    const ins = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' };
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, patient: ins }).success).toBe(false);
    const { patientId: _patientId, ...withoutPatient } = valid;
    expect(DocumentDepositRequestSchema.safeParse({ ...withoutPatient, patient: ins }).success).toBe(false);
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, patientId: ins.matricule }).success).toBe(false);
  });

  it('caps the PDF size before it reaches main', () => {
    const tooBig = Buffer.alloc(MAX_DEPOSIT_PDF_BYTES + 3).toString('base64');
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, pdfBase64: tooBig }).success).toBe(false);
    const atCap = Buffer.alloc(MAX_DEPOSIT_PDF_BYTES).toString('base64');
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, pdfBase64: atCap }).success).toBe(true);
  });

  it('accepts only DMP visibility codes and well-formed codes', () => {
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, visibility: ['MASQUE_PS'] }).success).toBe(true);
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, visibility: ['N'] }).success).toBe(false);
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, type: { ...valid.type, code: '<x/>' } }).success).toBe(
      false,
    );
    expect(DocumentDepositRequestSchema.safeParse({ ...valid, title: '   ' }).success).toBe(false);
  });
});
