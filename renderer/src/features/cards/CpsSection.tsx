import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CpsHolder, PinState } from '../../../../shared/domain/cards';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PinDialog } from './PinDialog';

/** One inserted CPS: holder identity, PIN counter and the PIN dialog. */
export function CpsSection({ reader }: { reader: string }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [holder, setHolder] = useState<CpsHolder | undefined>();
  const [pin, setPin] = useState<PinState | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [pinError, setPinError] = useState<AppErrorShape | undefined>();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState(false);

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

  const submitPin = async (code: string): Promise<void> => {
    setBusy(true);
    setPinError(undefined);
    const result = await client.cards.verifyPin({ reader, pin: code });
    setBusy(false);
    if (result.ok) {
      setPin(result.value);
      setDialogOpen(false);
      return;
    }
    setPinError(result.error);
    const triesLeft = result.error.details?.['triesLeft'];
    if (typeof triesLeft === 'number' && pin !== undefined) setPin({ ...pin, triesLeft, verified: false });
    if (result.error.code === 'PIN_BLOCKED' && pin !== undefined) setPin({ ...pin, triesLeft: 0, verified: false });
  };

  const blocked = pin?.triesLeft === 0;
  return (
    <div className="cards-section">
      {error === undefined ? null : <ErrorNotice error={error} />}
      {holder === undefined ? null : (
        <div className="cards-holder" data-testid="cps-holder">
          <strong>{t('cards.holder', { firstName: holder.firstName, lastName: holder.lastName })}</strong>
          <span>{t('cards.nationalId', { id: holder.nationalId })}</span>
          <span>{t('cards.profession', { code: holder.profession })}</span>
          {holder.specialty === undefined ? null : <span>{t('cards.specialty', { code: holder.specialty })}</span>}
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
        {pin === undefined || pin.verified || blocked ? null : (
          <Button className="dmp-button dmp-button--primary" onPress={() => setDialogOpen(true)}>
            {t('cards.enterPin')}
          </Button>
        )}
      </div>
      <PinDialog
        isOpen={dialogOpen}
        triesLeft={pin?.triesLeft}
        error={pinError}
        busy={busy}
        onSubmit={(code) => void submitPin(code)}
        onClose={() => {
          setDialogOpen(false);
          setPinError(undefined);
        }}
      />
    </div>
  );
}
