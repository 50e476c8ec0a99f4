import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { IdentityRecordView, IdentityTraits, InsiIndividual } from '../../../../shared/domain/identity';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { Disclosure } from '../../components/Disclosure';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDeskSession } from '../dmp/use-qualified-patient';
import type { BeneficiarySelection } from '../cards/selection';
import { AttributesForm } from './AttributesForm';
import { DocumentCheckForm } from './DocumentCheckForm';
import { InsiSection, type InsiOutcome } from './InsiSection';
import { StatusBadge } from './StatusBadge';
import { TraitsComparison } from './TraitsComparison';
import { TraitsForm } from './TraitsForm';

/**
 * The desk's identity flow for one patient: card beneficiary (or typed traits) -> INSi ->
 * traits compared -> identity document checked -> qualified. Every step goes through main;
 * this panel only shows the record main returns.
 */
export interface IdentityPanelProps {
  /** The beneficiary just picked on a carte Vitale: main opens (or finds again) that patient's session. */
  readonly selection?: BeneficiarySelection | undefined;
  /**
   * The INSi identity once, and only while, the identity is qualified (QUAL): the one point
   * where the INS may leave this panel for the DMP. Undefined otherwise.
   */
  readonly onQualified?: ((insi: InsiIndividual | undefined) => void) | undefined;
}

export function IdentityPanel({ selection, onQualified }: IdentityPanelProps): ReactNode {
  const { client } = useDmp();
  // The panel always shows main's patient in context: a beneficiary picked here, a patient chosen
  // from the banner or one typed without a card all land there, so it can never show another one.
  const session = useDeskSession();
  const patientId = session?.patient?.patientId;
  const [openError, setOpenError] = useState<AppErrorShape | undefined>();
  const reader = selection?.reader;
  const beneficiaryIndex = selection?.beneficiary.index;
  const selectionKey =
    selection === undefined
      ? undefined
      : `${selection.reader}-${selection.beneficiary.index}-${selection.beneficiary.nir}-${selection.beneficiary.birthDate}`;

  // A picked beneficiary opens that person's session in main, or finds it again (same card, same person).
  useEffect(() => {
    if (reader === undefined || beneficiaryIndex === undefined) return undefined;
    let live = true;
    void client.identity.open({ reader, beneficiaryIndex }).then((result) => {
      if (live) setOpenError(result.ok ? undefined : result.error);
    });
    return () => {
      live = false;
    };
  }, [client, reader, beneficiaryIndex, selectionKey]);

  if (session === undefined) return null;
  return (
    <IdentityFlow key={patientId ?? 'none'} patientId={patientId} openError={openError} onQualified={onQualified} />
  );
}

function IdentityFlow({
  patientId,
  openError,
  onQualified,
}: {
  patientId: string | undefined;
  openError: AppErrorShape | undefined;
  onQualified: IdentityPanelProps['onQualified'];
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [record, setRecord] = useState<IdentityRecordView | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [outcome, setOutcome] = useState<InsiOutcome>();
  const [busy, setBusy] = useState(patientId !== undefined);
  const [manual, setManual] = useState(false);

  const run = useCallback(async (call: () => Promise<Result<IdentityRecordView>>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    const result = await call();
    setBusy(false);
    if (result.ok) {
      setRecord(result.value);
      return;
    }
    // 01 and 02 are answers, not failures: they get their own explanatory screens.
    if (result.error.code === 'INSI_NO_MATCH') setOutcome('none');
    else if (result.error.code === 'INSI_MULTIPLE_MATCHES') setOutcome('multiple');
    else setError(result.error);
  }, []);

  useEffect(() => {
    if (patientId === undefined) return undefined;
    let live = true;
    void client.identity.get({ patientId }).then((result) => {
      if (!live) return;
      setBusy(false);
      if (result.ok) setRecord(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [patientId, client]);

  const qualified = record?.status === 'QUAL' ? record.insi : undefined;
  useEffect(() => {
    onQualified?.(qualified);
  }, [onQualified, qualified]);

  const saveTraits = (traits: IdentityTraits): void => {
    void run(() =>
      record === undefined
        ? client.identity.open({ traits })
        : client.identity.setTypedTraits({ patientId: record.patientId, traits }),
    );
  };

  return (
    <section aria-labelledby="identity-title" className="identity-panel">
      <h2 id="identity-title">{t('identity.title')}</h2>
      {record === undefined ? (
        <div className="identity-start">
          <p>{patientId === undefined ? t('identity.start.noCard') : null}</p>
          {!manual && patientId === undefined ? (
            <Button className="identity-button" onPress={() => setManual(true)}>
              {t('identity.start.manual')}
            </Button>
          ) : null}
        </div>
      ) : (
        <StatusBadge status={record.status} attributes={record.attributes} />
      )}
      {openError === undefined ? null : <ErrorNotice error={openError} />}
      {error === undefined ? null : <ErrorNotice error={error} />}
      {record !== undefined || manual ? (
        // From a card, the traits are the card's: typing them is the exception (detail on demand).
        <Disclosure
          summary={t('identity.details.traits')}
          defaultOpen={record?.vitale === undefined || record.typed !== undefined}
        >
          <TraitsForm
            key={`${record?.patientId ?? 'new'}-${JSON.stringify(record?.typed ?? null)}`}
            initial={record?.typed ?? record?.vitale}
            busy={busy}
            onSubmit={saveTraits}
          />
        </Disclosure>
      ) : null}
      {record === undefined ? null : (
        <>
          <InsiSection
            record={record}
            outcome={outcome}
            busy={busy}
            onSearchWithCard={() =>
              void run(() => client.identity.searchInsWithVitale({ patientId: record.patientId }))
            }
            onSearchWithTraits={() =>
              void run(() => client.identity.searchInsWithTraits({ patientId: record.patientId }))
            }
            onAdopt={() => void run(() => client.identity.adoptInsiTraits({ patientId: record.patientId }))}
          />
          {record.insi === undefined && record.typed === undefined ? null : (
            <Disclosure
              key={`compare-${record.discrepancies.length}`}
              summary={
                record.discrepancies.length === 0
                  ? t('identity.details.compareAgree')
                  : t('identity.details.compareDiffer', { count: record.discrepancies.length })
              }
              defaultOpen={record.discrepancies.length > 0}
            >
              <TraitsComparison record={record} />
            </Disclosure>
          )}
          <DocumentCheckForm
            check={record.documentCheck}
            busy={busy}
            onRecord={(documentType) =>
              void run(() => client.identity.recordDocumentCheck({ patientId: record.patientId, documentType }))
            }
          />
          <Disclosure summary={t('identity.details.attributes')} defaultOpen={record.attributes.length > 0}>
            <AttributesForm
              key={`attributes-${record.attributes.join(',')}`}
              attributes={record.attributes}
              busy={busy}
              onSave={(attributes) =>
                void run(() => client.identity.setAttributes({ patientId: record.patientId, attributes }))
              }
            />
          </Disclosure>
          {record.insc === undefined ? null : (
            <p className="identity-hint">{t('identity.insc', { value: record.insc })}</p>
          )}
        </>
      )}
    </section>
  );
}
