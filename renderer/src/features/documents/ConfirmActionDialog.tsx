import { useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { runAction, type ConfirmedAction } from './DocumentActionsPlan';

type Step =
  | { readonly state: 'asking' }
  | { readonly state: 'running' }
  | { readonly state: 'queued' }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/**
 * Says what an action will do to the document before doing it, shows progress while the DMP
 * answers and the typed error if it refuses; closes itself and asks the list to reload on success.
 * A change the outbox kept without the DMP receiving it yet is said so, and stays open until read:
 * the list, reloaded from the DMP, still shows the document as it was, which is the truth.
 */
export function ConfirmActionDialog(props: {
  readonly patientId: string;
  readonly document: DocumentSummary;
  readonly action: ConfirmedAction;
  readonly onClose: () => void;
  readonly onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [step, setStep] = useState<Step>({ state: 'asking' });
  const { action, document } = props;
  const running = step.state === 'running';

  const confirm = async (): Promise<void> => {
    setStep({ state: 'running' });
    const result = await runAction(client, props.patientId, document, action);
    if (!result.ok) setStep({ state: 'failed', error: result.error });
    else if (result.outcome === 'queued') setStep({ state: 'queued' });
    else props.onDone();
  };

  return (
    <Modal
      isOpen
      isDismissable={!running}
      isKeyboardDismissDisabled={running}
      onOpenChange={(open) =>
        open || running ? undefined : step.state === 'queued' ? props.onDone() : props.onClose()
      }
      className="cards-modal"
    >
      <Dialog className="cards-dialog documents-confirm" role="alertdialog">
        <Heading slot="title">{t(`documents.actions.${action}.title`)}</Heading>
        <p className="documents-confirm__document">{document.title ?? t('documents.untitled')}</p>
        <p>{t(`documents.actions.${action}.explain`)}</p>
        {running ? <p role="status">{t('documents.actions.running')}</p> : null}
        {step.state === 'failed' ? <ErrorNotice error={step.error} /> : null}
        {step.state === 'queued' ? (
          <div role="status" className="documents-confirm__queued">
            <p>{t('documents.actions.queued')}</p>
            <p>{t('documents.actions.queuedHint')}</p>
          </div>
        ) : null}
        <div className="cards-actions">
          {step.state === 'failed' || step.state === 'queued' ? null : (
            <Button
              className={`documents-button ${action === 'delete' ? 'documents-button--danger' : 'documents-button--primary'}`}
              isDisabled={running}
              onPress={() => void confirm()}
            >
              {t(`documents.actions.${action}.confirm`)}
            </Button>
          )}
          <Button
            className="documents-button"
            isDisabled={running}
            // Queued: kept, so closing it is like a success (the list is read again), not a cancel.
            onPress={step.state === 'queued' ? props.onDone : props.onClose}
          >
            {t(step.state === 'asking' ? 'documents.actions.cancel' : 'documents.actions.close')}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}
