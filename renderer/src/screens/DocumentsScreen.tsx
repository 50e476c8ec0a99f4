import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../shared/api';
import { EmptyState } from '../components/EmptyState';
import { patientDisplayName, type DmpPanelPatient } from '../features/dmp/patient';
import { useQualifiedPatient } from '../features/dmp/use-qualified-patient';
import { DepositForm } from '../features/documents/DepositForm';
import { DocumentsList } from '../features/documents/DocumentsList';
import { DocumentViewer } from '../features/documents/DocumentViewer';
import { EmergencyDocumentAccess } from '../features/documents/EmergencyDocumentAccess';

/** The DMP documents of the patient at the desk: search, read, deposit. Nothing without a qualified INS. */
export function DocumentsScreen(): ReactNode {
  const { t } = useTranslation();
  const patient = useQualifiedPatient();
  return (
    <section aria-labelledby="documents-title" className="screen">
      <h1 id="documents-title">{t('screens.documents.title')}</h1>
      {patient === undefined ? (
        <EmptyState title={t('screens.documents.empty')} hint={t('screens.documents.hint')} />
      ) : (
        // Keyed by patient: an opened document or a replacement in progress never carries over
        // to the next patient at the desk.
        <PatientDocuments key={patient.patientId} patient={patient} />
      )}
    </section>
  );
}

function PatientDocuments({ patient }: { readonly patient: DmpPanelPatient }): ReactNode {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<DocumentSummary | undefined>();
  const [reloadKey, setReloadKey] = useState(0);
  const [replacing, setReplacing] = useState<DocumentSummary | undefined>();
  return (
    // Under the emergency access open for this patient, if any (the banner shows it).
    <EmergencyDocumentAccess patientId={patient.patientId}>
      <p className="history-patient">{t('documents.patient', { name: patientDisplayName(patient) })}</p>
      <DocumentsList patientId={patient.patientId} reloadKey={reloadKey} onOpen={setOpened} onReplace={setReplacing} />
      {opened === undefined ? null : (
        <DocumentViewer
          key={opened.uniqueId}
          patientId={patient.patientId}
          document={opened}
          onClose={() => setOpened(undefined)}
        />
      )}
      <DepositForm
        patient={patient}
        {...(replacing === undefined ? {} : { replaces: replacing, onCancelReplace: () => setReplacing(undefined) })}
        onDeposited={() => {
          setReplacing(undefined);
          setReloadKey((k) => k + 1);
        }}
      />
    </EmergencyDocumentAccess>
  );
}
