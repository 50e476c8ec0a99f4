// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../../shared/api';
import { DocumentViewer } from '../../../../renderer/src/features/documents/DocumentViewer';
import { DEFAULT_IDENTITIES } from '../../../../simulators/insi';
import { useScreenHarness } from '../../../support/screen-harness';

/**
 * The document viewer on the real service graph and the DMP simulator's structured training
 * synthesis, seeded for ANTHONY CORSE: the desk qualifies his identity through INSi first.
 */
const desk = useScreenHarness({ seedDocuments: true });
const { mount } = desk;
let patientId = '';

beforeAll(async () => {
  const corse = DEFAULT_IDENTITIES.find((p) => p.birthName === 'CORSE' && p.firstNames[0] === 'ANTHONY');
  if (corse === undefined) throw new Error('CORSE is not an INSi test identity');
  patientId = await desk.fixture.qualify(corse);
}, 60_000);

async function documentTitled(pattern: RegExp): Promise<DocumentSummary> {
  const found = await desk.client.documents.search({ patientId });
  if (!found.ok) throw new Error(found.error.code);
  const document = found.value.documents.find((d) => pattern.test(d.title ?? ''));
  if (document === undefined) throw new Error('no such training document');
  return document;
}

describe('DocumentViewer', () => {
  it('shows a structured CDA as headed sections and tables, with its header facts', async () => {
    const document = await documentTitled(/structuree/);
    await mount(<DocumentViewer patientId={patientId} document={document} onClose={() => undefined} />);
    const viewer = screen.getByRole('region', { name: document.title ?? '' });
    await waitFor(() =>
      expect(within(viewer).getByRole('heading', { level: 3, name: 'Pathologies en cours' })).toBeTruthy(),
    );
    expect(within(viewer).getByRole('heading', { level: 3, name: 'Traitements au long cours' })).toBeTruthy();
    const problems = within(viewer).getByRole('region', { name: 'Pathologies en cours' });
    expect(
      within(problems)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['Hypertension arterielledepuis 2019', 'Asthmedepuis l enfance']);
    expect(within(viewer).getByText('Auteur(s)', { selector: 'dt' }).nextElementSibling?.textContent).toBe('MAX LIBRE');
    expect(within(viewer).getByText(/texte narratif de chaque section/)).toBeTruthy();
    expect(viewer.querySelector('iframe, pre')).toBeNull();
  }, 30_000);

  it('still shows an N1 document in a frame', async () => {
    URL.createObjectURL = () => 'blob:test/pdf';
    URL.revokeObjectURL = () => undefined;
    const document = await documentTitled(/imagerie/);
    await mount(<DocumentViewer patientId={patientId} document={document} onClose={() => undefined} />);
    const viewer = screen.getByRole('region', { name: document.title ?? '' });
    await waitFor(() => expect(viewer.querySelector('iframe')?.getAttribute('src')).toBe('blob:test/pdf'));
    expect(within(viewer).queryByRole('heading', { level: 3 })).toBeNull();
  }, 30_000);
});
