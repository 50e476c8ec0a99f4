import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PinField } from './PinField';

/**
 * Asks for the CPS PIN. The digits live in this component's state only until submitted: the
 * field is cleared at once, whatever the card answers.
 */
export function PinDialog(props: {
  isOpen: boolean;
  triesLeft: number | undefined;
  error: AppErrorShape | undefined;
  busy: boolean;
  /** Why the PIN is asked now (a call waiting for it), shown under the title. */
  reason?: string | undefined;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const value = pin;
    setPin('');
    props.onSubmit(value);
  };
  const close = (): void => {
    setPin('');
    props.onClose();
  };
  return (
    <Modal
      isOpen={props.isOpen}
      onOpenChange={(open) => (open ? undefined : close())}
      isDismissable
      className="cards-modal"
    >
      <Dialog className="cards-dialog">
        <form onSubmit={submit}>
          <Heading slot="title">{t('cards.pinDialog.title')}</Heading>
          {props.reason === undefined ? null : <p>{props.reason}</p>}
          {props.triesLeft === undefined ? null : (
            <p data-testid="pin-tries">{t('cards.pinDialog.tries', { left: props.triesLeft })}</p>
          )}
          {props.error === undefined ? null : <ErrorNotice error={props.error} />}
          <PinField value={pin} onChange={setPin} />
          <div className="cards-actions">
            <Button
              type="submit"
              className="dmp-button dmp-button--primary"
              isDisabled={props.busy || pin.length !== 4}
            >
              {t('cards.pinDialog.submit')}
            </Button>
            <Button className="dmp-button" onPress={close}>
              {t('cards.pinDialog.cancel')}
            </Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
