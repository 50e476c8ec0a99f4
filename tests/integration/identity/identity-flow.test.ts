import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import type { DmpClient, EventPayload } from '../../../shared/api';
import type { IdentityRecordView } from '../../../shared/domain/identity';
import type { Result } from '../../../shared/errors';
import { VirtualReader, VirtualVitale2, type VitaleBeneficiaryData } from '../../../simulators/cards';
import { startInsiSimulator, type InsiSimulator } from '../../../simulators/insi';
import { createTestPki } from '../../../simulators/pki';
import { inProcessClient } from '../../support/in-process-client';
import { memoryLogger } from '../../support/memory-logger';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-identity-');
let sim: InsiSimulator;
let tls: { certPem: string; keyPem: string; caPem: string };
const log = memoryLogger();

beforeAll(async () => {
  const pki = await createTestPki();
  const server = await pki.issueServer(['127.0.0.1']);
  const cred = await pki.issueEstablishment({ finess: '010000000', name: 'Clinique', commonName: 'INSI-AUTO' });
  tls = { certPem: cred.certPem, keyPem: cred.keyPem, caPem: pki.caCertPem };
  sim = await startInsiSimulator({ tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem } });
});
afterAll(async () => sim.close());

const VITALE_READER = 'Lecteur Vitale (test)';
/** Someone else on the family card, so that a beneficiary can sit at any index. */
const SIBLING: VitaleBeneficiaryData = {
  lastName: 'HERMANN',
  firstName: 'GATIEN',
  birthDate: '19810324',
  nir: '181036322045660',
};

interface CardDesk {
  readonly services: Services;
  readonly client: DmpClient;
  /** Inserts a carte Vitale holding this beneficiary at its index, and opens the patient session from it. */
  readonly open: (card: VitaleBeneficiaryData & { readonly index: number }) => Promise<Result<IdentityRecordView>>;
}

async function desk(withInsi: boolean): Promise<CardDesk> {
  const reader = new VirtualReader(VITALE_READER);
  const services = createServices({
    cards: { backend: 'virtual', readers: [reader] },
    userDataDir: await tempDir(),
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.1.0',
    platform: 'linux',
    logger: log.logger,
    ...(withInsi ? { insi: { url: sim.url, tls, emitter: '010000000' } } : {}),
  });
  const client = inProcessClient(services);
  return {
    services,
    client,
    open: async ({ index, ...card }) => {
      reader.remove();
      reader.insert(
        new VirtualVitale2({ beneficiaries: [...Array<VitaleBeneficiaryData>(index).fill(SIBLING), card] }),
      );
      // Main reads the card itself: the desk only names the reader and the beneficiary.
      return client.identity.open({ reader: VITALE_READER, beneficiaryIndex: index });
    },
  };
}

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
};
const errorOf = (result: Result<unknown>): unknown => (result.ok ? 'ok' : result.error);

/** CORSE ANTHONY as a carte Vitale shows him: his own NIR (birth year/month agree). */
const corseCard = { index: 0, lastName: 'CORSE', firstName: 'ANTHONY', birthDate: '19800302', nir: '180032B02040123' };

