import { useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Label, Modal, ModalOverlay, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxSnapshot } from '../../../../shared/api/outbox';
import { ERROR_DEFINITIONS, type AppErrorShape } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { bannerName, formatPatientBirthDate } from '../session/format';
import type { OutboxPort, OutboxStore } from './outbox-store';
import { drainProgress, formatNextAttempt, itemActions, panelOrder } from './summary';

/**
 * Everything main still has to send to the DMP, each item beside the patient it is about: what it
 * is, where it stands in words, how many tries, when the next one is due, why it stopped; the
 * user retries or cancels what needs them, and sees the progress of a long drain.
 */
export function OutboxPanel(props: {
  readonly snapshot: OutboxSnapshot;
  readonly port: OutboxPort;
  readonly store: OutboxStore;
  readonly onClose: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [busyId, setBusyId] = useState<string | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [cancelling, setCancelling] = useState<OutboxItem | undefined>();
  const items = panelOrder(props.snapshot.items);
  const progress = drainProgress(props.snapshot);
  const now = new Date();

  const act = async (item: OutboxItem, action: 'retry' | 'cancel'): Promise<void> => {
    setBusyId(item.id);
    setError(undefined);
    const result = await props.port[action](item.id);
    setBusyId(undefined);
    if (result.ok) props.store.publish(result.value);
    else setError(result.error);
  };

  return (
    <Dialog className="cards-dialog outbox-dialog" aria-labelledby="outbox-title">
      <div className="outbox-dialog__top">
        <Heading slot="title" id="outbox-title">
          {t('outbox.panel.title')}
        </Heading>
        {/* At the top, so it stays in reach above a long list (Escape closes too). */}
        <Button className="documents-button" onPress={props.onClose}>
          {t('outbox.panel.close')}
        </Button>
      </div>
      <p className="outbox-dialog__intro">{t('outbox.panel.intro')}</p>
      {progress === undefined ? null : (
        <ProgressBar className="outbox-progress" value={progress.done} maxValue={progress.total}>
          {({ percentage }) => (
            <>
              <Label>{t('outbox.panel.progress')}</Label>
              <span className="outbox-progress__value">
                {t('outbox.panel.progressValue', { done: progress.done, total: progress.total })}
              </span>
              <div className="outbox-progress__track">
                <div className="outbox-progress__fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      )}
      {error === undefined ? null : <ErrorNotice error={error} />}
      {items.length === 0 ? (
        <p className="outbox-dialog__empty">{t('outbox.panel.empty')}</p>
      ) : (
        <div className="outbox-table-wrap">
          <table className="outbox-table">
            <caption className="visually-hidden">{t('outbox.panel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.panel.columns.patient')}</th>
                <th scope="col">{t('outbox.panel.columns.document')}</th>
                <th scope="col">{t('outbox.panel.columns.state')}</th>
                <th scope="col">{t('outbox.panel.columns.attempts')}</th>
                <th scope="col">{t('outbox.panel.columns.nextAttempt')}</th>
                <th scope="col">{t('outbox.panel.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const name = bannerName(item.patient);
                // Due later: a pending item after a retryable error, or one to be looked up again.
                const next =
                  item.state === 'pending' || item.state === 'checking'
                    ? formatNextAttempt(item.nextAttemptAt, now, i18n.language)
                    : undefined;
                const actions = itemActions(item);
                const busy = busyId === item.id;
                return (
                  <tr key={item.id} data-state={item.state}>
                    <td>
                      <strong className="outbox-table__name">{`${name.family} ${name.given}`}</strong>
                      <br />
                      <span className="outbox-table__muted outbox-table__name">
                        {t('outbox.panel.born', { date: formatPatientBirthDate(item.patient.birthDate) })}
                      </span>
                    </td>
                    <td>
                      {item.title}
                      <br />
                      <span className="outbox-table__muted">{t(`outbox.kind.${item.kind}`)}</span>
                    </td>
                    <td>
                      <span className="outbox-state" data-state={item.state}>
                        <span aria-hidden="true">{STATE_ICONS[item.state]} </span>
                        {t(`outbox.state.${item.state}`)}
                      </span>
                      {item.state === 'waiting_card' || item.state === 'checking' ? (
                        <span className="outbox-table__muted outbox-table__hint">{t(`outbox.hint.${item.state}`)}</span>
                      ) : null}
                      {item.lastError === undefined || item.state === 'sent' ? null : (
                        <span
                          className="outbox-table__reason"
                          data-final={item.state === 'failed'}
                          data-error-code={item.lastError.code}
                        >
                          {t(item.state === 'failed' ? 'outbox.panel.reason' : 'outbox.panel.lastError', {
                            reason: t(ERROR_DEFINITIONS[item.lastError.code].messageKey),
                          })}{' '}
                          <small className="notice__code">{t('errors.codeLabel', { code: item.lastError.code })}</small>
                        </span>
                      )}
                    </td>
                    <td>{item.attempts}</td>
                    <td>{next ?? <span aria-label={t('outbox.panel.noNextAttempt')}>—</span>}</td>
                    <td className="outbox-table__actions">
                      {actions.retry ? (
                        <Button
                          className="documents-button documents-button--primary"
                          isDisabled={busy}
                          aria-label={t('outbox.panel.retryFor', { title: item.title })}
                          onPress={() => void act(item, 'retry')}
                        >
                          {t('outbox.panel.retry')}
                        </Button>
                      ) : null}
                      {actions.cancel ? (
                        <Button
                          className="documents-button"
                          isDisabled={busy}
                          aria-label={t('outbox.panel.cancelFor', { title: item.title })}
                          onPress={() => setCancelling(item)}
                        >
                          {t('outbox.panel.cancel')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cancelling === undefined ? null : (
        <CancelConfirmation
          item={cancelling}
          onKeep={() => setCancelling(undefined)}
          onConfirm={() => {
            const item = cancelling;
            setCancelling(undefined);
            void act(item, 'cancel');
          }}
        />
      )}
    </Dialog>
  );
}

/** A glyph beside each state's words, so the state never rests on its colour alone. */
const STATE_ICONS: Readonly<Record<OutboxItem['state'], string>> = {
  pending: '◷',
  sending: '↻',
  checking: '↻',
  waiting_card: '⚠',
  failed: '✕',
  sent: '✓',
};

/** Cancelling drops the document for good: it says what and whose, and "keep" is the default. */
function CancelConfirmation(props: {
  readonly item: OutboxItem;
  readonly onKeep: () => void;
  readonly onConfirm: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const name = bannerName(props.item.patient);
  return (
    // Its own overlay: nested in the panel's modal, a bare Modal would take the panel's overlay.
    <ModalOverlay
      isOpen
      isDismissable
      onOpenChange={(open) => (open ? undefined : props.onKeep())}
      className="cards-modal"
    >
      <Modal>
        <Dialog className="cards-dialog documents-confirm" role="alertdialog">
          <Heading slot="title">{t('outbox.cancelDialog.title')}</Heading>
          <p>
            {t('outbox.cancelDialog.explain', { title: props.item.title, patient: `${name.family} ${name.given}` })}
          </p>
          <div className="cards-actions">
            <Button className="documents-button" onPress={props.onKeep}>
              {t('outbox.cancelDialog.keep')}
            </Button>
            <Button className="documents-button documents-button--danger" onPress={props.onConfirm}>
              {t('outbox.cancelDialog.confirm')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
