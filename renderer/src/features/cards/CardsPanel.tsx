import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReaderState } from '../../../../shared/domain/cards';
import type { BeneficiarySelection } from './selection';
import { ERROR_DEFINITIONS } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CpsSection } from './CpsSection';
import { useCardsStatus } from './use-cards-status';
import { VitaleSection } from './VitaleSection';

/**
 * Readers and cards, live. The Vitale part hands the picked beneficiary up through
 * `onBeneficiarySelected`, so the desk's other panels (identity, DMP) receive the patient.
 */
export function CardsPanel(props: {
  onBeneficiarySelected: (selection: BeneficiarySelection | undefined) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { status, error } = useCardsStatus();
  return (
    <section className="panel cards-panel" aria-labelledby="cards-title">
      <h2 id="cards-title">{t('cards.title')}</h2>
      {error === undefined ? null : <ErrorNotice error={error} />}
      {status === undefined ? null : (
        <>
          <p className="cards-service" data-service={status.service} aria-live="polite">
            {t(`cards.backend.${status.backend}`)} — {t(`cards.service.${status.service}`)}
          </p>
          {status.service === 'unavailable' ? (
            // A polite live region, not an alert: a desk without pcscd is a standing state, not an interruption.
            <div className="notice notice--error" aria-live="polite" data-error-code="PCSC_UNAVAILABLE">
              {t(ERROR_DEFINITIONS.PCSC_UNAVAILABLE.messageKey)}
            </div>
          ) : null}
          {status.service === 'ready' && status.readers.length === 0 ? <p>{t('cards.noReaders')}</p> : null}
          <ul className="cards-readers" aria-label={t('cards.readersLabel')}>
            {status.readers.map((reader) => (
              <ReaderRow key={reader.name} reader={reader} onBeneficiarySelected={props.onBeneficiarySelected} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ReaderRow(props: {
  reader: ReaderState;
  onBeneficiarySelected: (selection: BeneficiarySelection | undefined) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { reader } = props;
  const card = reader.card;
  // Keyed by ATR and reader: a new insertion is a new section, nothing carried over from the last card.
  const sectionKey = `${reader.name}:${card?.atr ?? 'empty'}`;
  return (
    <li className="cards-reader" data-card={card?.kind ?? 'none'}>
      <div className="cards-reader__head">
        <span className="cards-reader__name">{reader.name}</span>
        <span className="cards-reader__state">
          {card === undefined ? t('cards.empty') : t(`cards.kind.${card.kind}`)}
        </span>
      </div>
      {card?.kind === 'vitale2' ? (
        <VitaleSection key={sectionKey} reader={reader.name} onBeneficiarySelected={props.onBeneficiarySelected} />
      ) : null}
      {card?.kind === 'cps3' ? <CpsSection key={sectionKey} reader={reader.name} /> : null}
      {card?.kind === 'vitale1' || card?.kind === 'unsupported' ? (
        <ErrorNotice error={{ code: 'CARD_UNSUPPORTED', messageKey: ERROR_DEFINITIONS.CARD_UNSUPPORTED.messageKey }} />
      ) : null}
    </li>
  );
}
