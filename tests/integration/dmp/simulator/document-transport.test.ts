import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { vectorsPath } from '../../../support/vectors';
import { buildDeposit, mtomRequest, postRaw, readMtomAnswer, td31, td32 } from './documents';
import { count, faultCode, path, postSoap, sendOfficial, startFixture, xp, type SimulatorFixture } from './harness';
import { resignVihf } from '../../../support/resign-vihf';

let fx: SimulatorFixture | undefined;
afterEach(async () => {
  await fx?.sim.close();
  fx = undefined;
});

const MTOM_TYPE = (boundary: string): string =>
  `multipart/related; boundary="${boundary}"; type="application/xop+xml"; start-info="application/soap+xml"`;

describe('MTOM transport of the repository', () => {
  it('refuses hostile or broken multipart bodies with a typed fault, never a crash', async () => {
    const f = (fx = await startFixture({ maxMtomBytes: 64 * 1024 }));
    const built = buildDeposit();
    const envelope = resignVihf(built.parts.envelope, f.doctor.sign);

    const doctype = mtomRequest({ ...built.parts, envelope: `<!DOCTYPE x [<!ENTITY a "b">]>${envelope}` }, 'bx');
    const hostile = await postSoap(f, 'repository', doctype.body, f.doctor.auth, 10_000, doctype.contentType);
    expect(faultCode(hostile.body)).toBe('DMPInvalidRequest');

    const ok = mtomRequest({ ...built.parts, envelope }, 'by');
    const truncated = await postSoap(
      f,
      'repository',
      ok.body.subarray(0, ok.body.length - 10),
      f.doctor.auth,
      10_000,
      ok.contentType,
    );
    expect(truncated.status).toBe(400);
    expect(faultCode(truncated.body)).toBe('DMPInvalidRequest');

    const huge = mtomRequest({ ...built.parts, envelope, document: Buffer.alloc(128 * 1024, 0x41) }, 'bz');
    const tooLarge = await postSoap(f, 'repository', huge.body, f.doctor.auth, 10_000, huge.contentType);
    expect(tooLarge.status).toBe(413);

    const elsewhere = await postSoap(f, 'patients', ok.body, f.doctor.auth, 10_000, MTOM_TYPE('by'));
    expect(elsewhere.status).toBe(415);

    // The simulator still serves afterwards.
    const answer = await postSoap(f, 'repository', ok.body, f.doctor.auth, 10_000, ok.contentType);
    expect(xp(answer.body, path('RegistryResponse') + '/@status')).toMatch(/Success$/);
  });

  it('tolerates SOAP 1.1 for ITI-41 only', async () => {
    const f = (fx = await startFixture());
    const soap11 = td31().replaceAll(
      'http://www.w3.org/2003/05/soap-envelope',
      'http://schemas.xmlsoap.org/soap/envelope/',
    );
    const answer = await sendOfficial(f, 'registry', soap11);
    expect(faultCode(answer.body)).toBe('DMPInvalidRequest');
  });
});

describe('training documents', () => {
  it('seeds PDF N1 documents a trainer can find and open, once', async () => {
    const f = (fx = await startFixture({ seedDocuments: true }));
    const found = await sendOfficial(f, 'registry', td31());
    expect(count(found.body, path('ExtrinsicObject'))).toBe(3);
    const uid = f.sim.admin.listDocuments('207058575627097')[0]?.uniqueId ?? '';
    const read = await postRaw(f, 'repository', td32(uid));
    const { parts } = readMtomAnswer(read.body, read.contentType);
    const cda = [...parts.values()][0]?.toString('utf8') ?? '';
    const pdf = Buffer.from(/representation="B64">([^<]+)</.exec(cda)?.[1] ?? '', 'base64');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    // The CDA of a training document is valid against the CI-SIS CDA schema.
    const schema = vectorsPath('cda', 'infrastructure', 'cda', 'CDA_extended.xsd');
    expect(() =>
      execFileSync('xmllint', ['--noout', '--schema', schema, '-'], { input: cda, stdio: 'pipe' }),
    ).not.toThrow();
    expect(f.sim.admin.seedTrainingDocuments()).toBe(0);
  });
});
