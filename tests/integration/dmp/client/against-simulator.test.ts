import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Signer } from '../../../../main/crypto/signer';
import {
  createDmpClient,
  createDmpConnection,
  withEmergencyReason,
  type DmpClient,
  type DmpClientConfig,
} from '../../../../main/dmp/client';
import { getAdministrativeData, revise } from '../../../../main/dmp/transactions/administrative';
import { createVihfCache } from '../../../../main/dmp/vihf/cache';
import { vihfPractitioner } from '../../../../main/session/practitioner-session';
import { loadSimDataConfig } from '../../../../main/training/sim-data-config';
import { checkAccess } from '../../../../main/dmp/transactions/check-access';
import {
  listAuthorizedPatients,
  listProfessionals,
  setAuthorization,
} from '../../../../main/dmp/transactions/habilitations';
import { closeDmp, createDmp, type ConsentJournal } from '../../../../main/dmp/transactions/lifecycle';
import { searchPatients } from '../../../../main/dmp/transactions/patient-search';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from '../../../support/example-doctor';
import { useTempDir } from '../../../support/temp-dir';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';
import {
  EXAMPLE_DOCTOR,
  EXAMPLE_STRUCTURE,
  startNationalDmpSimulator,
  type NationalDmpSimulator,
} from '../../../../simulators/national-dmp';

/** Our client against the independently written national DMP simulator, end to end over mutual TLS. */
const NIR = '1.2.250.1.213.1.4.8';
const EXAMPLE = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const NOBODY_AUTHORIZED = { matricule: '297022A02077878', oid: NIR } as const;
const NO_DMP = { matricule: '160012B02077713', oid: NIR } as const;
const OPPOSED = { matricule: '180032B02040123', oid: NIR } as const;
const ON_MES = { matricule: '209066322012355', oid: NIR } as const;
const CLOSED = { matricule: '236066322083656', oid: NIR } as const;
const BLOCKS_ME = { matricule: '181036322045660', oid: NIR } as const;
const CONSENT = { given: true, collectedAt: '2026-11-22T10:00:00.000Z', form: 'written' } as const;

let pki: TestPki;
let cps: { auth: IssuedCredential; sign: IssuedCredential };
let simulator: NationalDmpSimulator;
let client: DmpClient;
const journal: ConsentJournal = { record: async () => undefined };

function config(signer: Signer): DmpClientConfig {
  return exampleDoctorConfig({ baseUrl: simulator.url, caPem: pki.caCertPem, auth: cps.auth, signer });
}

beforeAll(async () => {
  pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-client') });
  cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
  const server = await pki.issueServer(['localhost']);
  simulator = await startNationalDmpSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
    refuseCreation: true,
  });
  client = createDmpClient(config(createSoftwareSigner(cps.sign)));
});

afterAll(async () => {
  await simulator.close();
});

const normal = 'normal' as const;
const tempDir = useTempDir('dmp-sim-data-');

