import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskDmpPanel } from '../features/dmp/DeskDmpPanel';

/** Consultation: the patient's DMP status first; documents and history come with later issues. */
export function ConsultationScreen(): ReactNode {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="consultation-title" className="screen">
      <h1 id="consultation-title">{t('screens.consultation.title')}</h1>
      <DeskDmpPanel />
    </section>
  );
}
