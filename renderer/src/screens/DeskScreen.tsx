import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CardsPanel } from '../features/cards/CardsPanel';
import type { BeneficiarySelection } from '../features/cards/selection';
import { DeskDmpPanel } from '../features/dmp/DeskDmpPanel';
import { IdentityPanel } from '../features/identity/IdentityPanel';

/** Admission desk: cards and identity beside the DMP answer; the picked beneficiary is the only shared state. */
export function DeskScreen(): ReactNode {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<BeneficiarySelection | undefined>();
  return (
    <section aria-labelledby="desk-title" className="screen desk">
      <h1 id="desk-title">{t('screens.desk.title')}</h1>
      <div className="desk-grid">
        <div className="desk-grid__main">
          <CardsPanel onBeneficiarySelected={setSelection} />
          <IdentityPanel selection={selection} />
        </div>
        <div className="desk-grid__side">
          <DeskDmpPanel />
        </div>
      </div>
    </section>
  );
}
