// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutboxIndicator } from '../../../renderer/src/features/outbox/OutboxIndicator';
import { OutboxPortContext, type OutboxPort } from '../../../renderer/src/features/outbox/outbox-store';
import { createI18n } from '../../../renderer/src/i18n';
import type { OutboxItem, OutboxSnapshot } from '../../../shared/api/outbox';
import { ensureCssEscape } from '../../support/css-escape';
import { AppError, toErrorShape, type Result } from '../../../shared/errors';

beforeAll(ensureCssEscape);
// Modals open and close over a few frames: a loaded 2-core machine needs more than the default second.
configure({ asyncUtilTimeout: 5_000 });
afterEach(cleanup);

/**
 * The outbox as the screen sees it, driven state by state: main's engine is exercised by
 * main/sync's own tests and tests/e2e/offline.spec.ts; here each state the contract allows is put
 * in front of the user and what they read and can do is checked.
 */
class ScriptedOutbox implements OutboxPort {
  snapshot: OutboxSnapshot;
  readonly calls: string[] = [];
  refuseNext = false;
  private readonly listeners = new Set<(snapshot: OutboxSnapshot) => void>();

  constructor(items: OutboxItem[], progress = { done: 0, total: items.length }) {
    this.snapshot = { items, progress };
  }

  readonly list = async (): Promise<Result<OutboxSnapshot>> => ({ ok: true, value: this.snapshot });
  readonly retry = async (id: string): Promise<Result<OutboxSnapshot>> =>
    this.change(`retry ${id}`, (item) => (item.id === id ? { ...item, state: 'pending' as const } : item));
  readonly cancel = async (id: string): Promise<Result<OutboxSnapshot>> =>
    this.change(`cancel ${id}`, (item) => (item.id === id ? undefined : item));
  readonly onChanged = (listener: (snapshot: OutboxSnapshot) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What main's `outbox.changed` would push. */
  emit(snapshot: OutboxSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  private async change(
    call: string,
    map: (item: OutboxItem) => OutboxItem | undefined,
  ): Promise<Result<OutboxSnapshot>> {
    this.calls.push(call);
    if (this.refuseNext) {
      this.refuseNext = false;
      return { ok: false, error: toErrorShape(new AppError('STORE_CLOSED')) };
    }
    const items = this.snapshot.items.map(map).filter((item): item is OutboxItem => item !== undefined);
    this.snapshot = { ...this.snapshot, items };
    return { ok: true, value: this.snapshot };
  }
}

let sequence = 0;
function item(overrides: Partial<OutboxItem>): OutboxItem {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    kind: 'deposit',
    patientId: 'p-1',
    patient: { family: 'Corse', given: 'Anthony', birthDate: '1980-03-02' },
    title: `Compte rendu ${sequence}`,
    uniqueId: `1.2.250.1.${sequence}`,
    state: 'pending',
    attempts: 0,
    enqueuedAt: `2026-12-06T08:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    ...overrides,
  };
}

async function renderIndicator(port: OutboxPort, language: 'fr' | 'en' = 'fr', guardUnload = false) {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <OutboxPortContext value={port}>
        <header>
          <OutboxIndicator guardUnload={guardUnload} />
        </header>
      </OutboxPortContext>
    </I18nextProvider>,
  );
}

const indicator = async (): Promise<HTMLElement> => screen.findByRole('button', { name: /DMP|Boîte d'envoi|Outbox/ });

describe('outbox indicator', () => {
  it('is discreet when everything is in the DMP, then counts in words what is left, worst first', async () => {
    const port = new ScriptedOutbox([item({ state: 'sent' })], { done: 1, total: 1 });
    await renderIndicator(port);
    expect((await indicator()).textContent).toBe('✓ Tout est envoyé au DMP');
    expect((await indicator()).getAttribute('data-tone')).toBe('clear');

    await act(async () => {
      port.emit({
        items: [
          item({ state: 'pending' }),
          item({ state: 'pending' }),
          item({ state: 'checking' }),
          item({ state: 'sending' }),
          item({ state: 'waiting_card' }),
          item({ state: 'failed', lastError: { code: 'DMP_REJECTED', retryable: false } }),
        ],
        progress: { done: 0, total: 5 },
      });
    });
    const button = await indicator();
    expect(button.textContent).toBe(
      "✕ Boîte d'envoi : 1 envoi en échec · 1 attend la carte CPS · 1 en cours d'envoi · 3 en attente",
    );
    expect(button.getAttribute('data-tone')).toBe('failed');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
  });

  it('says a missing card before time, and speaks English', async () => {
    const port = new ScriptedOutbox([item({ state: 'waiting_card' }), item({ state: 'waiting_card' }), item({})]);
    await renderIndicator(port, 'en');
    const button = await indicator();
    expect(button.textContent).toBe('⚠ Outbox: 2 waiting for the CPS card · 1 waiting');
    expect(button.getAttribute('data-tone')).toBe('card');
  });
});

describe('outbox panel', () => {
  it('lists each item with its patient, title, state in words, attempts, next try and reason, worst first', async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    const port = new ScriptedOutbox(
      [
        item({
          title: 'Lettre de sortie',
          attempts: 2,
          nextAttemptAt: soon.toISOString(),
          lastError: { code: 'SERVICE_TIMEOUT', retryable: true },
        }),
        item({
          title: 'Ordonnance',
          patient: { family: 'Martin', given: 'Lucie', birthDate: '1975-11-30' },
          state: 'failed',
          attempts: 1,
          lastError: { code: 'DMP_REJECTED', retryable: false },
        }),
      ],
      { done: 12, total: 40 },
    );
    await renderIndicator(port);
    fireEvent.click(await indicator());
    const dialog = await screen.findByRole('dialog', { name: "Boîte d'envoi vers le DMP" });

    expect(within(dialog).getByRole('progressbar', { name: 'Envoi en cours' }).getAttribute('aria-valuenow')).toBe(
      '12',
    );
    expect(within(dialog).getByText('12 sur 40 envoyés')).toBeTruthy();

    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // The failed item first: it is the one that needs the user.
    const [failed, waiting] = rows as [HTMLElement, HTMLElement];
    expect(within(failed).getByText('MARTIN Lucie')).toBeTruthy();
    expect(within(failed).getByText('né(e) le 30/11/1975')).toBeTruthy();
    expect(within(failed).getByText('Ordonnance')).toBeTruthy();
    expect(within(failed).getByText('Dépôt')).toBeTruthy();
    expect(within(failed).getByText('Envoi en échec')).toBeTruthy();
    expect(
      within(failed)
        .getByText(/^Motif : /)
        .closest('[data-error-code]')
        ?.getAttribute('data-error-code'),
    ).toBe('DMP_REJECTED');
    expect(within(failed).getByRole('button', { name: "Réessayer l'envoi de « Ordonnance »" })).toBeTruthy();

    expect(within(waiting).getByText('CORSE Anthony')).toBeTruthy();
    expect(within(waiting).getByText("En attente d'envoi")).toBeTruthy();
    expect(within(waiting).getByText(/^Dernier essai : /)).toBeTruthy();
    const cells = within(waiting).getAllByRole('cell');
    expect(cells[3]?.textContent).toBe('2');
    expect(cells[4]?.textContent).toBe(
      new Intl.DateTimeFormat('fr', { hour: '2-digit', minute: '2-digit' }).format(soon),
    );
    // A waiting item has nothing for the user to do.
    expect(within(waiting).queryByRole('button')).toBeNull();
  });

  it('retries a failed item and shows the snapshot main answers', async () => {
    const failed = item({
      state: 'failed',
      title: 'Ordonnance',
      lastError: { code: 'DMP_REJECTED', retryable: false },
    });
    const port = new ScriptedOutbox([failed]);
    await renderIndicator(port);
    fireEvent.click(await indicator());
    const dialog = await screen.findByRole('dialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /Réessayer/ }));
    });
    expect(port.calls).toEqual([`retry ${failed.id}`]);
    await waitFor(() => expect(within(dialog).getByText("En attente d'envoi")).toBeTruthy());
    expect(within(dialog).queryByRole('button', { name: /Réessayer/ })).toBeNull();
  });

  it('asks before cancelling, keeps the item when the user changes their mind, and says why main refused', async () => {
    const waiting = item({ state: 'waiting_card', title: 'Compte rendu opératoire' });
    const port = new ScriptedOutbox([waiting, item({})]);
    await renderIndicator(port);
    fireEvent.click(await indicator());
    const dialog = await screen.findByRole('dialog', { name: "Boîte d'envoi vers le DMP" });
    expect(within(dialog).getByText(/Insérez la carte CPS de l'auteur/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Réessayer/ })).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: "Annuler l'envoi de « Compte rendu opératoire »" }));
    let confirm = await screen.findByRole('alertdialog', { name: 'Annuler cet envoi ?' });
    expect(
      within(confirm).getByText(
        "« Compte rendu opératoire » ne sera pas envoyé au DMP de CORSE Anthony. Pour l'y mettre, il faudra le déposer à nouveau.",
      ),
    ).toBeTruthy();
    // The focus goes into the question (react-aria moves it after mounting, a frame later: slow on a loaded machine),
    // never onto the button that drops the document.
    await waitFor(() => expect(confirm.contains(document.activeElement)).toBe(true), { timeout: 10_000 });
    expect(document.activeElement?.textContent).not.toBe("Annuler l'envoi");
    fireEvent.click(within(confirm).getByRole('button', { name: "Garder l'envoi" }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(port.calls).toEqual([]);

    port.refuseNext = true;
    fireEvent.click(within(dialog).getByRole('button', { name: /Annuler l'envoi de/ }));
    confirm = await screen.findByRole('alertdialog');
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: "Annuler l'envoi" }));
    });
    expect((await within(dialog).findByRole('alert')).getAttribute('data-error-code')).toBe('STORE_CLOSED');
    expect(within(dialog).getAllByRole('row')).toHaveLength(3);

    fireEvent.click(within(dialog).getByRole('button', { name: /Annuler l'envoi de/ }));
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: "Annuler l'envoi" }));
    });
    await waitFor(() => expect(within(dialog).getAllByRole('row')).toHaveLength(2));
    expect(port.calls).toEqual([`cancel ${waiting.id}`, `cancel ${waiting.id}`]);
  });

  it('says nothing is waiting when the outbox is empty, and closes', async () => {
    await renderIndicator(new ScriptedOutbox([]), 'en');
    fireEvent.click(await indicator());
    const dialog = await screen.findByRole('dialog', { name: 'Outbox to the DMP' });
    expect(within(dialog).getByText('Nothing waiting: everything deposited is in the DMP.')).toBeTruthy();
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('leaving the browser harness', () => {
  const leave = (): Event => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event;
  };

  it('asks before the page closes only while something is not in the DMP', async () => {
    const port = new ScriptedOutbox([item({ state: 'pending' })]);
    await renderIndicator(port, 'fr', true);
    await indicator();
    expect(leave().defaultPrevented).toBe(true);
    await act(async () => {
      port.emit({ items: [item({ state: 'sent' })], progress: { done: 1, total: 1 } });
    });
    expect((await indicator()).textContent).toBe('✓ Tout est envoyé au DMP');
    expect(leave().defaultPrevented).toBe(false);
  });

  it('leaves closing to main in Electron', async () => {
    await renderIndicator(new ScriptedOutbox([item({ state: 'failed' })]), 'fr', false);
    await indicator();
    expect(leave().defaultPrevented).toBe(false);
  });
});
