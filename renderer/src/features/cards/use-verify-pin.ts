import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';

/**
 * Presents a PIN to the CPS in `reader`. Only the refusal is kept here: the new PIN state comes
 * back through `session.changed`, which is what closes a dialog or unlocks the desk.
 */
export function useVerifyPin(): {
  readonly busy: boolean;
  readonly error: AppErrorShape | undefined;
  readonly verify: (reader: string, pin: string) => Promise<boolean>;
  readonly clearError: () => void;
} {
  const { client } = useDmp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | undefined>();
  const verify = async (reader: string, pin: string): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    const result = await client.cards.verifyPin({ reader, pin });
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result.ok;
  };
  return { busy, error, verify, clearError: () => setError(undefined) };
}
