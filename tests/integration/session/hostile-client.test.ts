import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachWebSocketTransport, type WebSocketTransport } from '../../../main/ipc/websocket-transport';
import { silentLogger } from '../../../main/log/logger';
import { startDeskFixture, PATB_QUATRE_PERSON, type DeskFixture } from '../../support/desk-fixture';
import { EXAMPLE_DOCTOR_HOLDER } from '../../support/example-doctor';
import { useDmpSimulator } from '../../support/simulated-dmp';

/**
 * The rule "only a qualified INS reaches the DMP" lives in main, whatever the renderer sends: a
 * hand-written client speaks the websocket wire protocol straight to the router (no preload, no
 * React, no contract types) and tries every way round it. The national DMP simulator's access
 * history proves nothing was sent.
 */
const INS = `${PATB_QUATRE_PERSON.active.nir13}${PATB_QUATRE_PERSON.active.key}`;
const OID = PATB_QUATRE_PERSON.active.oid;

const simulated = useDmpSimulator({ pkiName: 'hostile-client' });
let desk: DeskFixture;
let server: Server;
let transport: WebSocketTransport;
let origin: string;

beforeAll(async () => {
  desk = await startDeskFixture({
    credentials: simulated.credentials(),
    dmpUrl: simulated.simulator.url,
    holder: EXAMPLE_DOCTOR_HOLDER,
  });
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = attachWebSocketTransport({
    router: desk.services.router,
    server,
    allowedOrigins: [origin],
    logger: silentLogger,
  });
}, 60_000);

afterAll(async () => {
  await transport?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await desk?.close();
});

/** A raw wire client: JSON frames by hand, results keyed by call id. */
async function rawClient(): Promise<{
  call: (channel: string, request: unknown) => Promise<unknown>;
  close: () => void;
}> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws`, { origin });
  const results = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
    if (frame.type === 'result' && frame.id !== undefined) results.get(frame.id)?.(frame.result);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const welcomed = new Promise<void>((resolve) =>
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'welcome') resolve();
    }),
  );
  socket.send(JSON.stringify({ type: 'hello', token: transport.issueToken() }));
  await welcomed;
  let next = 1;
  return {
    call: (channel, request) =>
      new Promise((resolve) => {
        const id = next++;
        results.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, channel, request }));
      }),
    close: () => socket.close(),
  };
}

const nationalAccesses = (): number => simulated.simulator.admin.accessHistory(INS).length;
const traits = {
  birthName: PATB_QUATRE_PERSON.birthName,
  firstNames: PATB_QUATRE_PERSON.firstNames,
  sex: PATB_QUATRE_PERSON.sex,
  birthDate: PATB_QUATRE_PERSON.birthDate,
};

describe('a hostile renderer against the router', () => {
  it('cannot reach the DMP for a PROV or RECUP identity, nor for an unknown patientId', async () => {
    const client = await rawClient();
    try {
      const opened = (await client.call('identity.open', { traits })) as { ok: true; value: { patientId: string } };
      const { patientId } = opened.value;
      const before = nationalAccesses();
      const calls: [string, object][] = [
        ['dmp.checkAccess', { patientId }],
        ['dmp.listProfessionals', { patientId }],
        ['documents.search', { patientId }],
        ['history.accesses', { patientId }],
      ];
      for (const [channel, request] of calls) {
        expect(await client.call(channel, request), channel).toMatchObject({
          ok: false,
          error: { code: 'IDENTITY_NOT_QUALIFIED' },
        });
      }
      // INSi found her (RECUP), but no identity document was checked: still not qualified.
      expect(await client.call('identity.searchInsWithTraits', { patientId })).toMatchObject({
        ok: true,
        value: { status: 'RECUP' },
      });
      expect(
        await client.call('dmp.checkAccess', { patientId, accessMode: 'bris_de_glace', emergencyReason: 'x' }),
      ).toMatchObject({ ok: false, error: { code: 'IDENTITY_NOT_QUALIFIED' } });
      expect(await client.call('dmp.checkAccess', { patientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject(
        { ok: false, error: { code: 'IDENTITY_NOT_FOUND' } },
      );
      expect(nationalAccesses()).toBe(before);
    } finally {
      client.close();
    }
  }, 60_000);

  it('cannot name a patient by INS, typed or smuggled beside a patientId', async () => {
    const client = await rawClient();
    try {
      const patientId = await desk.qualify();
      const before = nationalAccesses();
      const ins = { matricule: INS, oid: OID };
      const smuggled: [string, object][] = [
        ['dmp.checkAccess', { patient: ins }],
        ['dmp.checkAccess', { patientId, patient: ins }],
        ['documents.search', { patient: ins }],
        ['documents.deposit', { patientId, traits: { birthFamily: 'X' }, title: 't', type: {}, pdfBase64: 'JVBERi0=' }],
        ['history.accesses', { patient: ins }],
        ['identity.open', { vitale: { index: 0, lastName: 'X', firstName: 'Y', birthDate: '19800101', nir: INS } }],
      ];
      for (const [channel, request] of smuggled) {
        expect(await client.call(channel, request), channel).toMatchObject({
          ok: false,
          error: { code: 'IPC_INVALID_REQUEST' },
        });
      }
      expect(nationalAccesses()).toBe(before);
      // The same patient, named as main knows her: the call goes through.
      expect(await client.call('dmp.checkAccess', { patientId })).toMatchObject({
        ok: true,
        value: { existence: 'exists' },
      });
      expect(nationalAccesses()).toBe(before + 1);
    } finally {
      client.close();
    }
  }, 60_000);

  it('loses the DMP the moment the identity is declared doubtful', async () => {
    const client = await rawClient();
    try {
      const patientId = await desk.qualify();
      expect(await client.call('dmp.checkAccess', { patientId })).toMatchObject({ ok: true });
      expect(await client.call('identity.setAttributes', { patientId, attributes: ['DOUT'] })).toMatchObject({
        ok: true,
        value: { status: 'RECUP' },
      });
      const before = nationalAccesses();
      expect(await client.call('dmp.checkAccess', { patientId })).toMatchObject({
        ok: false,
        error: { code: 'IDENTITY_NOT_QUALIFIED' },
      });
      expect(nationalAccesses()).toBe(before);
    } finally {
      client.close();
    }
  }, 60_000);
});