describe('DMP client against the national DMP simulator', () => {
  it('TD0.2 on the example patient: exists, authorized, médecin traitant', async () => {
    await expect(checkAccess(client, { patient: EXAMPLE, accessMode: normal })).resolves.toMatchObject({
      existence: 'exists',
      authorization: 'valid',
      treatingPhysician: true,
      attachedToMes: false,
    });
  });

  it('TD0.2 tells no DMP, closed and blocked apart', async () => {
    expect((await checkAccess(client, { patient: NO_DMP, accessMode: normal })).existence).toBe('not_found');
    expect((await checkAccess(client, { patient: CLOSED, accessMode: normal })).existence).toBe('closed');
    const blocked = await checkAccess(client, { patient: BLOCKS_ME, accessMode: normal }).catch((e: unknown) => e);
    expect(blocked).toSatisfy(
      (r: unknown) =>
        (r as { authorization?: string }).authorization === 'blocked' ||
        (r as { code?: string }).code === 'DMP_PROFESSIONAL_BLOCKED',
    );
  });

  it('TD0.3 then TD0.2: declaring the authorization makes it valid', async () => {
    const before = await checkAccess(client, { patient: NOBODY_AUTHORIZED, accessMode: normal });
    expect(before.authorization).not.toBe('valid');
    await expect(
      setAuthorization(client, {
        patient: NOBODY_AUTHORIZED,
        accessMode: normal,
        action: 'grant',
        treatingPhysician: false,
      }),
    ).resolves.toMatchObject({ done: true });
    expect((await checkAccess(client, { patient: NOBODY_AUTHORIZED, accessMode: normal })).authorization).toBe('valid');
  });

  it('TD0.4 (no patient in the VIHF) lists the DMPs the doctor is authorized on', async () => {
    await setAuthorization(client, {
      patient: NOBODY_AUTHORIZED,
      accessMode: normal,
      action: 'grant',
      treatingPhysician: false,
    });
    const { patients } = await listAuthorizedPatients(client, { since: '2000-01-01', dateType: 'authorization' });
    const ids = patients.flatMap((patient) => patient.identifiers.map((identifier) => identifier.id));
    expect(ids.some((id) => id.startsWith(NOBODY_AUTHORIZED.matricule.slice(0, 13)))).toBe(true);
    expect(ids.some((id) => id.startsWith(NO_DMP.matricule.slice(0, 13)))).toBe(false);
  });

  it('TD0.5 in centre 15 finds a patient by traits, with the opposition to régulation; normal mode is refused', async () => {
    const { candidates, total } = await searchPatients(client, {
      traits: { family: 'Corse', given: 'Anthony', sex: 'M', birthDate: '1980-03-02' },
      accessMode: 'centre_15',
      emergencyReason: 'Appel au 15, douleur thoracique',
    });
    expect(total).toBe(1);
    expect(candidates[0]).toMatchObject({
      identifiers: [{ id: OPPOSED.matricule, type: OPPOSED.oid }],
      family: 'CORSE',
      match: 100,
      emergencyOpposed: true,
    });
    const trace = simulator.admin.accessHistory(OPPOSED.matricule).filter((line) => line.transaction === 'TD0.5');
    expect(trace.at(-1)).toMatchObject({ accessMode: 'regulation', actorId: EXAMPLE_DOCTOR });
    // The simulator's rights matrix, not the client, refuses the search outside régulation.
    const normalSearch = searchPatients(client, {
      traits: { family: 'CORSE' },
      accessMode: 'normal' as 'centre_15',
      emergencyReason: '',
    });
    await expect(normalSearch).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
  });

  it('TD1.6 lists the example doctor as authorized on the example DMP', async () => {
    const { professionals } = await listProfessionals(client, { patient: EXAMPLE, accessMode: normal, filter: 'all' });
    expect(professionals.find((p) => p.nationalId === EXAMPLE_DOCTOR)).toMatchObject({ mode: 'authorized' });
  });

  it('TD1.3a reads the administrative record of the example patient', async () => {
    await expect(getAdministrativeData(client, { patient: EXAMPLE, accessMode: normal })).resolves.toMatchObject({
      status: 'active',
      name: { family: 'patb-quatre', given: 'LAURENCE' },
    });
  });

  it('TD1.1 is refused as in production, and the client says so', async () => {
    await expect(
      createDmp(client, journal, {
        patient: NO_DMP,
        accessMode: normal,
        name: { family: 'ADRTROIS', given: 'TOUSSAINT' },
        sex: 'M',
        birthDate: '2016-01-01',
        consent: CONSENT,
      }),
    ).rejects.toMatchObject({ code: 'DMP_CREATION_REFUSED' });
  });

  it('TD1.3b on a DMP attached to Mon espace santé is refused', async () => {
    await expect(
      revise(client, {
        reason: 'MODIF_DATA',
        patient: ON_MES,
        accessMode: normal,
        name: { family: 'ECETINSI', given: 'PIERRE-ALAIN' },
        oppositions: { breakGlass: false, emergency: false },
      }),
    ).rejects.toHaveProperty('code');
  });

  it('break-glass shows the oppositions in TD0.2, and reading the record is then refused as an opposition', async () => {
    const urgent = withEmergencyReason(client, 'Patient inconscient');
    const status = await checkAccess(urgent, { patient: OPPOSED, accessMode: 'bris_de_glace' });
    expect(status.oppositions).toEqual({ breakGlass: true, emergency: true });
    await expect(
      getAdministrativeData(urgent, { patient: OPPOSED, accessMode: 'bris_de_glace' }),
    ).rejects.toMatchObject({
      code: 'DMP_PATIENT_OPPOSED',
    });
  });

  it('a VIHF signed with the TLS authentication key is refused with DMP_INVALID_CERTIFICATE', async () => {
    const wrongKey = createSoftwareSigner(cps.auth);
    const wrong = createDmpClient(config(wrongKey));
    await expect(checkAccess(wrong, { patient: EXAMPLE, accessMode: normal })).rejects.toMatchObject({
      code: 'DMP_INVALID_CERTIFICATE',
    });
  });

  it('TD1.4 closes a DMP; TD0.2 then sees it closed', async () => {
    await closeDmp(client, {
      patient: NOBODY_AUTHORIZED,
      accessMode: normal,
      name: { family: 'ADRTROIS', given: 'DOMINIQUE' },
    });
    expect((await checkAccess(client, { patient: NOBODY_AUTHORIZED, accessMode: normal })).existence).toBe('closed');
  });

  it('training mode: the endpoint read from the sim-data folder reaches the simulator, as the CPS holder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'clients'));
    await writeFile(join(dir, 'ca.pem'), pki.caCertPem);
    for (const [role, credential] of [
      ['auth', cps.auth],
      ['sign', cps.sign],
    ] as const) {
      await writeFile(join(dir, 'clients', `cps-${EXAMPLE_DOCTOR}-${role}.cert.pem`), credential.certPem);
      await writeFile(join(dir, 'clients', `cps-${EXAMPLE_DOCTOR}-${role}.key.pem`), credential.keyPem);
    }
    const { dmp: endpoint } = await loadSimDataConfig(dir, { dmpUrl: simulator.url });
    if (endpoint === undefined) throw new Error('no DMP endpoint read');
    // Who calls is the card holder (here a software copy of the CPS signature key), never the folder.
    const training = createDmpConnection(endpoint).clientFor({
      practitioner: vihfPractitioner({ ...EXAMPLE_DOCTOR_HOLDER, nationalIdType: '8' }),
      signer: () => Promise.resolve(createSoftwareSigner(cps.sign)),
      vihfCache: createVihfCache(0),
    });
    await expect(checkAccess(training, { patient: EXAMPLE, accessMode: normal })).resolves.toMatchObject({
      existence: 'exists',
      treatingPhysician: true,
    });
  });

  describe('under injected faults', () => {
    afterAll(() => simulator.setFaults({}));

    it.each([
      [{ http500: true }, 'SERVICE_HTTP_ERROR'],
      [{ drop: true }, 'SERVICE_UNAVAILABLE'],
      [{ soapFault: 'DMPInternalError' }, 'SERVICE_HTTP_ERROR'],
    ] as const)('%o -> %s', async (rule, code) => {
      simulator.setFaults({ patients: rule });
      await expect(checkAccess(client, { patient: EXAMPLE, accessMode: normal })).rejects.toMatchObject({ code });
    });

    it('a silent service -> SERVICE_TIMEOUT after the configured time', async () => {
      simulator.setFaults({ patients: { timeout: true } });
      const impatient = createDmpClient({ ...config(createSoftwareSigner(cps.sign)), timeoutMs: 300 });
      await expect(checkAccess(impatient, { patient: EXAMPLE, accessMode: normal })).rejects.toMatchObject({
        code: 'SERVICE_TIMEOUT',
      });
    });

    it('faults on one service leave the others working', async () => {
      simulator.setFaults({ patients: { http500: true } });
      const { professionals } = await listProfessionals(client, {
        patient: EXAMPLE,
        accessMode: normal,
        filter: 'all',
      });
      expect(professionals.length).toBeGreaterThan(0);
    });
  });

  it('indirect mode (establishment certificate for TLS and VIHF): TD0.2 works, TD0.3 is refused by the rights matrix', async () => {
    const establishment = await pki.issueEstablishment({ finess: EXAMPLE_STRUCTURE, name: 'CABINET DR LIBRE' });
    const indirect = createDmpClient({
      ...config(createSoftwareSigner(establishment)),
      tls: { certPem: establishment.certPem, keyPem: establishment.keyPem, caPem: pki.caCertPem },
      authMode: 'INDIRECTE',
    });
    expect((await checkAccess(indirect, { patient: EXAMPLE, accessMode: normal })).existence).toBe('exists');
    await expect(
      setAuthorization(indirect, { patient: EXAMPLE, accessMode: normal, action: 'grant', treatingPhysician: false }),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
  });
});
