import { describe, expect, it } from 'vitest';
import { createDocumentsHandlers } from '../../../../main/dmp/documents';
import { refineRegistryRefusal } from '../../../../main/dmp/documents/refusal';
import { createEmergencySessions } from '../../../../main/dmp/emergency-session';
import { DocumentRetrieveRequestSchema, DocumentSearchRequestSchema } from '../../../../shared/api/documents';
import { AppError } from '../../../../shared/errors';
import type { IssuedCredential } from '../../../../simulators/pki';
import { exampleDoctorConfig } from '../../../support/example-doctor';
import { memoryLogger } from '../../../support/memory-logger';
import {
  endpointOf,
  fixedPatients,
  fixedPractitioner,
  qualifiedPatient,
  recordingConnection,
  unitPipeline,
} from '../../../support/unit-pipeline';

const PATIENT_ID = '3c0f6f2e-5d55-4a57-9d1a-8f4a1b2c3d01';
const OTHER_ID = '3c0f6f2e-5d55-4a57-9d1a-8f4a1b2c3d02';
const UNQUALIFIED_ID = '3c0f6f2e-5d55-4a57-9d1a-8f4a1b2c3d03';
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OTHER = { matricule: '297022A02077878', oid: '1.2.250.1.213.1.4.8' } as const;
const REASON = 'Détresse respiratoire, antécédents inconnus';
const UNKNOWN_SESSION = '7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11';

