import { useState, type ReactNode } from 'react';
import { Button, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { OutboxPanel } from './OutboxPanel';
import { outboxStore, useOutboxPort, useOutboxSnapshot } from './outbox-store';
import { summarizeOutbox, type OutboxTone } from './summary';
import { useUnloadGuard } from './use-unload-guard';

const TONE_ICONS: Readonly<Record<OutboxTone, string>> = { clear: '✓', active: '◷', card: '⚠', failed: '✕' };

/**
 * The outbox in the header of every screen: discreet when everything is in the DMP; otherwise the
 * counts in words (failed, waiting for the card, sending, waiting) with a glyph and a colour, and
 * one press opens the panel listing each item.
 */
export function OutboxIndicator(props: {
  /** Ask before the page closes while items are unsent (the browser harness; Electron's main asks itself). */
  readonly guardUnload: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const port = useOutboxPort();
  const snapshot = useOutboxSnapshot(port);
  const [open, setOpen] = useState(false);
  const summary = summarizeOutbox(snapshot?.items ?? []);
  useUnloadGuard(props.guardUnload && summary.unsent > 0);
  if (port === undefined || snapshot === undefined) return null;

  const parts = [
    ...(summary.failed > 0 ? [t('outbox.indicator.failed', { count: summary.failed })] : []),
    ...(summary.waitingCard > 0 ? [t('outbox.indicator.card', { count: summary.waitingCard })] : []),
    ...(summary.sending > 0 ? [t('outbox.indicator.sending', { count: summary.sending })] : []),
    ...(summary.pending > 0 ? [t('outbox.indicator.pending', { count: summary.pending })] : []),
  ];
  const text =
    summary.tone === 'clear'
      ? t('outbox.indicator.clear')
      : t('outbox.indicator.summary', { parts: parts.join(' · ') });

  return (
    <>
      <Button
        className="outbox-indicator"
        data-tone={summary.tone}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPress={() => setOpen(true)}
      >
        <span aria-hidden="true" className="outbox-indicator__icon">
          {TONE_ICONS[summary.tone]}
        </span>{' '}
        {text}
      </Button>
      <Modal isOpen={open} isDismissable onOpenChange={setOpen} className="cards-modal">
        <OutboxPanel snapshot={snapshot} port={port} store={outboxStore(port)} onClose={() => setOpen(false)} />
      </Modal>
    </>
  );
}
