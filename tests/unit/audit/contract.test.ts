import { describe, expect, it } from 'vitest';
import { AUDIT_MAX_FINDINGS, HISTORY_MAX_ENTRIES, historyMethods } from '../../../shared/api/history';

const { request, response } = historyMethods.accesses;

const entry = {
  line: 1,
  at: '2026-11-22T09:00:00.000Z',
  transaction: 'TD1.3a',
  accessMode: 'centre_15',
  professional: '899900038839',
  outcome: 'DMP_PATIENT_OPPOSED',
  documentId: null,
};
const answer = { entries: [entry], total: 1, otherKeyEntries: 0, chain: 'intact', unsaved: 0 };

describe('history.accesses contract', () => {
  it('asks by patientId only: main resolves it to the INS the journal is keyed on', () => {
    const patientId = '4e1d7c2b-8a3f-4b6e-9d0c-7f2a1b3c4d5e';
    const patient = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' };
    expect(request.safeParse({ patientId }).success).toBe(true);
    expect(request.safeParse({ patient }).success).toBe(false);
    expect(request.safeParse({ patientId, patient }).success).toBe(false);
    expect(request.safeParse({ patientId: patient.matricule }).success).toBe(false);
    expect(request.safeParse({ patientId, name: 'DUPONT' }).success).toBe(false);
  });

  it('answers entries with stable outcome codes and a chain state', () => {
    expect(response.safeParse(answer).success).toBe(true);
    expect(response.safeParse({ ...answer, chain: { brokenAt: 4, reason: 'torn' } }).success).toBe(true);
    expect(response.safeParse({ ...answer, chain: { brokenAt: 4, reason: 'gremlins' } }).success).toBe(false);
    expect(response.safeParse({ ...answer, chain: { brokenAt: 0, reason: 'chain' } }).success).toBe(false);
  });

  it('refuses what the journal must never carry back: free text, unknown codes, extra fields', () => {
    const bad = [
      { ...entry, outcome: 'Patient inconscient' },
      { ...entry, transaction: 'consultation du DMP' },
      { ...entry, accessMode: 'urgence' },
      { ...entry, reason: 'allergie' },
      { ...entry, title: 'Compte rendu' },
    ];
    for (const candidate of bad) expect(response.safeParse({ ...answer, entries: [candidate] }).success).toBe(false);
  });

  it('caps the entries one answer carries', () => {
    const many = Array.from({ length: HISTORY_MAX_ENTRIES + 1 }, (_, n) => ({ ...entry, line: n + 1 }));
    expect(response.safeParse({ ...answer, entries: many, total: many.length }).success).toBe(false);
    expect(response.safeParse({ ...answer, entries: many.slice(1), total: many.length }).success).toBe(true);
  });
});

describe('history.verify contract', () => {
  const verify = historyMethods.verify;
  const report = {
    intact: false,
    lines: 12,
    anchoredLines: 12,
    unanchored: 0,
    findings: [{ kind: 'edited', line: 4 }, { kind: 'truncated', missing: 2 }, { kind: 'key_deleted' }],
    omittedFindings: 0,
  };

  it('asks nothing: the journal is the desk’s, not a patient’s', () => {
    expect(verify.request.safeParse({}).success).toBe(true);
    expect(verify.request.safeParse({ patientId: '4e1d7c2b-8a3f-4b6e-9d0c-7f2a1b3c4d5e' }).success).toBe(false);
  });

  it('answers findings by kind and line numbers only, never a line’s content', () => {
    expect(verify.response.safeParse(report).success).toBe(true);
    const withContent = { ...report, findings: [{ kind: 'edited', line: 4, text: '{"patient":"…"}' }] };
    expect(verify.response.safeParse(withContent).success).toBe(false);
    expect(verify.response.safeParse({ ...report, findings: [{ kind: 'gremlins', line: 1 }] }).success).toBe(false);
    expect(verify.response.safeParse({ ...report, findings: [{ kind: 'edited', line: 0 }] }).success).toBe(false);
  });

  it('caps the findings one answer carries', () => {
    const many = Array.from({ length: AUDIT_MAX_FINDINGS + 1 }, (_, n) => ({ kind: 'edited', line: n + 1 }));
    expect(verify.response.safeParse({ ...report, findings: many }).success).toBe(false);
    expect(verify.response.safeParse({ ...report, findings: many.slice(1), omittedFindings: 1 }).success).toBe(true);
  });
});
