import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { DocumentCall, DocumentCaller } from '../../../../main/dmp/documents/call';
import type { DocumentCallerIdentity } from '../../../../main/dmp/documents/context';
import type { TransactionTools } from '../../../../main/dmp/documents/transactions/types';
import { changeDocumentStatus } from '../../../../main/dmp/documents/transactions/status';
import { changeDocumentVisibility } from '../../../../main/dmp/documents/transactions/visibility';
import type { NewOutboxEntry } from '../../../../main/store/outbox-ops';
import { decodeRequest } from '../../../../main/sync/request';
import { ACTION, RIM } from '../../../../main/dmp/xds';
import { parseEnvelope } from '../../../../main/soap';
import { childElements, parseXmlSafely } from '../../../../main/xml';
import { exampleDoctorConfig } from '../../../support/example-doctor';
import { vectorsPath } from '../../../support/vectors';
import { clientPki } from '../client/pki';

/**
 * TD3.3a against the DMP's own answers replayed: the official TD3.1 response stands for the
 * registry's GetDocuments answer, the official TD2.1 RegistryResponse for its success. What is
 * checked is what the desk sends, and what it refuses to send.
 */
const payloadOf = (name: string): Element => {
  const payload = parseEnvelope(readFileSync(vectorsPath('dmp-messages', name), 'utf8')).payload;
  if (payload === undefined) throw new Error(`no body in ${name}`);
  return payload;
};
const ENTRY = 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e';
const SAMPLE_PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
/** The request as main resolves it: the qualified identity's INS and traits. */
const TRAITS = { birthName: 'PATB-QUATRE', firstNames: ['LAURENCE'], sex: 'F', birthDate: '1907-05-25' } as const;

let config: DocumentCallerIdentity;

beforeAll(async () => {
  const { cps, pki } = await clientPki();
  const { practitioner, structure, software, signer } = exampleDoctorConfig({
    baseUrl: 'https://127.0.0.1:9',
    caPem: pki.caCertPem,
    auth: cps.auth,
    signer: createSoftwareSigner(cps.sign),
  });
  config = { practitioner, structure, software, signer };
}, 60_000);

function replay(): { caller: DocumentCaller; calls: DocumentCall[] } {
  const calls: DocumentCall[] = [];
  const caller: DocumentCaller = (call) => {
    calls.push(call);
    const name =
      call.action === ACTION.registryStoredQuery
        ? 'TD3.1_-_Recherche_de_document_response.xml'
        : 'TD2.1_-_Alimentation_response.xml';
    return Promise.resolve({ payload: payloadOf(name), message: { envelopeXml: '', attachments: new Map() } });
  };
  return { caller, calls };
}

// Visibility changes read no value set: asking for one is a failure of this test.
const tools: TransactionTools = {
  valueSets: () => {
    throw new Error('no value set needed');
  },
};

/** The desk's id of the patient: the transactions carry it, the DMP never sees it. */
const PATIENT_ID = '11111111-1111-4111-8111-111111111111';

