import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PinDialog } from '../cards/PinDialog';
import { useVerifyPin } from '../cards/use-verify-pin';
import { useDeskSession } from '../dmp/use-qualified-patient';
import { usePinPrompt } from './PinPromptDialog';

/**
 * Who the DMP calls are made as, in the header of every screen: the CPS holder with profession and
 * specialty in words, the PIN state, and the PIN dialog wherever the user is. With no card, it says
 * before anyone tries that a CPS is needed (or that the establishment certificate signs).
 */
export function PractitionerBadge(): ReactNode {
  const { t } = useTranslation();
  const session = useDeskSession();
  const practitioner = session?.practitioner ?? null;
  const [dialogOpen, setDialogOpen] = useState(false);
  const { busy, error: pinError, verify, clearError } = useVerifyPin();
  // In the app shell the desk's one PIN dialog is used; alone (a test of this badge), its own.
  const prompt = usePinPrompt();

  if (session === undefined) return null;
  if (practitioner === null) {
    const establishment = session.dmpSignature === 'establishment';
    return (
      <div className="practitioner-badge" aria-label={t('session.practitioner.label')} role="group">
        <strong>{t('session.practitioner.none')}</strong>
        {session.dmpSignature === 'cps' ? (
          <span className="practitioner-badge__detail">{t('session.practitioner.noneHintCps')}</span>
        ) : establishment ? (
          <span className="practitioner-badge__detail">{t('session.practitioner.establishment')}</span>
        ) : null}
      </div>
    );
  }

  const { pin } = practitioner;
  const blocked = pin.triesLeft === 0;
  const submit = async (code: string): Promise<void> => {
    if (await verify(practitioner.reader, code)) setDialogOpen(false);
  };
  // The JDV_J01 specialty label already names the profession ("Médecin - Qualifié en Médecine Générale (SM)").
  const role = practitioner.specialtyLabel ?? practitioner.professionLabel ?? practitioner.profession;

  return (
    <div className="practitioner-badge" aria-label={t('session.practitioner.label')} role="group">
      <strong>
        {t('session.practitioner.name', { firstName: practitioner.firstName, lastName: practitioner.lastName })}
      </strong>
      <span className="practitioner-badge__detail">{role}</span>
      <span className="practitioner-badge__pin" data-verified={pin.verified} aria-live="polite">
        {pin.verified
          ? t('session.practitioner.pinVerified')
          : blocked
            ? t('session.practitioner.pinBlocked')
            : t('session.practitioner.pinNeeded', { left: pin.triesLeft, max: pin.maxTries })}
      </span>
      {pin.verified || blocked ? null : (
        <Button
          className="dmp-button dmp-button--primary"
          onPress={() => (prompt === undefined ? setDialogOpen(true) : void prompt.ask('user'))}
        >
          {t('session.practitioner.enterPin')}
        </Button>
      )}
      <PinDialog
        isOpen={dialogOpen}
        triesLeft={pin.triesLeft}
        error={pinError}
        busy={busy}
        onSubmit={(code) => void submit(code)}
        onClose={() => {
          setDialogOpen(false);
          clearError();
        }}
      />
    </div>
  );
}
