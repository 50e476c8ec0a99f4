import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CardsPanel } from '../features/cards/CardsPanel';
import type { BeneficiarySelection } from '../features/cards/selection';
import { DeskDmpPanel } from '../features/dmp/DeskDmpPanel';
import { IdentityPanel } from '../features/identity/IdentityPanel';

/** Admission desk: feature panels in a column; the picked beneficiary is the only shared state. */
export function DeskScreen(): ReactNode {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<BeneficiarySelection | undefined>();
  const beneficiary = selection?.beneficiary;
  return (
    <section aria-labelledby="desk-title" className="screen desk">
      <h1 id="desk-title">{t('screens.desk.title')}</h1>
      <CardsPanel onBeneficiarySelected={setSelection} />
      {beneficiary === undefined ? null : (
        <p className="cards-selected" aria-live="polite">
          {t('cards.selected', { name: `${beneficiary.firstName} ${beneficiary.lastName}` })}
        </p>
      )}
      <IdentityPanel selection={selection} />
      <DeskDmpPanel />
    </section>
  );
}
