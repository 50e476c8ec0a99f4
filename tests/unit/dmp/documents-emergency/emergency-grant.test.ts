import { describe, expect, it } from 'vitest';
import type { DocumentCall } from '../../../../main/dmp/documents/call';
import { createDocumentsHandlers } from '../../../../main/dmp/documents';
import { refineRegistryRefusal } from '../../../../main/dmp/documents/refusal';
import { createEmergencySessions } from '../../../../main/dmp/emergency-session';
import type { DmpServiceConfig } from '../../../../main/dmp/service';
import { DocumentRetrieveRequestSchema, DocumentSearchRequestSchema } from '../../../../shared/api/documents';
import { AppError } from '../../../../shared/errors';
import type { IssuedCredential } from '../../../../simulators/pki';
import { exampleDoctorConfig } from '../../../support/example-doctor';
import { memoryLogger } from '../../../support/memory-logger';

const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OTHER = { matricule: '297022A02077878', oid: '1.2.250.1.213.1.4.8' } as const;
const REASON = 'Détresse respiratoire, antécédents inconnus';

describe('emergency sessions keep the reason in main', () => {
  it('resolve a session of its patient to its mode and latest reason; never list the reason', () => {
    const sessions = createEmergencySessions();
    const session = sessions.start(PATIENT, 'centre_15', 'premier motif');
    expect(sessions.resolve(session.id, PATIENT)).toEqual({ mode: 'centre_15', reason: 'premier motif' });
    // A new access in the same session is the user's newer explicit decision.
    expect(sessions.start(PATIENT, 'centre_15', REASON)).toBe(session);
    expect(sessions.resolve(session.id, PATIENT)).toEqual({ mode: 'centre_15', reason: REASON });
    expect(JSON.stringify(sessions.list())).not.toContain('respiratoire');
  });

  it('refuse a session of another patient, an unknown one and an ended one with typed codes', () => {
    const sessions = createEmergencySessions();
    const session = sessions.start(PATIENT, 'bris_de_glace', REASON);
    expect(() => sessions.resolve(session.id, OTHER)).toThrow(
      expect.objectContaining({
        code: 'DMP_EMERGENCY_SESSION_OTHER_PATIENT',
        details: { accessMode: 'bris_de_glace' },
      }),
    );
    expect(() => sessions.resolve('7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11', PATIENT)).toThrow(
      expect.objectContaining({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' }),
    );
    sessions.end(session.id);
    expect(() => sessions.resolve(session.id, PATIENT)).toThrow(
      expect.objectContaining({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' }),
    );
  });
});

describe('the documents handler wrapper under an emergency session', () => {
  // The caller below stands in for the one DMP client: no TLS, and no signature (nothing is deposited).
  const config: DmpServiceConfig = exampleDoctorConfig({
    baseUrl: 'https://127.0.0.1:1',
    caPem: '',
    auth: { certPem: '', keyPem: '' } as IssuedCredential,
    signer: {
      role: 'signature',
      algorithm: 'RSA-SHA256',
      certificateDer: new Uint8Array(),
      sign: () => Promise.reject(new Error('no signature in these tests')),
    },
  });

  function desk() {
    const sessions = createEmergencySessions();
    const calls: DocumentCall[] = [];
    const log = memoryLogger();
    const handlers = createDocumentsHandlers({
      config,
      logger: log.logger,
      sessions,
      caller: async (call) => {
        calls.push(call);
        throw new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'DMPAccessDeniedByPatient', count: 1 } });
      },
    });
    return { handlers, sessions, calls, log };
  }

  it('sends the call in the session mode with its reason; the DMP refusal by the patient is an opposition', async () => {
    const { handlers, sessions, calls, log } = desk();
    const session = sessions.start(PATIENT, 'bris_de_glace', REASON);
    await expect(
      handlers.search({ patient: PATIENT, statuses: ['approved'], emergencySessionId: session.id }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_PATIENT_OPPOSED', details: { dmpCode: 'DMPAccessDeniedByPatient' } });
    expect(calls).toEqual([expect.objectContaining({ accessMode: 'bris_de_glace', emergencyReason: REASON })]);
    expect(log.text()).toContain('bris_de_glace');
    expect(log.text()).not.toContain('respiratoire');
  });

  it('without a session the call is normal, and the same refusal means a blocked professional', async () => {
    const { handlers, calls } = desk();
    await expect(
      handlers.retrieve({ patient: PATIENT, uniqueId: '1.2.250.1.213.4.1.9.1' }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_PROFESSIONAL_BLOCKED' });
    expect(calls[0]?.accessMode ?? 'normal').toBe('normal');
    expect(calls[0]?.emergencyReason).toBeUndefined();
  });

  it('an unknown session or one of another patient never reaches the DMP', async () => {
    const { handlers, sessions, calls } = desk();
    const session = sessions.start(OTHER, 'centre_15', REASON);
    await expect(
      handlers.search({ patient: PATIENT, statuses: ['approved'], emergencySessionId: session.id }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_EMERGENCY_SESSION_OTHER_PATIENT' });
    await expect(
      handlers.retrieve(
        { patient: PATIENT, uniqueId: '1.2.3', emergencySessionId: '7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11' },
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' });
    expect(calls).toEqual([]);
  });

  it('a wrapper built without the sessions knows none', async () => {
    const handlers = createDocumentsHandlers({
      config,
      logger: memoryLogger().logger,
      caller: async () => {
        throw new Error('must not be called');
      },
    });
    await expect(
      handlers.search(
        { patient: PATIENT, statuses: ['approved'], emergencySessionId: '7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11' },
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' });
  });
});

describe('registry refusals', () => {
  it('become DMP_* codes only when the registry gave a DMP code', () => {
    const registry = (errorCode: string) => new AppError('DOC_REGISTRY_ERROR', { details: { errorCode, count: 1 } });
    expect(refineRegistryRefusal(registry('DMPAccessDenied'), 'normal')).toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    expect(refineRegistryRefusal(registry('DMPAccessDeniedByPatient'), 'centre_15')).toMatchObject({
      code: 'DMP_PATIENT_OPPOSED',
    });
    const xds = registry('XDSRegistryMetadataError');
    expect(refineRegistryRefusal(xds, 'bris_de_glace')).toBe(xds);
    const other = new AppError('DOC_NOT_FOUND');
    expect(refineRegistryRefusal(other, 'normal')).toBe(other);
  });
});

describe('contract', () => {
  it('document reads name an emergency session by its uuid only', () => {
    const search = { patient: PATIENT, emergencySessionId: '7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11' };
    expect(DocumentSearchRequestSchema.safeParse(search).success).toBe(true);
    expect(DocumentSearchRequestSchema.safeParse({ ...search, emergencySessionId: 'bris_de_glace' }).success).toBe(
      false,
    );
    // The reason never travels with a document call: main has it.
    expect(DocumentSearchRequestSchema.safeParse({ ...search, emergencyReason: REASON }).success).toBe(false);
    expect(
      DocumentRetrieveRequestSchema.safeParse({ patient: PATIENT, uniqueId: '1.2.3', accessMode: 'bris_de_glace' })
        .success,
    ).toBe(false);
  });
});
