import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';

/** Screens whose jobs arrive with later issues: an honest empty state, no pretend data. */
function EmptyScreen({ id }: { id: 'documents' }): ReactNode {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-title`} className="screen">
      <h1 id={`${id}-title`}>{t(`screens.${id}.title`)}</h1>
      <EmptyState title={t(`screens.${id}.empty`)} hint={t(`screens.${id}.hint`)} />
    </section>
  );
}

export const DocumentsScreen = (): ReactNode => <EmptyScreen id="documents" />;
