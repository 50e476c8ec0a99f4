import { describe, expect, it } from 'vitest';
import { dmpMethods, DmpPatientRefSchema } from '../../../../shared/api/dmp';
import { createServices } from '../../../../main/services';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-contract-');
const PATIENT_ID = '2f6b8c1d-7a3e-4b5f-9c0d-1e2f3a4b5c6d';
const ins = (matricule: string) => ({ matricule, oid: '1.2.250.1.213.1.4.8' });
const CONSENT = { given: true, collectedAt: '2026-11-22T10:00:00.000Z', form: 'oral' } as const;

describe('dmp contract', () => {
  it.each(['297022A02077878', '160012B02077713', '207058575627097'])('accepts the INS %s', (matricule) => {
    expect(DmpPatientRefSchema.parse(ins(matricule))).toEqual(ins(matricule));
  });

  it.each(['2970A2202077878', '20705857562709', '2070585756270977', '20705857562709X', ''])(
    'refuses the malformed INS "%s"',
    (matricule) => {
      expect(DmpPatientRefSchema.safeParse(ins(matricule)).success).toBe(false);
    },
  );

  it('names the patient by the id of a session main opened, in normal mode unless told', () => {
    const parsed = dmpMethods.checkAccess.request.parse({ patientId: PATIENT_ID });
    expect(parsed).toEqual({ patientId: PATIENT_ID, accessMode: 'normal' });
  });

  it('never takes an INS from the renderer, nor a matricule in place of the id', () => {
    const request = dmpMethods.checkAccess.request;
    expect(request.safeParse({ patient: ins('297022A02077878') }).success).toBe(false);
    expect(request.safeParse({ patientId: PATIENT_ID, patient: ins('297022A02077878') }).success).toBe(false);
    expect(request.safeParse({ patientId: '297022A02077878' }).success).toBe(false);
  });

  it("takes no civil-status traits with creation, reactivation or closure: they are the qualified identity's", () => {
    const traits = { name: { family: 'ADRTROIS', given: 'DOMINIQUE' }, sex: 'F', birthDate: '1997-02-26' };
    expect(dmpMethods.create.request.safeParse({ patientId: PATIENT_ID, consent: CONSENT }).success).toBe(true);
    expect(dmpMethods.create.request.safeParse({ patientId: PATIENT_ID, consent: CONSENT, ...traits }).success).toBe(
      false,
    );
    expect(
      dmpMethods.reactivate.request.safeParse({ patientId: PATIENT_ID, consent: CONSENT, name: traits.name }).success,
    ).toBe(false);
    expect(dmpMethods.close.request.safeParse({ patientId: PATIENT_ID, name: traits.name }).success).toBe(false);
    expect(
      dmpMethods.updateAdministrativeData.request.safeParse({ patientId: PATIENT_ID, name: traits.name }).success,
    ).toBe(false);
  });

  it('refuses creation without an explicit consent, before anything reaches main', async () => {
    const client = inProcessClient(
      createServices({
        userDataDir: await tempDir(),
        mode: 'training',
        appName: 'DMP Desk',
        appVersion: '0',
        platform: 'linux',
        logger: memoryLogger().logger,
      }),
    );
    const result = await client.dmp.create({
      patientId: PATIENT_ID,
      // @ts-expect-error -- a consent that was not given is not a consent
      consent: { given: false, collectedAt: '2026-11-22T10:00:00.000Z', form: 'oral' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST' } });
    const unconfigured = await client.dmp.checkAccess({ patientId: PATIENT_ID });
    expect(unconfigured).toMatchObject({ ok: false, error: { code: 'DMP_NOT_CONFIGURED' } });
  });
});
