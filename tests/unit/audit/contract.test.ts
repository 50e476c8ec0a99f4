import { describe, expect, it } from 'vitest';
import { HISTORY_MAX_ENTRIES, historyMethods } from '../../../shared/api/history';

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
