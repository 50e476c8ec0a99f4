import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultCode, officialMessage, path, sendOfficial, startFixture, xp, type SimulatorFixture } from './harness';
import { OFFICIAL } from './requests';
import { resignVihf } from '../../../support/resign-vihf';
import { postSoap } from './harness';

let fx: SimulatorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx.sim.close());

const td02 = (): string => officialMessage(OFFICIAL.td02);

describe('fault injection per route', () => {
  it('delays answers by the configured latency', async () => {
    fx.sim.setFaults({ patients: { latencyMs: 300 } });
    const started = performance.now();
    const answer = await sendOfficial(fx, 'patients', td02());
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(xp(answer.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('OK');
  });

  it('injects HTTP 500, SOAP faults, dropped connections and silence, only where configured', async () => {
    const signed = resignVihf(td02(), fx.doctor.sign);
    fx.sim.setFaults({ patients: { http500: true }, habilitations: { soapFault: 'DMPInternalError' } });
    const http500 = await postSoap(fx, 'patients', signed, fx.doctor.auth);
    expect(http500.status).toBe(500);
    expect(http500.body).not.toContain('Envelope');
    const fault = await postSoap(fx, 'habilitations', signed, fx.doctor.auth);
    expect(faultCode(fault.body)).toBe('DMPInternalError');

    fx.sim.setFaults({ patients: { drop: true } });
    await expect(postSoap(fx, 'patients', signed, fx.doctor.auth)).rejects.toThrow(/socket hang up|ECONNRESET/);

    fx.sim.setFaults({ '*': { timeout: true } });
    await expect(postSoap(fx, 'patients', signed, fx.doctor.auth, 500)).rejects.toThrow('timeout');

    fx.sim.setFaults({ '*': { timeout: true }, patients: {} });
    const healthy = await postSoap(fx, 'patients', signed, fx.doctor.auth);
    expect(healthy.status).toBe(200);
    fx.sim.setFaults({});
  });
});

describe('robustness', () => {
  it('survives a client that aborts mid-upload', async () => {
    const { request } = await import('node:https');
    const url = new URL(`${fx.sim.servicesUrl}/patients`);
    await new Promise<void>((resolvePromise) => {
      const req = request(url, {
        method: 'POST',
        cert: fx.doctor.auth.certPem,
        key: fx.doctor.auth.keyPem,
        ca: fx.pki.caCertPem,
        headers: { 'content-type': 'application/soap+xml', 'content-length': '100000' },
      });
      req.on('error', () => resolvePromise());
      req.write('<soap:Envelope');
      setTimeout(() => {
        req.destroy();
        resolvePromise();
      }, 100);
    });
    const answer = await sendOfficial(fx, 'patients', td02());
    expect(answer.status).toBe(200);
  });
});
