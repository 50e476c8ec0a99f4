import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TrainingCard, TrainingStatus } from '../../../../shared/api';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The trainer's hands: insert or pull the virtual Vitale card and CPS. The rest of the app only
 * sees reader events, exactly as with real cards, so the lesson is the real workflow.
 */
export function TrainingBar(): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [status, setStatus] = useState<TrainingStatus | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();

  const apply = useCallback((result: Result<TrainingStatus>) => {
    if (result.ok) {
      setStatus(result.value);
      setError(undefined);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    let live = true;
    void client.training.status({}).then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [client, apply]);

  // A production desk started with --training off has no virtual cards: say nothing, offer nothing.
  if (error?.code === 'TRAINING_ONLY') return null;

  const toggle = async (card: TrainingCard, inserted: boolean): Promise<void> => {
    apply(inserted ? await client.training.removeCard({ card }) : await client.training.insertCard({ card }));
  };

  return (
    <div className="training-bar" role="group" aria-label={t('training.label')}>
      {status?.slots.map((slot) => (
        <Button
          key={slot.card}
          className="training-bar__button"
          data-card={slot.card}
          onPress={() => void toggle(slot.card, slot.inserted)}
        >
          {t(`training.${slot.inserted ? 'remove' : 'insert'}.${slot.card}`)}
        </Button>
      ))}
      {status === undefined ? null : (
        <span className="training-bar__cast">
          {t('training.cast', { practitioner: status.practitioner, count: status.beneficiaries.length })}
        </span>
      )}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </div>
  );
}
