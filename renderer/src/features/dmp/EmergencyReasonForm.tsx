import { useState, type ReactNode } from 'react';
import { Button, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DMP_EMERGENCY_REASON_MAX_LENGTH } from '../../../../shared/api';

/**
 * Bris de glace and centre 15 must say why (the DMP records it and the patient is told): the
 * access is only attempted once a reason has been typed and confirmed.
 */
export function EmergencyReasonForm(props: {
  busy: boolean;
  applied: string | undefined;
  onConfirm: (reason: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(props.applied ?? '');
  const typed = draft.trim();
  return (
    <form
      className="dmp-emergency-reason"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed !== '') props.onConfirm(typed);
      }}
    >
      <TextField
        className="form-row"
        value={draft}
        onChange={setDraft}
        isRequired
        maxLength={DMP_EMERGENCY_REASON_MAX_LENGTH}
      >
        <Label className="form-row__label">{t('dmp.emergency.reasonLabel')}</Label>
        <TextArea className="dmp-emergency-reason__input" rows={2} />
        <Text slot="description" className="dmp-explain">
          {t('dmp.emergency.reasonHelp', { max: DMP_EMERGENCY_REASON_MAX_LENGTH })}
        </Text>
      </TextField>
      <Button type="submit" className="dmp-button dmp-button--primary" isDisabled={props.busy || typed === ''}>
        {t('dmp.emergency.confirm')}
      </Button>
    </form>
  );
}
