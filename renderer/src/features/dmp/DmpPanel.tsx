import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DMP_ACCESS_MODES, type DmpAccessMode } from '../../../../shared/domain/dmp';
import type { DmpAccessStatus, DmpConsent } from '../../../../shared/api';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ConsentForm } from './ConsentForm';
import { EmergencyReasonForm } from './EmergencyReasonForm';
import { patientDisplayName, type DmpPanelPatient } from './patient';
import { StatusSummary } from './StatusSummary';
import { formatPatientBirthDate } from '../session/format';
import { useEmergencySessions } from './use-emergency-sessions';
import { useDeskSession } from './use-qualified-patient';
import { useUnpromptedClient } from '../session/PinPromptDialog';

type Step = 'idle' | 'authorize' | 'create' | 'reactivate';

/**
 * The patient's DMP at a glance (TD0.2) and the actions it calls for: declaring one's
 * authorization (TD0.3), or creating / reactivating the record with the patient's consent
 * (TD1.1 / TD1.2). Who calls (card, structure, role) is decided in main, never here.
 */
export function DmpPanel({ patient }: { patient?: DmpPanelPatient | undefined }): ReactNode {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dmp-title" className="dmp-panel">
      <h2 id="dmp-title">{t('dmp.title')}</h2>
      {patient === undefined ? (
        // An INS is never typed here: it comes from INSi, for an identity qualified at the desk.
        <p className="dmp-explain">{t('dmp.explain.qualifyFirst')}</p>
      ) : (
        <>
          <p className="dmp-patient" data-testid="dmp-patient">
            {t('dmp.patientLine', {
              name: patientDisplayName(patient),
              birthDate: formatPatientBirthDate(patient.birthDate),
            })}
          </p>
          <DmpStatusFlow key={patient.patientId} patient={patient} />
        </>
      )}
    </section>
  );
}

