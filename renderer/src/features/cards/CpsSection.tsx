import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CpsHolder, PinState } from '../../../../shared/domain/cards';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDeskSession } from '../dmp/use-qualified-patient';

/** One inserted CPS: holder identity and PIN counter (the PIN itself is typed from the header, on any screen). */
export function CpsSection({ reader }: { reader: string }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [holder, setHolder] = useState<CpsHolder | undefined>();
  const [readPin, setPin] = useState<PinState | undefined>();
  // Once main holds this card's session, its PIN state is the live one (typed from the header).
  const practitioner = useDeskSession()?.practitioner;
  const pin = practitioner?.reader === reader ? practitioner.pin : readPin;
  const [error, setError] = useState<AppErrorShape | undefined>();

  const apply = useCallback((result: Result<{ holder: CpsHolder; pin: PinState }>) => {
    if (result.ok) {
      setError(undefined);
      setHolder(result.value.holder);
      setPin(result.value.pin);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    let live = true;
    void client.cards.cpsHolder({ reader }).then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [client, reader, apply]);

  const read = (): void => {
    void client.cards.cpsHolder({ reader }).then(apply);
  };

  const blocked = pin?.triesLeft === 0;
  return (
    <div className="cards-section">
      {error === undefined ? null : <ErrorNotice error={error} />}
      {holder === undefined ? null : (
        <div className="cards-holder" data-testid="cps-holder">
          <strong>{t('cards.holder', { firstName: holder.firstName, lastName: holder.lastName })}</strong>
          <span>{t('cards.nationalId', { id: holder.nationalId })}</span>
          {practitioner?.reader === reader &&
          (practitioner.specialtyLabel ?? practitioner.professionLabel) !== undefined ? (
            // The codes in words (JDV_J01), as main read them for this very card.
            <span>{practitioner.specialtyLabel ?? practitioner.professionLabel}</span>
          ) : (
            <>
              <span>{t('cards.profession', { code: holder.profession })}</span>
              {holder.specialty === undefined ? null : <span>{t('cards.specialty', { code: holder.specialty })}</span>}
            </>
          )}
        </div>
      )}
      {pin === undefined ? null : (
        <p className="cards-pin" data-testid="cps-pin" aria-live="polite">
          {pin.verified ? t('cards.pinVerified') : blocked ? t('cards.pinBlocked') : null}{' '}
          {t('cards.pinTries', { left: pin.triesLeft, max: pin.maxTries })}
        </p>
      )}
      <div className="cards-actions">
        <Button className="dmp-button" onPress={read}>
          {t('cards.readCps')}
        </Button>
      </div>
    </div>
  );
}