describe('desk identity flow through the router', () => {
  it('Vitale -> INSi by card -> document check -> QUAL, with the status events', async () => {
    const { client, open } = await desk(true);
    const events: EventPayload<'identity.statusChanged'>[] = [];
    const off = client.on('identity.statusChanged', (p) => events.push(p));
    const opened = value(await open(corseCard));
    expect(opened).toMatchObject({ status: 'PROV', canSearchWithVitale: true, discrepancies: [] });
    expect(opened.insc).toMatch(/^\d{22}$/);
    const found = value(await client.identity.searchInsWithVitale({ patientId: opened.patientId }));
    expect(found.status).toBe('RECUP');
    expect(found.insi?.active).toMatchObject({ nir13: '180032B020401', kind: 'NIR' });
    const qualified = value(
      await client.identity.recordDocumentCheck({
        patientId: opened.patientId,
        documentType: 'CNI',
        checkedOn: '2026-11-22',
      }),
    );
    expect(qualified).toMatchObject({
      status: 'QUAL',
      documentCheck: { documentType: 'CNI', checkedOn: '2026-11-22' },
    });
    expect(events.map((e) => e.status)).toEqual(['PROV', 'RECUP', 'QUAL']);
    expect(new Set(events.map((e) => e.patientId))).toEqual(new Set([opened.patientId]));
    off();
  });

  it('typed traits -> VALI by document -> INSi with differences shown, not merged -> adopt -> RECUP', async () => {
    const { client } = await desk(true);
    const traits = {
      birthName: 'Ecetinsi',
      firstNames: ['Pierre Alain', 'Muriel'],
      sex: 'M' as const,
      birthDate: '2009-07-14',
      birthPlace: '63220',
    };
    const opened = value(await client.identity.open({ traits }));
    const id = opened.patientId;
    expect(value(await client.identity.recordDocumentCheck({ patientId: id, documentType: 'PASSPORT' })).status).toBe(
      'VALI',
    );
    // PIERRE ALAIN (no hyphen) is not the INSi's PIERRE-ALAIN: the search by each name finds him on MURIEL.
    const searched = value(await client.identity.searchInsWithTraits({ patientId: id }));
    expect(searched.status).toBe('VALI');
    expect(searched.insi?.traits.firstNames).toEqual(['PIERRE-ALAIN', 'MURIEL', 'FLORIANT']);
    expect(searched.discrepancies.map((d) => d.field)).toEqual(['firstNames']);
    expect(searched.typed?.firstNames).toEqual(['PIERRE', 'ALAIN', 'MURIEL']);
    const adopted = value(await client.identity.adoptInsiTraits({ patientId: id }));
    // New traits: the earlier document check was about other traits, so it is void.
    expect(adopted).toMatchObject({ status: 'RECUP', discrepancies: [] });
    expect(adopted.documentCheck).toBeUndefined();
  });

  it('shows 01 and 02 as typed errors, and 02 resolves with all first names', async () => {
    const { client } = await desk(true);
    const zoe = value(
      await client.identity.open({ traits: { birthName: 'ADRUN', firstNames: ['ZOE'], birthDate: '1990-01-01' } }),
    );
    expect(errorOf(await client.identity.searchInsWithTraits({ patientId: zoe.patientId }))).toMatchObject({
      code: 'INSI_NO_MATCH',
      messageKey: 'errors.insiNoMatch',
    });
    const twin = { birthName: "d'Almeida-Jumeau", firstNames: ['Alex'], sex: 'M' as const, birthDate: '2001-09-09' };
    const opened = value(await client.identity.open({ traits: twin }));
    expect(errorOf(await client.identity.searchInsWithTraits({ patientId: opened.patientId }))).toMatchObject({
      code: 'INSI_MULTIPLE_MATCHES',
    });
    value(
      await client.identity.setTypedTraits({ patientId: opened.patientId, traits: { ...twin, birthPlace: '75056' } }),
    );
    const found: IdentityRecordView = value(await client.identity.searchInsWithTraits({ patientId: opened.patientId }));
    expect(found.insi?.active.nir13).toBe('1010975056201');
    expect(found.typed?.birthName).toBe("D'ALMEIDA-JUMEAU");
  });

  it('refuses a driving licence, and a livret de famille for an adult', async () => {
    const { client, open } = await desk(true);
    const { patientId } = value(await open(corseCard));
    expect(
      errorOf(await client.identity.recordDocumentCheck({ patientId, documentType: 'DRIVING_LICENCE' })),
    ).toMatchObject({
      code: 'IDENTITY_DOCUMENT_NOT_ALLOWED',
    });
    expect(
      errorOf(await client.identity.recordDocumentCheck({ patientId, documentType: 'FAMILY_BOOKLET' })),
    ).toMatchObject({
      code: 'IDENTITY_DOCUMENT_NOT_ALLOWED',
      details: { reason: 'not_minor' },
    });
  });

  it('gives the matricule to other services only when qualified', async () => {
    const { services, client, open } = await desk(true);
    const { patientId } = value(await open(corseCard));
    value(await client.identity.searchInsWithVitale({ patientId }));
    expect(() => services.identity.qualifiedIns(patientId)).toThrow('IDENTITY_NOT_QUALIFIED');
    value(await client.identity.recordDocumentCheck({ patientId, documentType: 'RESIDENCE_PERMIT' }));
    expect(services.identity.qualifiedIns(patientId).ins).toMatchObject({ nir13: '180032B020401', key: '23' });
  });

  it('a doubtful identity loses its document proof and cannot be validated again until cleared', async () => {
    const { client, open } = await desk(true);
    const { patientId } = value(await open(corseCard));
    value(await client.identity.searchInsWithVitale({ patientId }));
    expect(value(await client.identity.recordDocumentCheck({ patientId, documentType: 'CNI' })).status).toBe('QUAL');
    const doubtful = value(await client.identity.setAttributes({ patientId, attributes: ['DOUT'] }));
    expect(doubtful).toMatchObject({ status: 'RECUP', attributes: ['DOUT'] });
    expect(doubtful.documentCheck).toBeUndefined();
    expect(errorOf(await client.identity.recordDocumentCheck({ patientId, documentType: 'CNI' }))).toMatchObject({
      code: 'IDENTITY_DOUBTFUL',
    });
    value(await client.identity.setAttributes({ patientId, attributes: [] }));
    expect(value(await client.identity.recordDocumentCheck({ patientId, documentType: 'CNI' })).status).toBe('QUAL');
  });

  it('a child found by the holder NIR; no INS-C without her own NIR', async () => {
    const { client, open } = await desk(true);
    const lea = { index: 1, lastName: 'VITALIS', firstName: 'LEA', birthDate: '20150410', nir: '185077505630139' };
    const opened = value(await open(lea));
    expect(opened.insc).toBeUndefined();
    const found = value(await client.identity.searchInsWithVitale({ patientId: opened.patientId }));
    expect(found.insi?.active.nir13).toBe('2150475056501');
    expect(found.discrepancies).toEqual([]);
  });

  it('without INSi configuration answers INSI_NOT_CONFIGURED; unknown patient IDENTITY_NOT_FOUND', async () => {
    const { client, open } = await desk(false);
    const { patientId } = value(await open(corseCard));
    expect(errorOf(await client.identity.searchInsWithVitale({ patientId }))).toMatchObject({
      code: 'INSI_NOT_CONFIGURED',
    });
    expect(errorOf(await client.identity.get({ patientId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      code: 'IDENTITY_NOT_FOUND',
    });
  });

  it('never logs a name, a birth date or a matricule', () => {
    const text = log.text();
    expect(text).toContain('identity.status');
    for (const secret of ['CORSE', 'ANTHONY', '180032B020401', '1980-03-02', 'ECETINSI', 'ALMEIDA', 'VITALIS']) {
      expect(text).not.toContain(secret);
    }
  });
});