function DmpStatusFlow({ patient }: { patient: DmpPanelPatient }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  // The check the panel makes by itself never opens the PIN dialog; the user's own actions do.
  const background = useUnpromptedClient();
  const [accessMode, setAccessMode] = useState<DmpAccessMode>('normal');
  // The reason the user confirmed for the selected emergency mode; nothing is sent without it.
  const [reason, setReason] = useState<string | undefined>();
  const [status, setStatus] = useState<DmpAccessStatus | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [busy, setBusy] = useState(true);
  const [step, setStep] = useState<Step>('idle');
  const [asTreating, setAsTreating] = useState(false);
  const [patientAgrees, setPatientAgrees] = useState(false);
  const [done, setDone] = useState<string | undefined>();

  const apply = useCallback((result: Result<DmpAccessStatus>): void => {
    setBusy(false);
    if (result.ok) {
      setStatus(result.value);
      setError(undefined);
    } else setError(result.error);
  }, []);

  const waitingForReason = accessMode !== 'normal' && reason === undefined;
  const access = useMemo(
    () => ({
      patientId: patient.patientId,
      accessMode,
      ...(accessMode === 'normal' || reason === undefined ? {} : { emergencyReason: reason }),
    }),
    [patient.patientId, accessMode, reason],
  );

  const refresh = useCallback(async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    apply(await client.dmp.checkAccess(access));
  }, [client, access, apply]);

  const emergencyOpen = useEmergencySessions().sessions.some(
    (session) => session.patientId === patient.patientId && session.mode === accessMode,
  );

  // Who the call would be made as: a CPS inserted or pulled, or its PIN just verified, changes the answer.
  const practitioner = useDeskSession()?.practitioner;
  const practitionerKey =
    practitioner === undefined || practitioner === null
      ? 'none'
      : `${practitioner.reader}|${practitioner.pin.verified}`;

  // The first check (and one per access-mode, reason or practitioner change) runs on its own; state is set only when the answer lands.
  useEffect(() => {
    if (waitingForReason) return;
    let current = true;
    void background.dmp.checkAccess(access).then((result) => {
      if (current) apply(result);
    });
    return () => {
      current = false;
    };
  }, [background, access, waitingForReason, apply, practitionerKey]);

  const act = async (call: () => Promise<Result<unknown>>, message: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStep('idle');
    setDone(message);
    await refresh();
  };

  // Creation carries the INS traits main holds; the sex is one of them, so its absence is shown before trying.
  const traitsComplete = patient.sex !== undefined;

  const create = (consent: DmpConsent): void => {
    void act(() => client.dmp.create({ ...access, consent }), t('dmp.done.created'));
  };

  const reactivate = (consent: DmpConsent): void => {
    void act(() => client.dmp.reactivate({ ...access, consent }), t('dmp.done.reactivated'));
  };

  return (
    <div className="dmp-flow" aria-busy={busy}>
      <RadioGroup
        className="form-row"
        value={accessMode}
        onChange={(value) => {
          const mode = DMP_ACCESS_MODES.find((m) => m === value);
          if (mode === undefined) return;
          // A new mode starts from no answer: an emergency one waits for its reason.
          setBusy(mode === 'normal');
          setStatus(undefined);
          setError(undefined);
          setReason(undefined);
          setAccessMode(mode);
        }}
        orientation="horizontal"
      >
        <Label className="form-row__label">{t('dmp.accessMode.label')}</Label>
        <div className="radio-row">
          {DMP_ACCESS_MODES.map((mode) => (
            <Radio key={mode} value={mode} className="radio">
              {t(`dmp.accessMode.${mode}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {accessMode === 'normal' ? null : (
        // EX_0.3-1050: an emergency access must stay visibly flagged for as long as it lasts; until
        // main has opened it, it is only requested, and the panel says which.
        <div className="notice dmp-emergency" role="alert" data-emergency-state={emergencyOpen ? 'open' : 'requested'}>
          {t(`dmp.accessMode.${emergencyOpen ? 'warning' : 'requested'}.${accessMode}`)}
        </div>
      )}
      {accessMode === 'normal' ? null : (
        <EmergencyReasonForm
          key={accessMode}
          busy={busy}
          applied={reason}
          onConfirm={(typed) => {
            // The same reason again changes no state, so the check is asked for directly.
            if (typed === reason) {
              void refresh();
              return;
            }
            setBusy(true);
            setError(undefined);
            setReason(typed);
          }}
        />
      )}

      {status === undefined ? null : <StatusSummary status={status} />}
      {error === undefined ? null : <ErrorNotice error={error} />}
      {error?.code === 'DMP_CREATION_REFUSED' ? (
        <p className="dmp-explain">{t('dmp.explain.creationRefused')}</p>
      ) : null}
      <div aria-live="polite" className="status-line">
        {busy ? t('dmp.busy') : (done ?? null)}
      </div>

      {step === 'idle' ? (
        <div className="dmp-actions">
          <Button className="dmp-button" isDisabled={busy || waitingForReason} onPress={() => void refresh()}>
            {t('dmp.actions.refresh')}
          </Button>
          {status?.existence === 'exists' && status.authorization !== 'valid' && status.authorization !== 'blocked' ? (
            <Button className="dmp-button dmp-button--primary" isDisabled={busy} onPress={() => setStep('authorize')}>
              {t('dmp.actions.authorize')}
            </Button>
          ) : null}
          {status?.existence === 'exists' && status.authorization === 'valid' ? (
            <Button
              className="dmp-button"
              isDisabled={busy}
              onPress={() =>
                void act(
                  () =>
                    client.dmp.setAuthorization({
                      ...access,
                      action: 'revoke',
                      treatingPhysician: false,
                    }),
                  t('dmp.done.revoked'),
                )
              }
            >
              {t('dmp.actions.revoke')}
            </Button>
          ) : null}
          {status?.existence === 'not_found' ? (
            <Button
              className="dmp-button dmp-button--primary"
              isDisabled={busy || !traitsComplete}
              onPress={() => setStep('create')}
            >
              {t('dmp.actions.create')}
            </Button>
          ) : null}
          {status?.existence === 'closed' ? (
            <Button className="dmp-button dmp-button--primary" isDisabled={busy} onPress={() => setStep('reactivate')}>
              {t('dmp.actions.reactivate')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {status?.existence === 'not_found' && !traitsComplete ? (
        <p className="dmp-explain">{t('dmp.explain.traitsNeeded')}</p>
      ) : null}

      {step === 'authorize' ? (
        <section className="dmp-consent" aria-labelledby="dmp-authorize-title">
          <h3 id="dmp-authorize-title">{t('dmp.authorize.title')}</h3>
          <Checkbox className="dmp-checkbox" isSelected={patientAgrees} onChange={setPatientAgrees}>
            {t('dmp.authorize.patientAgrees')}
          </Checkbox>
          <Checkbox className="dmp-checkbox" isSelected={asTreating} onChange={setAsTreating}>
            {t('dmp.authorize.asTreatingPhysician')}
          </Checkbox>
          <div className="dmp-actions">
            <Button
              className="dmp-button dmp-button--primary"
              isDisabled={busy || !patientAgrees}
              onPress={() =>
                void act(
                  () =>
                    client.dmp.setAuthorization({
                      ...access,
                      action: 'grant',
                      treatingPhysician: asTreating,
                    }),
                  t('dmp.done.authorized'),
                )
              }
            >
              {t('dmp.authorize.confirm')}
            </Button>
            <Button className="dmp-button" isDisabled={busy} onPress={() => setStep('idle')}>
              {t('dmp.actions.cancel')}
            </Button>
          </div>
        </section>
      ) : null}
      {step === 'create' || step === 'reactivate' ? (
        <ConsentForm
          kind={step}
          busy={busy}
          onConfirm={step === 'create' ? create : reactivate}
          onCancel={() => setStep('idle')}
        />
      ) : null}
    </div>
  );
}