describe('TD3.3a replayed against official DMP answers', () => {
  it('reads the entry, then sends one ITI-57 update of that very entry for the same patient', async () => {
    const { caller, calls } = replay();
    const result = await changeDocumentVisibility(
      caller,
      config,
      { patientId: PATIENT_ID, patient: SAMPLE_PATIENT, traits: TRAITS, entryUuid: ENTRY, add: ['MASQUE_PS'] },
      tools,
    );
    // The sample entry is already hidden from the patient: that stays.
    expect(result).toEqual({
      outcome: 'sent',
      uniqueId: expect.stringMatching(/^[0-2](\.[0-9]+)+$/) as string,
      visibility: ['INVISIBLE_PATIENT', 'MASQUE_PS'],
    });
    expect(calls.map((c) => [c.service, c.action])).toEqual([
      ['registry', ACTION.registryStoredQuery],
      ['registry', ACTION.updateDocumentSet],
    ]);
    const update = parseXmlSafely(calls[1]!.body).documentElement;
    if (update === null) throw new Error('empty update');
    const list = childElements(update, RIM, 'RegistryObjectList')[0]!;
    const [entry] = childElements(list, RIM, 'ExtrinsicObject');
    expect(entry?.getAttribute('lid')).toBe(ENTRY);
    expect(calls[1]!.body).toContain('<Slot name="PreviousVersion"><ValueList><Value>1</Value>');
    for (const code of ['N', 'INVISIBLE_PATIENT', 'MASQUE_PS']) {
      expect(calls[1]!.body).toContain(`nodeRepresentation="${code}"`);
    }
  });

  it('refuses, sending nothing, an entry the registry gave for another patient', async () => {
    const { caller, calls } = replay();
    await expect(
      changeDocumentVisibility(
        caller,
        config,
        {
          patientId: PATIENT_ID,
          patient: { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' },
          traits: { birthName: 'CORSE', firstNames: ['ANTHONY'], sex: 'M', birthDate: '1980-03-02' },
          entryUuid: ENTRY,
          add: ['MASQUE_PS'],
        },
        tools,
      ),
    ).rejects.toMatchObject({ code: 'DOC_INVALID_RESPONSE', details: { reason: 'entry_patient' } });
    expect(calls).toHaveLength(1);
  });

  it('answers DOC_NOT_FOUND for an entry the answer does not hold', async () => {
    const { caller, calls } = replay();
    await expect(
      changeDocumentVisibility(
        caller,
        config,
        {
          patientId: PATIENT_ID,
          patient: SAMPLE_PATIENT,
          traits: TRAITS,
          entryUuid: 'urn:uuid:00000000-0000-4000-8000-000000000000',
          add: ['MASQUE_PS'],
        },
        tools,
      ),
    ).rejects.toMatchObject({ code: 'DOC_NOT_FOUND' });
    expect(calls).toHaveLength(1);
  });
});

/** An outbox that keeps what it is given and answers `queued`, as when the first attempt did not end in time. */
function capturingOutbox(): { tools: TransactionTools; kept: NewOutboxEntry[] } {
  const kept: NewOutboxEntry[] = [];
  return {
    kept,
    tools: {
      ...tools,
      outbox: {
        submit: (entry) => {
          kept.push(entry);
          return Promise.resolve({ uniqueId: entry.uniqueId, outboxId: entry.id, outcome: 'queued' });
        },
      },
    },
  };
}

/** The ExtrinsicObject id of a kept ITI-57 body: the new version's entryUUID. */
const newVersionId = (body: string): string | null => {
  const update = parseXmlSafely(body).documentElement;
  if (update === null) throw new Error('empty update');
  const list = childElements(update, RIM, 'RegistryObjectList')[0]!;
  return childElements(list, RIM, 'ExtrinsicObject')[0]?.getAttribute('id') ?? null;
};

describe('TD3.3a/b through the outbox', () => {
  it('reads the entry, then keeps the built update: its entryUUID minted once, to look it up by', async () => {
    const { caller, calls } = replay();
    const { tools: queuing, kept } = capturingOutbox();
    const result = await changeDocumentVisibility(
      caller,
      config,
      { patientId: PATIENT_ID, patient: SAMPLE_PATIENT, traits: TRAITS, entryUuid: ENTRY, add: ['MASQUE_PS'] },
      queuing,
    );
    // Read online, sent by the engine: only the GetDocuments left from here.
    expect(calls.map((c) => c.action)).toEqual([ACTION.registryStoredQuery]);
    expect(kept).toHaveLength(1);
    const item = kept[0]!;
    expect(result).toEqual({
      outcome: 'queued',
      outboxId: item.id,
      uniqueId: item.uniqueId,
      visibility: ['INVISIBLE_PATIENT', 'MASQUE_PS'],
    });
    expect(item).toMatchObject({
      kind: 'visibility',
      patientId: PATIENT_ID,
      ins: SAMPLE_PATIENT,
      patient: { family: 'PATB-QUATRE', given: 'LAURENCE', birthDate: '1907-05-25' },
      authorId: config.practitioner.nationalId,
    });
    const request = decodeRequest(item.payload);
    expect(request).toMatchObject({
      service: 'registry',
      action: ACTION.updateDocumentSet,
      transaction: 'TD3.3a',
      accessMode: 'normal',
      attachments: [],
    });
    expect(request.check?.status).toBeUndefined();
    expect(request.check?.entryUuid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(newVersionId(request.body)).toBe(request.check?.entryUuid);
    // The row names the document by its uniqueId, for the screen; the lookup uses the entryUUID.
    expect(item.uniqueId).not.toBe(request.check?.entryUuid);
    expect(item.uniqueId).toMatch(/^[0-2](\.[0-9]+)+$/);
  });

  it('names a change of what the patient sees TD3.3b', async () => {
    const { caller } = replay();
    const { tools: queuing, kept } = capturingOutbox();
    await changeDocumentVisibility(
      caller,
      config,
      {
        patientId: PATIENT_ID,
        patient: SAMPLE_PATIENT,
        traits: TRAITS,
        entryUuid: ENTRY,
        add: ['INVISIBLE_REPRESENTANTS_LEGAUX'],
      },
      queuing,
    );
    expect(decodeRequest(kept[0]!.payload).transaction).toBe('TD3.3b');
  });

  it('queues nothing when nothing would change', async () => {
    const { caller } = replay();
    const { tools: queuing, kept } = capturingOutbox();
    const result = await changeDocumentVisibility(
      caller,
      config,
      { patientId: PATIENT_ID, patient: SAMPLE_PATIENT, traits: TRAITS, entryUuid: ENTRY, add: ['INVISIBLE_PATIENT'] },
      queuing,
    );
    expect(result).toMatchObject({ outcome: 'unchanged', visibility: ['INVISIBLE_PATIENT'] });
    expect(kept).toEqual([]);
  });
});

describe('TD3.3c/d through the outbox', () => {
  it('keeps the status change without a word to the DMP, to be looked up by the entry’s status', async () => {
    const { caller, calls } = replay();
    const { tools: queuing, kept } = capturingOutbox();
    const known = { title: 'Compte rendu', uniqueId: '1.2.250.1.999.7' };
    const result = await changeDocumentStatus(
      caller,
      config,
      {
        patientId: PATIENT_ID,
        patient: SAMPLE_PATIENT,
        traits: TRAITS,
        entryUuid: ENTRY,
        currentStatus: 'approved',
        change: 'archive',
      },
      { ...queuing, knownEntry: () => Promise.resolve(known) },
    );
    // Nothing read from the registry: a status change can be queued with the DMP out of reach.
    expect(calls).toEqual([]);
    const item = kept[0]!;
    expect(result).toEqual({ outcome: 'queued', outboxId: item.id, uniqueId: '1.2.250.1.999.7' });
    expect(item).toMatchObject({ kind: 'status', title: 'Compte rendu', uniqueId: '1.2.250.1.999.7' });
    const request = decodeRequest(item.payload);
    expect(request).toMatchObject({ transaction: 'TD3.3d', check: { entryUuid: ENTRY, status: 'archived' } });
    expect(request.body).toContain('urn:asip:ci-sis:2010:StatusType:Archived');
  });

  it('names a delete TD3.3c, and the entry by its entryUUID when the desk does not know it', async () => {
    const { caller } = replay();
    const { tools: queuing, kept } = capturingOutbox();
    await changeDocumentStatus(
      caller,
      config,
      {
        patientId: PATIENT_ID,
        patient: SAMPLE_PATIENT,
        traits: TRAITS,
        entryUuid: ENTRY,
        currentStatus: 'archived',
        change: 'delete',
      },
      queuing,
    );
    const item = kept[0]!;
    expect(item).toMatchObject({ title: '', uniqueId: ENTRY });
    expect(decodeRequest(item.payload)).toMatchObject({
      transaction: 'TD3.3c',
      check: { entryUuid: ENTRY, status: 'deleted' },
    });
  });

  it('is the outbox’s refusal when the first attempt was refused for good', async () => {
    const { caller } = replay();
    const refusing: TransactionTools = {
      ...tools,
      outbox: { submit: () => Promise.reject(Object.assign(new Error('refused'), { code: 'DMP_ACCESS_DENIED' })) },
    };
    await expect(
      changeDocumentStatus(
        caller,
        config,
        {
          patientId: PATIENT_ID,
          patient: SAMPLE_PATIENT,
          traits: TRAITS,
          entryUuid: ENTRY,
          currentStatus: 'approved',
          change: 'archive',
        },
        refusing,
      ),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
  });
});
