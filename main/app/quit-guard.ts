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
