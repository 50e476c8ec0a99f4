// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { EmergencyDocumentAccess } from '../../../../renderer/src/features/documents/EmergencyDocumentAccess';
import { DEFAULT_IDENTITIES } from '../../../../simulators/insi';
import { useScreenHarness } from '../../../support/screen-harness';

/**
 * The Documents screen's list under the emergency session the banner shows, on the real service
 * graph and the DMP simulator: nothing in the list knows about emergency access.
 */
// Seeded: an active DMP on which the example doctor has no authorization (DOMINIQUE ADRTROIS, qualified at the desk).
const MATRICULE = '297022A02077878';
const TITLE = `Bilan urgence ${Date.now()}`;
const REASON = 'Patient inconscient, recherche de traitements';

const desk = useScreenHarness();
const { mount } = desk;

let patientId = '';

beforeAll(async () => {
  const adrtrois = DEFAULT_IDENTITIES.find((p) => p.birthName === 'ADRTROIS' && p.firstNames[0] === 'DOMINIQUE');
  if (adrtrois === undefined) throw new Error('ADRTROIS is not an INSi test identity');
  patientId = await desk.fixture.qualify(adrtrois);
  // Feeding needs no authorization (M526): the document to look for is deposited in normal mode.
  const deposited = await desk.client.documents.deposit({
    patientId,
    title: TITLE,
    type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'CR de consultation' },
    pdfBase64: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64'),
  });
  if (!deposited.ok) throw new Error(deposited.error.code);
}, 60_000);

const list = (): HTMLElement => screen.getByRole('region', { name: 'Documents du dossier' });

describe('Documents screen under an emergency session', () => {
  it('lists in normal mode until an emergency access opens, then under it, and back when it ends', async () => {
    await mount(
      <EmergencyDocumentAccess patientId={patientId}>
        <DocumentsList patientId={patientId} reloadKey={0} onOpen={() => undefined} />
      </EmergencyDocumentAccess>,
    );
    // Not authorized: the DMP refuses the list.
    await waitFor(() => expect(within(list()).getByRole('alert').dataset['errorCode']).toBe('DMP_ACCESS_DENIED'), {
      timeout: 20_000,
    });
    expect(screen.queryByRole('note')).toBeNull();

    // The bris de glace access (TD0.2 with a reason, as the DMP panel makes it) opens the session.
    await act(async () => {
      const access = await desk.client.dmp.checkAccess({
        patientId,
        accessMode: 'bris_de_glace',
        emergencyReason: REASON,
      });
      if (!access.ok) throw new Error(access.error.code);
    });
    expect((await screen.findByRole('note')).textContent).toContain('bris de glace');
    expect(await within(list()).findByText(TITLE, undefined, { timeout: 20_000 })).toBeTruthy();
    expect(document.body.textContent).not.toContain('inconscient');
    expect(desk.simulator.admin.accessHistory(MATRICULE).at(-1)).toMatchObject({
      transaction: 'TD3.1',
      accessMode: 'bris_de_glace',
      outcome: 'allow',
    });

    // Ended from the banner (same call): the screen is back in normal mode, and refused again.
    const sessions = await desk.client.dmp.emergencySessions({});
    const session = sessions.ok ? sessions.value.sessions.find((s) => s.patientId === patientId) : undefined;
    if (session === undefined) throw new Error('no session');
    await act(async () => {
      await desk.client.dmp.endEmergencySession({ id: session.id });
    });
    await waitFor(() => expect(screen.queryByRole('note')).toBeNull());
    await waitFor(() => expect(within(list()).getByRole('alert').dataset['errorCode']).toBe('DMP_ACCESS_DENIED'), {
      timeout: 20_000,
    });
    expect(within(list()).queryByText(TITLE)).toBeNull();
  }, 60_000);
});
