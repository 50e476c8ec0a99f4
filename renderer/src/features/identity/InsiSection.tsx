import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { IdentityRecordView } from '../../../../shared/domain/identity';

export type InsiOutcome = 'none' | 'multiple' | undefined;

/** The INSi queries, the INS found, and the plain-language screens for 01 and 02. */
export function InsiSection(props: {
  record: IdentityRecordView;
  outcome: InsiOutcome;
  busy: boolean;
  onSearchWithCard: () => void;
  onSearchWithTraits: () => void;
  onAdopt: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { record } = props;
  const insi = record.insi;
  // Only a typed-vs-INSi disagreement keeps the INSi answer from counting; the card's differences are informative.
  const blocking = record.discrepancies.some(
    (d) =>
      d.field !== 'birthPlace' &&
      d.values.typed !== undefined &&
      d.values.insi !== undefined &&
      d.values.typed !== d.values.insi,
  );
  return (
    <section aria-labelledby="identity-insi" className="identity-section">
      <h2 id="identity-insi">{t('identity.insi.heading')}</h2>
      <div className="identity-actions">
        {record.canSearchWithVitale ? (
          <Button className="identity-button" isDisabled={props.busy} onPress={props.onSearchWithCard}>
            {t('identity.insi.withCard')}
          </Button>
        ) : null}
        <Button
          className="identity-button"
          isDisabled={props.busy || record.typed === undefined}
          onPress={props.onSearchWithTraits}
        >
          {t('identity.insi.withTraits')}
        </Button>
      </div>
      {record.typed === undefined ? (
        // Why the traits search waits: it sends what was copied from the identity document, not the card's.
        <p className="identity-hint">{t('identity.insi.withTraitsNeedsTraits')}</p>
      ) : null}
      <p aria-live="polite" className="status-line">
        {props.busy ? t('identity.insi.searching') : null}
      </p>
      {props.outcome === 'none' ? (
        <div className="notice identity-notice--warning" role="alert" data-insi-outcome="01">
          <strong>{t('identity.insi.noMatchTitle')}</strong>
          <p>{t('identity.insi.noMatchBody')}</p>
        </div>
      ) : null}
      {props.outcome === 'multiple' ? (
        <div className="notice identity-notice--warning" role="alert" data-insi-outcome="02">
          <strong>{t('identity.insi.multipleTitle')}</strong>
          <p>{t('identity.insi.multipleBody')}</p>
        </div>
      ) : null}
      {insi === undefined ? null : (
        <dl className="facts" data-insi-outcome="00">
          <dt>{t('identity.insi.matricule')}</dt>
          <dd className="identity-matricule">
            {insi.active.nir13} {insi.active.key}
          </dd>
          <dt>{t('identity.insi.found')}</dt>
          <dd>{t(`identity.insi.kind.${insi.active.kind}`)}</dd>
          {insi.history.length > 0 ? (
            <>
              <dt>{t('identity.insi.history', { count: insi.history.length })}</dt>
              <dd>{insi.history.map((h) => `${h.nir13} ${h.key}`).join(', ')}</dd>
            </>
          ) : null}
        </dl>
      )}
      {insi !== undefined && !insi.active.keyValid ? (
        <p className="notice identity-notice--warning">{t('identity.insi.keyInvalid')}</p>
      ) : null}
      {insi !== undefined && blocking ? (
        <div className="identity-adopt">
          <p>{t('identity.insi.adoptHint')}</p>
          <Button className="identity-button" isDisabled={props.busy} onPress={props.onAdopt}>
            {t('identity.insi.adopt')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
