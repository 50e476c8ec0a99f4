import { useEffect, useState } from 'react';
import type { CardsStatus } from '../../../../shared/domain/cards';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';

/** Live reader and card state: one fetch, then every `cards.changed` event from main. */
export function useCardsStatus(): { status: CardsStatus | undefined; error: AppErrorShape | undefined } {
  const { client } = useDmp();
  const [status, setStatus] = useState<CardsStatus | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  useEffect(() => {
    let live = true;
    const unsubscribe = client.on('cards.changed', (next) => {
      setStatus(next);
      setError(undefined);
    });
    void client.cards.status({}).then((result) => {
      if (!live) return;
      if (result.ok) setStatus((current) => current ?? result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return { status, error };
}
