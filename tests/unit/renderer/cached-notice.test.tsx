// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedNotice } from '../../../renderer/src/features/documents/CachedNotice';
import { createI18n } from '../../../renderer/src/i18n';

afterEach(cleanup);

async function show(cachedAt: string | undefined, what: 'list' | 'document', language: 'fr' | 'en' = 'fr') {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <CachedNotice cachedAt={cachedAt} what={what} />
    </I18nextProvider>,
  );
}

describe('cached notice', () => {
  it('says a list is the copy kept on this desk, and how old it is', async () => {
    await show(new Date(Date.now() - 2 * 60 * 60_000 - 1000).toISOString(), 'list');
    expect(screen.getByRole('note').textContent).toBe(
      'Le DMP ne répond pas : voici la liste enregistrée sur ce poste il y a 2 heures. Elle peut ne plus être à jour.',
    );
  });

  it('says so for a document, in English too', async () => {
    await show(new Date().toISOString(), 'document', 'en');
    expect(screen.getByRole('note').textContent).toBe(
      'The DMP is not answering: this is the copy saved on this workstation just now.',
    );
  });

  it('says nothing for a live answer', async () => {
    await show(undefined, 'list');
    expect(screen.queryByRole('note')).toBeNull();
  });
});
