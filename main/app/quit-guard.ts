/**
 * Quitting the desk with writes still in the outbox, as pure functions (like main/security/policy.ts)
 * so main/index.ts only glues them to Electron's window `close` and its message box. Nothing is
 * lost by quitting (the outbox is in the encrypted store and the engine resumes at the next start),
 * but the user must know the documents are not in the DMP yet, and that failed ones need them.
 */
import type { Language } from '../../shared/api/settings';
import type { OutboxState } from '../../shared/api/outbox';

export type QuitDecision =
  { readonly action: 'quit' } | { readonly action: 'ask'; readonly unsent: number; readonly failed: number };

/**
 * Quit at once when everything is in the DMP or the user already said "quit anyway" for this
 * quit; otherwise ask. A `sent` item is only kept for the screen: it never holds the user back.
 */
export function decideQuit(request: {
  readonly states: readonly OutboxState[];
  readonly confirmed: boolean;
}): QuitDecision {
  if (request.confirmed) return { action: 'quit' };
  const unsent = request.states.filter((state) => state !== 'sent').length;
  if (unsent === 0) return { action: 'quit' };
  return { action: 'ask', unsent, failed: request.states.filter((state) => state === 'failed').length };
}

/** The message box's words and buttons; "stay" is the default and what Escape chooses. */
export interface QuitPrompt {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [stay: string, quit: string];
  readonly defaultId: 0;
  readonly cancelId: 0;
  /** The index of the button that quits. */
  readonly quitId: 1;
}

const plural = (count: number, one: string, other: string): string => (count === 1 ? one : other);

/** In the desk's language (main has no i18next: these few words live here, both languages side by side). */
export function quitPrompt(language: Language, decision: Extract<QuitDecision, { action: 'ask' }>): QuitPrompt {
  const { unsent, failed } = decision;
  if (language === 'en') {
    return {
      title: 'DMP Desk',
      message: `${unsent} ${plural(unsent, 'item is', 'items are')} not in the DMP yet.`,
      detail: [
        'They stay saved on this computer and will be sent the next time DMP Desk opens.',
        ...(failed > 0
          ? [
              `${failed} ${plural(failed, 'has', 'have')} failed and ${plural(failed, 'needs', 'need')} you: see the outbox.`,
            ]
          : []),
      ].join(' '),
      buttons: ['Stay and let them be sent', 'Quit anyway'],
      defaultId: 0,
      cancelId: 0,
      quitId: 1,
    };
  }
  return {
    title: 'DMP Desk',
    message: `${unsent} ${plural(unsent, "envoi n'est", 'envois ne sont')} pas encore dans le DMP.`,
    detail: [
      `${plural(unsent, 'Il reste enregistré', 'Ils restent enregistrés')} sur ce poste et ${plural(unsent, 'sera envoyé', 'seront envoyés')} à la prochaine ouverture de DMP Desk.`,
      ...(failed > 0
        ? [
            `${failed} ${plural(failed, 'est en échec et demande', 'sont en échec et demandent')} votre intervention : voir la boîte d'envoi.`,
          ]
        : []),
    ].join(' '),
    buttons: ["Rester et laisser partir l'envoi", 'Quitter quand même'],
    defaultId: 0,
    cancelId: 0,
    quitId: 1,
  };
}

/**
 * The window's `close` handler, without Electron: the event must be refused at once (the outbox
 * lives in the store's worker, so its states come back later), then the window is closed again
 * by code once the outbox is empty or the user chose "quit anyway". A second close while the
 * question is open does not ask twice. An outbox that cannot be read (the store closed: no
 * keystore, wrong key) holds nothing: no deposit could have been accepted into it, and asking at
 * every quit of such a desk would only teach users to click the question away.
 */
export function createCloseGuard(options: {
  readonly unsentStates: () => Promise<readonly OutboxState[]>;
  readonly language: () => Promise<Language>;
  /** Shows the prompt; answers the index of the button chosen. */
  readonly ask: (prompt: QuitPrompt) => Promise<number>;
  /** Closes the window for real (the handler lets that close through). */
  readonly close: () => void;
}): (event: { preventDefault(): void }) => void {
  let confirmed = false;
  let deciding = false;
  const decideAndClose = async (): Promise<void> => {
    const states = await options.unsentStates().catch((): readonly OutboxState[] => []);
    const decision = decideQuit({ states, confirmed });
    if (decision.action === 'ask') {
      const prompt = quitPrompt(await options.language().catch(() => 'fr' as const), decision);
      if ((await options.ask(prompt)) !== prompt.quitId) return;
    }
    confirmed = true;
    options.close();
  };
  return (event) => {
    if (confirmed) return;
    event.preventDefault();
    if (deciding) return;
    deciding = true;
    void decideAndClose().finally(() => {
      deciding = false;
    });
  };
}
