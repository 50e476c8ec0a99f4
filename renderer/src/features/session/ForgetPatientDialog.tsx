import { useEffect, useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { bannerName, formatPatientBirthDate } from './format';

type Step =
  | { readonly state: 'choosing' }
  | { readonly state: 'confirming'; readonly patient: PatientSummary }
  | { readonly state: 'running'; readonly patient: PatientSummary }
  | { readonly state: 'failed'; readonly patient: PatientSummary; readonly error: AppErrorShape }
  | {
      readonly state: 'done';
      readonly patient: PatientSummary;
      readonly documents: number;
      readonly pendingDeliveries: number;
    };

const nameOf = (patient: PatientSummary): string => {
  const name = bannerName(patient);
  return `${name.family} ${name.given}`.trim();
};

/**
 * "Forget this patient": today's patients, one chosen, what forgetting erases said before it is
 * done. Main removes every cached trace (session, DMP status, cached documents) and clears the
 * desk if the patient was in context; the consent journal and the access history stay.
 */
export function ForgetPatientDialog(props: { readonly onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [today, setToday] = useState<readonly PatientSummary[] | undefined>(undefined);
  const [step, setStep] = useState<Step>({ state: 'choosing' });
  const running = step.state === 'running';

  useEffect(() => {
    let live = true;
    void client.session.patients({}).then((result) => {
      if (live) setToday(result.ok ? result.value.patients : []);
    });
    return () => {
      live = false;
    };
  }, [client, step.state]);

  const forget = async (patient: PatientSummary): Promise<void> => {
    setStep({ state: 'running', patient });
    const result = await client.session.forgetPatient({ patientId: patient.patientId });
    if (result.ok) {
      setStep({
        state: 'done',
        patient,
        documents: result.value.forgotten.documents,
        pendingDeliveries: result.value.forgotten.pendingDeliveries,
      });
    } else setStep({ state: 'failed', patient, error: result.error });
  };

  return (
    <Modal
      isOpen
      isDismissable={!running}
      isKeyboardDismissDisabled={running}
      onOpenChange={(open) => (open || running ? undefined : props.onClose())}
      className="cards-modal"
    >
      <Dialog className="cards-dialog forget-patient" role={step.state === 'choosing' ? 'dialog' : 'alertdialog'}>
        {step.state === 'choosing' ? (
          <>
            <Heading slot="title">{t('session.forget.title')}</Heading>
            <p>{t('session.forget.explain')}</p>
            {today !== undefined && today.length === 0 ? <p>{t('session.forget.none')}</p> : null}
            <ul className="forget-patient__list">
              {(today ?? []).map((patient) => (
                <li key={patient.patientId} className="forget-patient__row">
                  <span>
                    <strong>{nameOf(patient)}</strong> · {formatPatientBirthDate(patient.birthDate)} · {patient.status}
                  </span>
                  <Button
                    className="documents-button"
                    aria-label={t('session.forget.forgetWho', { name: nameOf(patient) })}
                    onPress={() => setStep({ state: 'confirming', patient })}
                  >
                    {t('session.forget.forget')}
                  </Button>
                </li>
              ))}
            </ul>
            <div className="cards-actions">
              <Button className="documents-button" onPress={props.onClose}>
                {t('session.forget.close')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <Heading slot="title">{t('session.forget.confirmTitle', { name: nameOf(step.patient) })}</Heading>
            {step.state === 'done' ? (
              <>
                <p role="status">{t('session.forget.done', { name: nameOf(step.patient), count: step.documents })}</p>
                {step.pendingDeliveries > 0 ? (
                  <p>{t('session.forget.pending', { count: step.pendingDeliveries })}</p>
                ) : null}
              </>
            ) : (
              <p>{t('session.forget.confirmExplain')}</p>
            )}
            {running ? <p role="status">{t('session.forget.running')}</p> : null}
            {step.state === 'failed' ? <ErrorNotice error={step.error} /> : null}
            <div className="cards-actions">
              {step.state === 'confirming' || step.state === 'running' ? (
                <Button
                  className="documents-button documents-button--danger"
                  isDisabled={running}
                  onPress={() => void forget(step.patient)}
                >
                  {t('session.forget.confirm')}
                </Button>
              ) : null}
              <Button
                className="documents-button"
                isDisabled={running}
                onPress={step.state === 'confirming' ? () => setStep({ state: 'choosing' }) : props.onClose}
              >
                {t(step.state === 'confirming' ? 'session.forget.cancel' : 'session.forget.close')}
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </Modal>
  );
}
