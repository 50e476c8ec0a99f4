import { describe, expect, it } from 'vitest';
import { createCloseGuard, decideQuit, quitPrompt, type QuitPrompt } from '../../../main/app/quit-guard';
import type { OutboxState } from '../../../shared/api/outbox';

describe('decideQuit', () => {
  it('quits at once with an empty outbox or only items already in the DMP', () => {
    expect(decideQuit({ states: [], confirmed: false })).toEqual({ action: 'quit' });
    expect(decideQuit({ states: ['sent', 'sent'], confirmed: false })).toEqual({ action: 'quit' });
  });

  it('asks first while anything is not in the DMP, counting what failed apart', () => {
    expect(
      decideQuit({ states: ['pending', 'sending', 'checking', 'waiting_card', 'failed', 'sent'], confirmed: false }),
    ).toEqual({ action: 'ask', unsent: 5, failed: 1 });
    expect(decideQuit({ states: ['waiting_card'], confirmed: false })).toEqual({ action: 'ask', unsent: 1, failed: 0 });
  });

  it('quits once the user said "quit anyway"', () => {
    expect(decideQuit({ states: ['pending', 'failed'], confirmed: true })).toEqual({ action: 'quit' });
  });
});

describe('quitPrompt', () => {
  it('says in French how many are not in the DMP, that they are kept, and which need the user', () => {
    const prompt = quitPrompt('fr', { action: 'ask', unsent: 3, failed: 1 });
    expect(prompt.message).toBe('3 envois ne sont pas encore dans le DMP.');
    expect(prompt.detail).toBe(
      "Ils restent enregistrés sur ce poste et seront envoyés à la prochaine ouverture de DMP Desk. 1 est en échec et demande votre intervention : voir la boîte d'envoi.",
    );
    expect(prompt.buttons[prompt.quitId]).toBe('Quitter quand même');
    // Enter and Escape both keep the desk open: quitting is the deliberate choice.
    expect([prompt.defaultId, prompt.cancelId]).toEqual([0, 0]);
  });

  it('agrees in number, and speaks English when the desk does', () => {
    expect(quitPrompt('fr', { action: 'ask', unsent: 1, failed: 0 })).toMatchObject({
      message: "1 envoi n'est pas encore dans le DMP.",
      detail: 'Il reste enregistré sur ce poste et sera envoyé à la prochaine ouverture de DMP Desk.',
    });
    const english = quitPrompt('en', { action: 'ask', unsent: 2, failed: 2 });
    expect(english.message).toBe('2 items are not in the DMP yet.');
    expect(english.detail).toMatch(/2 have failed and need you: see the outbox\.$/);
    expect(english.buttons).toEqual(['Stay and let them be sent', 'Quit anyway']);
  });
});

describe('createCloseGuard', () => {
  function harness(states: () => Promise<readonly OutboxState[]>, answers: number[]) {
    const asked: QuitPrompt[] = [];
    let closes = 0;
    let refused = 0;
    const guard = createCloseGuard({
      unsentStates: states,
      language: async () => 'fr',
      ask: async (prompt) => {
        asked.push(prompt);
        return answers.shift() ?? prompt.cancelId;
      },
      close: () => {
        closes += 1;
        // Electron emits `close` again for the window closed by code.
        guard({ preventDefault: () => (refused += 1) });
      },
    });
    const closeWindow = (): void => guard({ preventDefault: () => (refused += 1) });
    return { asked, closeWindow, closes: () => closes, refused: () => refused };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('closes without asking when everything is in the DMP', async () => {
    const h = harness(async () => ['sent'], []);
    h.closeWindow();
    await settle();
    expect(h.asked).toEqual([]);
    expect([h.closes(), h.refused()]).toEqual([1, 1]);
  });

  it('stays open when the user chooses to stay, closes when they choose to quit, and asks once per close', async () => {
    const h = harness(async () => ['pending', 'failed'], [0, 1]);
    h.closeWindow();
    h.closeWindow();
    await settle();
    expect(h.asked.map((prompt) => prompt.message)).toEqual(['2 envois ne sont pas encore dans le DMP.']);
    expect(h.closes()).toBe(0);

    h.closeWindow();
    await settle();
    expect(h.asked).toHaveLength(2);
    expect(h.closes()).toBe(1);
  });

  it('closes when the outbox cannot be read: a closed store accepted nothing', async () => {
    const h = harness(() => Promise.reject(new Error('store closed')), []);
    h.closeWindow();
    await settle();
    expect(h.asked).toEqual([]);
    expect(h.closes()).toBe(1);
  });
});
