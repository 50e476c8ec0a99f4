import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSearchRequest } from '../../../../shared/api';
import { CONSULTATION_TYPE as CONSULTATION, pdfBase64 } from '../../../support/example-patient';
import { useSimulatedDesk } from '../../../support/simulated-dmp';

/**
 * TD3.1 on the submission date (FindSubmissionSets → GetAssociations → GetDocuments) through the
 * real router and services against the DMP simulator: a period selects what was deposited or
 * changed in it, whatever the document's creation date, and the other filters still apply.
 */
const RUN = Math.random().toString(36).slice(2, 8);

const desk = useSimulatedDesk({ pkiName: 'documents-submission-date' });
let before = '';
let between = '';

async function deposit(title: string): Promise<string> {
  const result = await desk.client.documents.deposit({
    patientId: desk.patientId,
    title,
    type: CONSULTATION,
    pdfBase64: pdfBase64(title),
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.uniqueId;
}

async function titles(filter: Omit<DocumentSearchRequest, 'patientId'>): Promise<string[]> {
  const result = await desk.client.documents.search({ patientId: desk.patientId, ...filter });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.documents
    .map((document) => document.title ?? '')
    .filter((title) => title.includes(RUN))
    .sort();
}

beforeAll(async () => {
  // XDS submission times have a one-second resolution: each bound sits a second away.
  before = new Date().toISOString();
  await sleep(1100);
  await deposit(`Ancien ${RUN}`);
  await sleep(1100);
  between = new Date().toISOString();
  await sleep(1100);
  await deposit(`Nouveau ${RUN}`);
}, 60_000);

describe('TD3.1 by submission date', () => {
  it('selects the documents submitted in the period', async () => {
    expect(await titles({ submittedFrom: between })).toEqual([`Nouveau ${RUN}`]);
    expect(await titles({ submittedFrom: before, submittedTo: between })).toEqual([`Ancien ${RUN}`]);
    expect(await titles({ submittedFrom: before })).toEqual([`Ancien ${RUN}`, `Nouveau ${RUN}`]);
    // Three registry queries each time, in the DMP's order.
    expect(desk.log.text()).toContain('"name":"TD3.1"');
  }, 60_000);

  it('applies the other filters to what the period selected', async () => {
    expect(await titles({ submittedFrom: before, visibility: ['MASQUE_PS'] })).toEqual([]);
    expect(
      await titles({ submittedFrom: before, typeCodes: [{ code: '34133-9', codeSystem: CONSULTATION.codeSystem }] }),
    ).toEqual([]);
    expect(await titles({ submittedFrom: before, statuses: ['archived'] })).toEqual([]);
  }, 60_000);

  it('counts a metadata change as a submission: a document masked later comes back for the later period', async () => {
    const listed = await desk.client.documents.search({ patientId: desk.patientId, statuses: ['approved'] });
    if (!listed.ok) throw new Error(listed.error.code);
    const old = listed.value.documents.find((document) => document.title === `Ancien ${RUN}`);
    if (old === undefined) throw new Error('deposited document not listed');
    await sleep(1100);
    const since = new Date().toISOString();
    await sleep(1100);
    const masked = await desk.client.documents.setVisibility({
      patientId: desk.patientId,
      entryUuid: old.entryUuid,
      add: ['MASQUE_PS'],
    });
    expect(masked.ok).toBe(true);
    expect(await titles({ submittedFrom: since })).toEqual([`Ancien ${RUN}`]);
    expect(await titles({ submittedFrom: since, visibility: ['MASQUE_PS'] })).toEqual([`Ancien ${RUN}`]);
  }, 60_000);
});
