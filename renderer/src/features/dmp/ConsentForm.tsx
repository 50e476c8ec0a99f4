import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DmpConsent } from '../../../../shared/api';

/**
 * The patient's consent, asked for explicitly before any creation or reactivation: the
 * operator confirms the patient was informed and agreed, and how. Nothing is sent before.
 */
export function ConsentForm(props: {
  kind: 'create' | 'reactivate';
  busy: boolean;
  onConfirm: (consent: DmpConsent) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const [form, setForm] = useState<'oral' | 'written'>('oral');
  return (
    <section className="dmp-consent" aria-labelledby="dmp-consent-title">
      <h3 id="dmp-consent-title">{t(`dmp.consent.title.${props.kind}`)}</h3>
      <p>{t('dmp.consent.explain')}</p>
      <Checkbox className="dmp-checkbox" isSelected={agreed} onChange={setAgreed}>
        {t('dmp.consent.agreed')}
      </Checkbox>
      <RadioGroup
        className="form-row"
        value={form}
        onChange={(value) => setForm(value === 'written' ? 'written' : 'oral')}
        orientation="horizontal"
      >
        <Label className="form-row__label">{t('dmp.consent.form')}</Label>
        <div className="radio-row">
          <Radio value="oral" className="radio">
            {t('dmp.consent.oral')}
          </Radio>
          <Radio value="written" className="radio">
            {t('dmp.consent.written')}
          </Radio>
        </div>
      </RadioGroup>
      <div className="dmp-actions">
        <Button
          className="dmp-button dmp-button--primary"
          isDisabled={!agreed || props.busy}
          onPress={() => props.onConfirm({ given: true, collectedAt: new Date().toISOString(), form })}
        >
          {t(`dmp.consent.confirm.${props.kind}`)}
        </Button>
        <Button className="dmp-button" isDisabled={props.busy} onPress={props.onCancel}>
          {t('dmp.actions.cancel')}
        </Button>
      </div>
    </section>
  );
}
