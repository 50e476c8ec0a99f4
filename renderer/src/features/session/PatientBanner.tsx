import { useEffect, useState, type ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuSection, MenuTrigger, Popover, Header } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/api';
import { useDmp } from '../../app/dmp-context';
import { useDeskSession } from '../dmp/use-qualified-patient';
import { ForgetPatientDialog } from './ForgetPatientDialog';
import { answerAge, bannerName, formatMatricule, formatPatientBirthDate } from './format';

const NEW_PATIENT = 'new-patient';
const FORGET_PATIENT = 'forget-patient';
/** The DMP status's age on the banner is a matter of minutes: redrawn twice a minute. */
const AGE_REFRESH_MS = 30_000;

/**
 * The patient every screen works for, as main's desk session says: name, birth date, sex, identity
 * status and, once qualified, the INS. "Change patient" is always one action away; picking another
 * patient goes through main, so every patient-bound view follows `session.changed` at once.
 */
export function PatientBanner(props: { readonly onNewPatient: () => void }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const patient = useDeskSession()?.patient ?? null;
  const [today, setToday] = useState<readonly PatientSummary[]>([]);
  const [menuOpen, setMenuOpen] = useState(false);
  const [forgetting, setForgetting] = useState(false);

  useEffect(() => {
    if (!menuOpen) return;
    let live = true;
    void client.session.patients({}).then((result) => {
      if (live && result.ok) setToday(result.value.patients);
    });
    return () => {
      live = false;
    };
  }, [client, menuOpen, patient]);

  const choose = (key: string): void => {
    if (key === FORGET_PATIENT) setForgetting(true);
    else if (key === NEW_PATIENT) {
      // The current patient leaves the context (and stays in today's list); the desk admits the next one.
      void client.session.leavePatient({});
      props.onNewPatient();
    } else void client.session.selectPatient({ patientId: key });
  };

  return (
    <section className="patient-banner" aria-label={t('session.banner.label')} data-status={patient?.status}>
      {patient === null ? (
        <div className="patient-banner__who">
          <strong>{t('session.banner.none')}</strong>
          <span className="patient-banner__hint">{t('session.banner.noneHint')}</span>
        </div>
      ) : (
        <PatientIdentity patient={patient} />
      )}
      <MenuTrigger isOpen={menuOpen} onOpenChange={setMenuOpen}>
        <Button className="dmp-button patient-banner__change">{t('session.banner.change')} ▾</Button>
        <Popover className="documents-menu-popover" placement="bottom end">
          <Menu className="documents-menu" onAction={(key) => choose(String(key))}>
            <MenuSection>
              <Header className="documents-menu__header">{t('session.banner.today')}</Header>
              {today.map((entry) => (
                <MenuItem
                  key={entry.patientId}
                  id={entry.patientId}
                  className="documents-menu__item"
                  textValue={`${entry.family} ${entry.given}`}
                >
                  <span className="patient-banner__menu-name">
                    {bannerName(entry).family} {bannerName(entry).given}
                  </span>{' '}
                  · {formatPatientBirthDate(entry.birthDate)} · {entry.status}
                  {entry.patientId === patient?.patientId ? ` (${t('session.banner.current')})` : ''}
                </MenuItem>
              ))}
            </MenuSection>
            <MenuSection>
              <MenuItem id={NEW_PATIENT} className="documents-menu__item">
                {t('session.banner.newPatient')}
              </MenuItem>
              <MenuItem id={FORGET_PATIENT} className="documents-menu__item">
                {t('session.banner.forgetMenu')}
              </MenuItem>
            </MenuSection>
          </Menu>
        </Popover>
      </MenuTrigger>
      {forgetting ? <ForgetPatientDialog onClose={() => setForgetting(false)} /> : null}
    </section>
  );
}

function PatientIdentity({ patient }: { readonly patient: PatientSummary }): ReactNode {
  const { t } = useTranslation();
  const name = bannerName(patient);
  return (
    <div className="patient-banner__who">
      <strong className="patient-banner__name">
        {name.family} {name.given}
      </strong>
      <span>{t('session.banner.born', { date: formatPatientBirthDate(patient.birthDate) })}</span>
      {patient.sex === undefined ? null : <span>{t(`session.banner.sex.${patient.sex}`)}</span>}
      <span className="patient-banner__status" data-status={patient.status}>
        {patient.status} · {t(`identity.status.${patient.status}`)}
      </span>
      {patient.ins === undefined ? (
        <span className="patient-banner__hint">{t('session.banner.insPending')}</span>
      ) : (
        <span className="patient-banner__ins">
          {t('session.banner.ins', { matricule: formatMatricule(patient.ins.matricule) })}
        </span>
      )}
      {patient.status === 'QUAL' ? <DmpStatusAge dmp={patient.dmp} /> : null}
    </div>
  );
}

/** What TD0.2 last said about the patient's DMP, and how long ago: an old answer reads as old. */
function DmpStatusAge({ dmp }: { readonly dmp: PatientSummary['dmp'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  // A fresh answer is newer than `now` until the next tick: it reads "just now", which it is.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), AGE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  if (dmp === undefined) {
    return <span className="patient-banner__dmp patient-banner__hint">{t('session.banner.dmp.notChecked')}</span>;
  }
  const age = answerAge(dmp.checkedAt, now, i18n.language);
  return (
    <span className="patient-banner__dmp" data-existence={dmp.existence}>
      {t(`session.banner.dmp.${dmp.existence}`)} ·{' '}
      <time dateTime={dmp.checkedAt}>
        {age === null ? t('session.banner.dmp.checkedNow') : t('session.banner.dmp.checkedAgo', { age })}
      </time>
    </span>
  );
}
