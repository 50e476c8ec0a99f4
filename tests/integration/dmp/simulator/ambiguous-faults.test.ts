import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../../simulators/cli/admin-command';
import { buildDeposit, iti57, sendDeposit, slot, type Deposit } from './documents';
import { faultCode, officialMessage, path, sendOfficial, startFixture, xp, type SimulatorFixture } from './harness';

// The ambiguous outcome: the simulator commits the transaction, then loses its answer. A client that
// retries must meet the real service's refusal of a duplicate, and the DMP must hold one copy.

const EXAMPLE = '207058575627097';
const APPROVED = 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved';
const ARCHIVED = 'urn:asip:ci-sis:2010:StatusType:Archived';
const SUCCESS = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success';
const FAILURE = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure';
const DROPPED = /socket hang up|ECONNRESET/;

let fx: SimulatorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx.sim.close());
afterEach(() => {
  fx.sim.setFaults({});
  runAdminCommand(fx.sim.admin, ['fault', 'clear']);
});

const registryStatus = (body: string): string => xp(body, path('RegistryResponse') + '/@status');
const errorCode = (body: string): string => xp(body, path('RegistryError') + '/@errorCode');
const stored = (uniqueId: string) => fx.sim.admin.listDocuments(EXAMPLE).filter((d) => d.uniqueId === uniqueId);

async function expectRetryRefusedAsDuplicate(built: Deposit): Promise<void> {
  const retry = await sendDeposit(fx, built);
  expect(retry.status).toBe(200);
  expect(registryStatus(retry.body)).toBe(FAILURE);
  expect(errorCode(retry.body)).toBe('XDSDuplicateUniqueIdInRegistry');
  expect(stored(built.documentUid)).toHaveLength(1);
}

describe('store-then-drop', () => {
  it('stores an ITI-41 deposit once, drops the connection, and refuses the retry as a duplicate', async () => {
    fx.sim.setFaults({ repository: { afterCommit: 'drop' } });
    const built = buildDeposit();
    await expect(sendDeposit(fx, built)).rejects.toThrow(DROPPED);
    expect(stored(built.documentUid)).toEqual([expect.objectContaining({ status: APPROVED, version: 1 })]);
    // The fault is still set: the refusal committed nothing, so it reaches the client.
    await expectRetryRefusedAsDuplicate(built);
  });

  it('changes ITI-57 metadata, then drops the connection', async () => {
    const built = buildDeposit();
    expect(registryStatus((await sendDeposit(fx, built)).body)).toBe(SUCCESS);
    const [entry] = stored(built.documentUid);
    if (entry === undefined) throw new Error('deposit not stored');
    runAdminCommand(fx.sim.admin, ['fault', 'registry=store-then-drop']);
    await expect(sendOfficial(fx, 'registry', archive(entry.entryUuid))).rejects.toThrow(DROPPED);
    expect(stored(built.documentUid).map((d) => d.status)).toEqual([ARCHIVED]);
    // Sent again, the same change is refused (the document is no longer Approved) and answered.
    const again = await sendOfficial(fx, 'registry', archive(entry.entryUuid));
    expect(errorCode(again.body)).toBe('XDSMetadataUpdateError');
  });
});

describe('store-then-500', () => {
  it('stores an ITI-41 deposit, answers a 500 SOAP fault, and refuses the retry as a duplicate', async () => {
    // Stored by `admin fault`, as the CLI does for a running simulator.
    expect(runAdminCommand(fx.sim.admin, ['fault', 'repository=store-then-500'])).toBe(
      JSON.stringify({ repository: { afterCommit: 'http500' } }),
    );
    const built = buildDeposit();
    const answer = await sendDeposit(fx, built);
    expect(answer.status).toBe(500);
    expect(faultCode(answer.body)).toBe('DMPInternalError');
    expect(answer.body).not.toContain('RegistryResponse');
    expect(stored(built.documentUid)).toHaveLength(1);
    await expectRetryRefusedAsDuplicate(built);
  });

  it('applies through `*` to the patient services, and not where a service has its own empty rule', async () => {
    const td02 = officialMessage('TD0.2_-_Test_dexistence_request.xml');
    fx.sim.setFaults({ '*': { afterCommit: 'http500' } });
    const lost = await sendOfficial(fx, 'patients', td02);
    expect(lost.status).toBe(500);
    expect(faultCode(lost.body)).toBe('DMPInternalError');
    fx.sim.setFaults({ '*': { afterCommit: 'http500' }, patients: {} });
    const healthy = await sendOfficial(fx, 'patients', td02);
    expect(healthy.status).toBe(200);
    expect(xp(healthy.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('OK');
  });

  it('leaves a transaction refused before committing answered as usual', async () => {
    fx.sim.setFaults({ repository: { afterCommit: 'http500' } });
    const unknown = await sendDeposit(fx, buildDeposit({ nir: '160012B02077713' }));
    expect(unknown.status).toBe(200);
    expect(errorCode(unknown.body)).toBe('XDSUnknownPatientId');
  });
});

const archive = (entryUuid: string): string =>
  iti57(
    `<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><RegistryObjectList>` +
      `<RegistryPackage id="SubmissionSet01">${slot('submissionTime', '20260101120000')}` +
      `<ExternalIdentifier id="ei1" identificationScheme="urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446" value="${EXAMPLE}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH"/>` +
      `</RegistryPackage><Association associationType="urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus" id="a1"` +
      ` sourceObject="SubmissionSet01" targetObject="${entryUuid}">${slot('OriginalStatus', APPROVED)}${slot('NewStatus', ARCHIVED)}</Association>` +
      `</RegistryObjectList></lcm:SubmitObjectsRequest>`,
  );
