import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PractitionerSummary } from '../../../../shared/api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PinField } from '../cards/PinField';
import { useVerifyPin } from '../cards/use-verify-pin';

/** Who the desk was locked for: the holder of the CPS just pulled. */
export interface LockedFor {
  readonly nationalId: string;
  readonly firstName: string;
  readonly lastName: string;
}

/**
 * Locks the desk the moment the CPS in use leaves its reader, and unlocks it once a card is back
 * with its PIN verified. `reset` forgets a lock (a training exercise pulls the cards on purpose).
 *
 * Unlocked by another professional's card, the desk is handed over: `handovers` counts these, and
 * the shell mounts its screens afresh on each, so nothing the previous holder had typed (a report
 * not yet deposited) can be sent under the new holder's name. The patient, main's, stays.
 */
export function useSessionLock(practitioner: PractitionerSummary | null | undefined): {
  readonly lockedFor: LockedFor | undefined;
  readonly handovers: number;
  readonly reset: () => void;
} {
  const [lockedFor, setLockedFor] = useState<LockedFor | undefined>();
  const [handovers, setHandovers] = useState(0);
  const previous = useRef<PractitionerSummary | null | undefined>(practitioner);
  useEffect(() => {
    const before = previous.current;
    previous.current = practitioner;
    if (before !== undefined && before !== null && practitioner === null) {
      setLockedFor({ nationalId: before.nationalId, firstName: before.firstName, lastName: before.lastName });
    } else if (practitioner?.pin.verified === true && lockedFor !== undefined) {
      if (practitioner.nationalId !== lockedFor.nationalId) setHandovers((count) => count + 1);
      setLockedFor(undefined);
    }
  }, [practitioner, lockedFor]);
  return { lockedFor, handovers, reset: () => setLockedFor(undefined) };
}

/**
 * The lock screen over the desk (not over the training banner, where the trainer's virtual
 * cards are). What was on screen stays mounted behind it, untouched, for when the card is back.
 */
export function SessionLock(props: { lockedFor: LockedFor; practitioner: PractitionerSummary | null }): ReactNode {
  const { t } = useTranslation();
  const { busy, error, verify } = useVerifyPin();
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLElement>(null);
  const [pin, setPin] = useState('');
  const { practitioner } = props;
  const blocked = practitioner?.pin.triesLeft === 0;

  const field = useRef<HTMLInputElement>(null);
  const cardBack = practitioner !== null;
  // Locked: the lock itself has the focus; the card back: straight to the PIN field.
  useEffect(() => (cardBack ? field.current : panel.current)?.focus(), [cardBack]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (practitioner === null) return;
    const code = pin;
    setPin('');
    // Success unlocks through `session.changed` (the PIN now verified).
    await verify(practitioner.reader, code);
  };

  return (
    <div className="session-lock">
      <section
        ref={panel}
        className="session-lock__panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
      >
        <h2 id={titleId}>{t('session.lock.title')}</h2>
        <div id={bodyId}>
          <p>
            {t('session.lock.removed', { firstName: props.lockedFor.firstName, lastName: props.lockedFor.lastName })}
          </p>
          {practitioner !== null && practitioner.nationalId !== props.lockedFor.nationalId ? (
            <p className="session-lock__handover">
              {t('session.lock.handover', {
                firstName: practitioner.firstName,
                lastName: practitioner.lastName,
                previousFirstName: props.lockedFor.firstName,
                previousLastName: props.lockedFor.lastName,
              })}
            </p>
          ) : (
            <p>{t('session.lock.kept')}</p>
          )}
        </div>
        {practitioner === null ? (
          <p className="session-lock__next">{t('session.lock.insert')}</p>
        ) : blocked ? (
          <p className="session-lock__next">{t('session.lock.blocked')}</p>
        ) : (
          <form onSubmit={(event) => void submit(event)} className="session-lock__form">
            <p className="session-lock__next">
              {t('session.lock.enterPin', { firstName: practitioner.firstName, lastName: practitioner.lastName })}
            </p>
            <p className="session-lock__tries">
              {t('session.lock.tries', { left: practitioner.pin.triesLeft, max: practitioner.pin.maxTries })}
            </p>
            {error === undefined ? null : <ErrorNotice error={error} />}
            <PinField className="session-lock__field" value={pin} onChange={setPin} ref={field} />
            <Button type="submit" className="dmp-button dmp-button--primary" isDisabled={busy || pin.length !== 4}>
              {t('session.lock.unlock')}
            </Button>
          </form>
        )}
      </section>
    </div>
  );
}
