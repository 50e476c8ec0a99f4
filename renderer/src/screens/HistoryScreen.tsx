import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { patientDisplayName } from '../features/dmp/patient';
import { useQualifiedPatient } from '../features/dmp/use-qualified-patient';
import { AccessHistoryTable } from '../features/history/AccessHistoryTable';
import { JournalVerification } from '../features/history/JournalVerification';
import { ProfessionalsTable } from '../features/history/ProfessionalsTable';

/**
 * History of the patient's DMP: this desk's accesses (local audit trail) and who is authorized or
 * blocked (TD1.6); and, for any patient or none, the integrity check of the local journal.
 */
export function HistoryScreen(): ReactNode {
  const { t } = useTranslation();
  const patient = useQualifiedPatient();
  return (
    <section aria-labelledby="history-title" className="screen">
      <h1 id="history-title">{t('screens.history.title')}</h1>
      {patient === undefined ? (
        <EmptyState title={t('screens.history.empty')} hint={t('screens.history.hint')} />
      ) : (
        <>
          <p className="history-patient">{t('history.patient', { name: patientDisplayName(patient) })}</p>
          <div className="history-columns">
            <AccessHistoryTable patientId={patient.patientId} />
            <ProfessionalsTable patientId={patient.patientId} />
          </div>
        </>
      )}
      {/* The journal is the desk's, not the patient's: IT can check it with no patient open. */}
      <JournalVerification />
    </section>
  );
}
