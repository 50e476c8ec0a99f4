// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../support/render-app';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
afterEach(cleanup);

async function renderShell(mode: 'training' | 'production' = 'training') {
  const userDataDir = await tempDir();
  const { i18n } = await renderApp(createTestServices(userDataDir, { mode, appVersion: '1.2.3' }));
  return { userDataDir, i18n };
}

describe('app shell', () => {
  it('opens on the Desk screen in French with the five screens in the navigation', async () => {
    await renderShell();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    const items = within(nav)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(items).toEqual(['Accueil', 'Consultation', 'Documents', 'Historique', 'Paramètres']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accueil du patient');
    expect(within(nav).getByRole('button', { name: 'Accueil' }).getAttribute('aria-current')).toBe('page');
    expect(document.documentElement.dataset['appReady']).toBe('true');
  });

  it('shows the training banner only in training mode', async () => {
    await renderShell('training');
    expect(screen.getByRole('status').textContent).toMatch(/Mode formation/);
    cleanup();
    await renderShell('production');
    expect(screen.queryByText(/Mode formation/)).toBeNull();
  });

  it('navigates between screens', async () => {
    await renderShell();
    fireEvent.click(screen.getByRole('button', { name: 'Historique' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Historique des accès');
    fireEvent.click(screen.getByRole('button', { name: 'Paramètres' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Paramètres');
  });

  it('switches to English through the real settings service, which persists it', async () => {
    const { userDataDir, i18n } = await renderShell();
    act(() => {
      fireEvent.click(screen.getByRole('radio', { name: 'English' }));
    });
    await waitFor(() => expect(i18n.language).toBe('en'));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    const saved = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')) as { language: string };
    expect(saved.language).toBe('en');
  });
});
