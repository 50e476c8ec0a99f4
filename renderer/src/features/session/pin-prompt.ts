import type { DmpClient } from '../../../../shared/api';
import type { Result } from '../../../../shared/errors';

/**
 * The one PIN dialog of the desk, as a small store: any call that main refuses with PIN_REQUIRED
 * asks it, wherever the user is, and waits; every call waiting at the same time shares the same
 * question. The screen that made the call stays mounted behind the dialog, so what was typed stays.
 */
/** Why the dialog is open: a call waits for the PIN, or the user asked to type it. */
export type PinPromptCause = 'call' | 'user';

export interface PinPrompt {
  /** Opens the dialog (or joins the open one); true once the PIN is verified, false if the user gave up. */
  ask(cause?: PinPromptCause): Promise<boolean>;
  /** Why the dialog is open; undefined while it is closed. */
  cause(): PinPromptCause | undefined;
  /** Closes the dialog with its answer; every waiting call gets it. */
  settle(verified: boolean): void;
  subscribe(listener: () => void): () => void;
}

export function createPinPrompt(): PinPrompt {
  let pending:
    | {
        readonly answer: Promise<boolean>;
        readonly resolve: (verified: boolean) => void;
        cause: PinPromptCause;
      }
    | undefined;
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    ask(cause = 'call') {
      if (pending === undefined) {
        let resolve!: (verified: boolean) => void;
        const answer = new Promise<boolean>((done) => (resolve = done));
        pending = { answer, resolve, cause };
        changed();
      } else if (cause === 'call' && pending.cause === 'user') {
        // A call now waits on the dialog the user opened: it says so.
        pending.cause = 'call';
        changed();
      }
      return pending.answer;
    },
    cause: () => pending?.cause,
    settle(verified) {
      const current = pending;
      if (current === undefined) return;
      pending = undefined;
      current.resolve(verified);
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

type AnyCall = (request: unknown) => Promise<Result<unknown>>;

/**
 * The client every screen uses: a call refused for want of the PIN asks it through `prompt`, then
 * is made again, once, with the same request. Given up, the call answers its first refusal, so the
 * screen says why as it did before. Every method of the contract gets this, not a chosen few.
 */
export function withPinPrompt(client: DmpClient, prompt: PinPrompt): DmpClient {
  const groups: Record<string, Record<string, AnyCall>> = {};
  for (const [name, group] of Object.entries(client)) {
    if (typeof group !== 'object' || group === null) continue;
    const wrapped: Record<string, AnyCall> = {};
    for (const [method, call] of Object.entries(group as Record<string, AnyCall>)) {
      wrapped[method] = async (request) => {
        const first = await call(request);
        if (first.ok || first.error.code !== 'PIN_REQUIRED') return first;
        return (await prompt.ask()) ? call(request) : first;
      };
    }
    groups[name] = wrapped;
  }
  return { ...groups, on: client.on.bind(client) } as unknown as DmpClient;
}
