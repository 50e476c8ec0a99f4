import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { Signer } from '../../../../main/crypto/signer';
import { createDmpClient } from '../../../../main/dmp/client';
import { createEmergencySessions } from '../../../../main/dmp/emergency-session';
import { buildVihf, VIHF_ATTRIBUTES, type VihfInput } from '../../../../main/dmp/vihf';
import { parseXmlSafely, selectElements, selectText } from '../../../../main/xml';

const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
/** The patient session the emergency access was made for: main keeps its INS, the session only names it. */
const PATIENT_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const INPUT: VihfInput = {
  practitioner: {
    nationalId: '899700000101',
    firstName: 'MAX',
    lastName: 'LIBRE',
    roles: [{ code: '10', codeSystem: '1.2.250.1.71.1.2.7' }],
  },
  structure: { id: '499900063480001', activitySector: 'SA07' },
  software: { name: 'DMP Desk', version: '0.1.0', homologationId: 'BCO-TEST' },
  authMode: 'DIRECTE',
  accessMode: 'normal',
  patient: PATIENT,
};

const reasonIn = (input: VihfInput): string[] => {
  const doc = parseXmlSafely(buildVihf(input, 'CN=X').xml);
  return selectElements(doc, `//saml:Attribute[@Name='${VIHF_ATTRIBUTES.accessReason}']`).map(
    (a) => a.textContent ?? '',
  );
};

describe('emergency reason in the VIHF', () => {
  it('is carried, escaped, in bris de glace and centre 15, right after the purpose of use', () => {
    const reason = 'Inconscient <urgence> & "AVP"';
    for (const accessMode of ['bris_de_glace', 'centre_15'] as const) {
      expect(reasonIn({ ...INPUT, accessMode, emergencyReason: reason })).toEqual([reason]);
    }
    const doc = parseXmlSafely(buildVihf({ ...INPUT, accessMode: 'centre_15', emergencyReason: 'x' }, 'CN=X').xml);
    const names = selectElements(doc, '//saml:Attribute').map((a) => a.getAttribute('Name'));
    expect(names[names.indexOf('urn:oasis:names:tc:xspa:1.0:subject:purposeofuse') + 1]).toBe('Mode_Acces_Raison');
    expect(selectText(doc, '//hl7:PurposeOfUse/@code')).toBe('centre_15');
  });

  it('is never carried in normal mode, even when one was typed', () => {
    expect(reasonIn({ ...INPUT, emergencyReason: 'Patient inconscient' })).toEqual([]);
    expect(reasonIn(INPUT)).toEqual([]);
  });
});

describe('emergency call without a reason', () => {
  // A signer that fails the test if reached: the refusal must come before any card operation.
  const signer: Signer = {
    role: 'signature',
    certificateDer: new Uint8Array(),
    sign: () => Promise.reject(new Error('the card must not be asked to sign')),
  } as unknown as Signer;
  const client = createDmpClient({
    baseUrl: 'https://127.0.0.1:9',
    tls: { certPem: '', keyPem: '', caPem: '' },
    signer,
    practitioner: INPUT.practitioner,
    structure: { ...INPUT.structure, name: 'X' },
    software: { ...INPUT.software, senderOid: '1.2.3' },
    authMode: 'DIRECTE',
  });

  it.each([
    ['bris_de_glace', undefined],
    ['centre_15', ''],
    ['bris_de_glace', ' \n\t '],
  ] as const)('%s with reason %j is DMP_EMERGENCY_REASON_REQUIRED', async (accessMode, emergencyReason) => {
    const error = await client
      .call({ service: 'patients', action: 'a', body: '<x/>', patient: PATIENT, accessMode, emergencyReason })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DMP_EMERGENCY_REASON_REQUIRED', retryable: false });
  });
});

describe('emergency sessions', () => {
  it('keep one session per patient and mode, tell every change, and end only the one asked', () => {
    const changes: number[] = [];
    const sessions = createEmergencySessions({
      onChange: (list) => changes.push(list.length),
      now: () => new Date('2026-11-22T17:00:00.000Z'),
    });
    const first = sessions.start(PATIENT_ID, 'bris_de_glace', 'motif');
    expect(sessions.start(PATIENT_ID, 'bris_de_glace', 'motif')).toBe(first);
    const second = sessions.start(PATIENT_ID, 'centre_15', 'motif');
    expect(first).toMatchObject({
      mode: 'bris_de_glace',
      patientId: PATIENT_ID,
      startedAt: '2026-11-22T17:00:00.000Z',
    });
    // The session names the patient by id only: no INS travels to the renderer with it.
    expect(Object.keys(first).sort()).toEqual(['id', 'mode', 'patientId', 'startedAt']);
    expect(changes).toEqual([1, 2]);
    expect(sessions.end(first.id)).toEqual([second]);
    expect(changes).toEqual([1, 2, 1]);
    expect(() => sessions.end(first.id)).toThrow(expect.objectContaining({ code: 'DMP_EMERGENCY_SESSION_UNKNOWN' }));
  });
});