describe('emergency sessions keep the reason in main', () => {
  it('resolve a session of its patient to its mode and latest reason; never list the reason', () => {
    const sessions = createEmergencySessions();
    const session = sessions.start(PATIENT_ID, 'centre_15', 'premier motif');
    expect(sessions.resolve(session.id, PATIENT_ID)).toEqual({ mode: 'centre_15', reason: 'premier motif' });
    // A new access in the same session is the user's newer explicit decision.
    expect(sessions.start(PATIENT_ID, 'centre_15', REASON)).toBe(session);
    expect(sessions.resolve(session.id, PATIENT_ID)).toEqual({ mode: 'centre_15', reason: REASON });
    expect(JSON.stringify(sessions.list())).not.toContain('respiratoire');
  });

  it('refuse a session of another patient, an unknown one and an ended one with typed codes', () => {
    const sessions = createEmergencySessions();
    const session = sessions.start(PATIENT_ID, 'bris_de_glace', REASON);
    expect(() => sessions.resolve(session.id, OTHER_ID)).toThrow(
      expect.objectContaining({
        code: 'DMP_EMERGENCY_SESSION_OTHER_PATIENT',
        details: { accessMode: 'bris_de_glace' },
      }),
    );
    expect(() => sessions.resolve(UNKNOWN_SESSION, PATIENT_ID)).toThrow(
      expect.objectContaining({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' }),
    );
    sessions.end(session.id);
    expect(() => sessions.resolve(session.id, PATIENT_ID)).toThrow(
      expect.objectContaining({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' }),
    );
  });
});

describe('the documents handler wrapper under an emergency session', () => {
  // The connection below stands in for the national DMP: no TLS, and no signature (nothing is deposited).
  const config = exampleDoctorConfig({
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
    const log = memoryLogger();
    const connection = recordingConnection(endpointOf(config), () =>
      Promise.reject(
        new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'DMPAccessDeniedByPatient', count: 1 } }),
      ),
    );
    const { pipeline, sessions, patients } = unitPipeline({
      connection,
      patients: fixedPatients([
        qualifiedPatient(PATIENT_ID, PATIENT, {
          birthName: 'PATB-QUATRE',
          firstNames: ['LAURENCE'],
          birthDate: '1907-05-25',
        }),
        qualifiedPatient(OTHER_ID, OTHER, {
          birthName: 'ADRTROIS',
          firstNames: ['DOMINIQUE'],
          birthDate: '1997-02-26',
        }),
        { patientId: UNQUALIFIED_ID, unqualified: true },
      ]),
      practitioner: fixedPractitioner(config),
      logger: log.logger,
    });
    const handlers = createDocumentsHandlers({ pipeline, logger: log.logger });
    return { handlers, sessions, calls: connection.calls, log, patients };
  }

  it('sends the call in the session mode with its reason; the DMP refusal by the patient is an opposition', async () => {
    const { handlers, sessions, calls, log } = desk();
    const session = sessions.start(PATIENT_ID, 'bris_de_glace', REASON);
    await expect(
      handlers.search({ patientId: PATIENT_ID, statuses: ['approved'], emergencySessionId: session.id }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_PATIENT_OPPOSED', details: { dmpCode: 'DMPAccessDeniedByPatient' } });
    // Main put the INS of the qualified identity the id names on the call.
    expect(calls).toEqual([
      expect.objectContaining({ accessMode: 'bris_de_glace', emergencyReason: REASON, patient: PATIENT }),
    ]);
    expect(log.text()).toContain('bris_de_glace');
    expect(log.text()).not.toContain('respiratoire');
    expect(log.text()).not.toContain(PATIENT.matricule);
  });

  it('without a session the call is normal, and the same refusal means a blocked professional', async () => {
    const { handlers, calls } = desk();
    await expect(
      handlers.retrieve({ patientId: PATIENT_ID, uniqueId: '1.2.250.1.213.4.1.9.1' }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_PROFESSIONAL_BLOCKED' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.accessMode).toBe('normal');
    expect(calls[0]?.emergencyReason).toBeUndefined();
  });

  it('an unknown session or one of another patient never reaches the DMP', async () => {
    const { handlers, sessions, calls } = desk();
    const session = sessions.start(OTHER_ID, 'centre_15', REASON);
    await expect(
      handlers.search({ patientId: PATIENT_ID, statuses: ['approved'], emergencySessionId: session.id }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_EMERGENCY_SESSION_OTHER_PATIENT' });
    await expect(
      handlers.retrieve({ patientId: PATIENT_ID, uniqueId: '1.2.3', emergencySessionId: UNKNOWN_SESSION }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' });
    expect(calls).toEqual([]);
  });

  it('a patient whose identity is not qualified never reaches the DMP, even under an emergency session', async () => {
    const { handlers, sessions, calls, patients } = desk();
    const session = sessions.start(UNQUALIFIED_ID, 'bris_de_glace', REASON);
    await expect(
      handlers.search({ patientId: UNQUALIFIED_ID, statuses: ['approved'], emergencySessionId: session.id }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTITY_NOT_QUALIFIED' });
    await expect(
      handlers.retrieve({ patientId: '3c0f6f2e-5d55-4a57-9d1a-8f4a1b2c3d99', uniqueId: '1.2.3' }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTITY_NOT_FOUND' });
    expect(patients.resolved).toEqual([UNQUALIFIED_ID, '3c0f6f2e-5d55-4a57-9d1a-8f4a1b2c3d99']);
    expect(calls).toEqual([]);
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
    const search = { patientId: PATIENT_ID, emergencySessionId: UNKNOWN_SESSION };
    expect(DocumentSearchRequestSchema.safeParse(search).success).toBe(true);
    expect(DocumentSearchRequestSchema.safeParse({ ...search, emergencySessionId: 'bris_de_glace' }).success).toBe(
      false,
    );
    // The reason never travels with a document call: main has it.
    expect(DocumentSearchRequestSchema.safeParse({ ...search, emergencyReason: REASON }).success).toBe(false);
    expect(
      DocumentRetrieveRequestSchema.safeParse({ patientId: PATIENT_ID, uniqueId: '1.2.3', accessMode: 'bris_de_glace' })
        .success,
    ).toBe(false);
  });

  it('document calls name the patient by session id, never by INS', () => {
    expect(DocumentSearchRequestSchema.safeParse({ patient: PATIENT }).success).toBe(false);
    expect(DocumentSearchRequestSchema.safeParse({ patientId: PATIENT_ID, patient: PATIENT }).success).toBe(false);
    expect(DocumentSearchRequestSchema.safeParse({ patientId: PATIENT.matricule }).success).toBe(false);
    expect(DocumentRetrieveRequestSchema.safeParse({ patient: PATIENT, uniqueId: '1.2.3' }).success).toBe(false);
  });
});
