import { describe, expect, it } from 'vitest';
import { underEmergencySession } from '../../../../renderer/src/features/documents/EmergencyDocumentAccess';
import type { DmpClient } from '../../../../shared/api';
import { buildClient } from '../../../../shared/api/client';

const PATIENT_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const SESSION = '7d3f3c1e-8b7a-4d7e-9a55-2b7c1f0e9d11';
const ENTRY = 'urn:uuid:0b2c8a4e-1111-4c3b-9d7e-2b7c1f0e9d11';

/** A client over a transport that records what would cross to main. */
function recording(): { client: DmpClient; sent: { channel: string; request: unknown }[] } {
  const sent: { channel: string; request: unknown }[] = [];
  const client = buildClient(
    async (channel, request) => {
      sent.push({ channel, request });
      return { ok: false, error: { code: 'INTERNAL_ERROR', messageKey: 'errors.internal', retryable: false } };
    },
    () => () => undefined,
  );
  return { client, sent };
}

describe('document calls under an emergency session', () => {
  it('name the session on reads and archiving, never on a deposit or a delete', async () => {
    const { client, sent } = recording();
    const scoped = underEmergencySession(client, SESSION);
    await scoped.documents.search({ patientId: PATIENT_ID });
    await scoped.documents.retrieve({ patientId: PATIENT_ID, uniqueId: '1.2.3' });
    await scoped.documents.setStatus({
      patientId: PATIENT_ID,
      entryUuid: ENTRY,
      currentStatus: 'approved',
      change: 'archive',
    });
    await scoped.documents.setStatus({
      patientId: PATIENT_ID,
      entryUuid: ENTRY,
      currentStatus: 'approved',
      change: 'delete',
    });
    await scoped.documents.depositTypes({});
    expect(sent.map((s) => [s.channel, (s.request as { emergencySessionId?: string }).emergencySessionId])).toEqual([
      ['documents.search', SESSION],
      ['documents.retrieve', SESSION],
      ['documents.setStatus', SESSION],
      ['documents.setStatus', undefined],
      ['documents.depositTypes', undefined],
    ]);
  });

  it('leave the other groups alone', async () => {
    const { client } = recording();
    const scoped = underEmergencySession(client, SESSION);
    expect(scoped.dmp).toBe(client.dmp);
    expect(scoped.on).toBe(client.on);
    expect(scoped.documents.deposit).toBe(client.documents.deposit);
  });
});
