import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DmpClient } from '../../../../shared/api';
import { useDmp } from '../../app/dmp-context';
import { PinDialog } from '../cards/PinDialog';
import { useVerifyPin } from '../cards/use-verify-pin';
import { useDeskSession } from '../dmp/use-qualified-patient';
import type { PinPrompt } from './pin-prompt';

interface PinPromptContextValue {
  readonly prompt: PinPrompt;
  /** The client without the prompt, for the checks the desk makes on its own (they never open a dialog). */
  readonly unprompted: DmpClient;
}

const PinPromptContext = createContext<PinPromptContextValue | undefined>(undefined);

export function PinPromptProvider(props: PinPromptContextValue & { children: ReactNode }): ReactNode {
  return (
    <PinPromptContext value={{ prompt: props.prompt, unprompted: props.unprompted }}>{props.children}</PinPromptContext>
  );
}

/** The desk's PIN prompt; undefined outside the app shell (a screen rendered alone in a test). */
export const usePinPrompt = (): PinPrompt | undefined => useContext(PinPromptContext)?.prompt;

/**
 * The client for calls nobody asked for (a check run when the patient or the card changes): a
 * PIN dialog popping up by itself at the admission desk would stop the wrong person.
 */
export function useUnpromptedClient(): DmpClient {
  const { client } = useDmp();
  return useContext(PinPromptContext)?.unprompted ?? client;
}

/**
 * The PIN dialog of the whole desk, opened by a call waiting for the PIN or by the header's button.
 * It closes itself as soon as main says the PIN is verified, however it was typed (here or on the
 * lock screen), and the waiting calls go on. `suspended` while the lock screen asks the PIN itself.
 */
export function PinPromptDialog(props: { suspended: boolean }): ReactNode {
  const { t } = useTranslation();
  const prompt = usePinPrompt();
  const practitioner = useDeskSession()?.practitioner ?? null;
  const cause = useSyncExternalStore(
    (listener) => prompt?.subscribe(listener) ?? (() => undefined),
    () => prompt?.cause(),
  );
  const open = cause !== undefined;
  const { busy, error, verify, clearError } = useVerifyPin();
  const verified = practitioner?.pin.verified === true;
  const blocked = practitioner?.pin.triesLeft === 0;

  useEffect(() => {
    if (!open) return;
    // Verified: the waiting calls go on. No card (or a blocked one): nothing typed here could help.
    if (verified) prompt?.settle(true);
    else if (practitioner === null || blocked) prompt?.settle(false);
  }, [open, verified, blocked, practitioner, prompt]);

  if (prompt === undefined || practitioner === null) return null;
  return (
    <PinDialog
      isOpen={open && !props.suspended}
      triesLeft={practitioner.pin.triesLeft}
      error={error}
      busy={busy}
      reason={cause === 'call' ? t('session.pinPrompt.reason') : undefined}
      // Success: the new PIN state comes back through `session.changed`, which settles the prompt.
      onSubmit={(code) => void verify(practitioner.reader, code)}
      onClose={() => {
        clearError();
        prompt.settle(false);
      }}
    />
  );
}
