import { useState, type ReactNode } from 'react';
import { Button, Form, Input, Label, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DmpPanelPatient } from './patient';

const OIDS = { NIR: '1.2.250.1.213.1.4.8', NIR_TEST: '1.2.250.1.213.1.4.10' } as const;

/** When no qualified identity comes from the desk, the INS can be typed (e.g. read from a referral letter). */
export function InsEntry({ onSubmit }: { onSubmit: (patient: DmpPanelPatient) => void }): ReactNode {
  const { t } = useTranslation();
  const [matricule, setMatricule] = useState('');
  const [kind, setKind] = useState<keyof typeof OIDS>('NIR');
  const valid = /^[0-9]{6}[0-9AB][0-9]{8}$/.test(matricule);
  return (
    <Form
      className="dmp-ins-entry"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSubmit({ ins: { matricule, oid: OIDS[kind] } });
      }}
    >
      <TextField
        className="form-row"
        value={matricule}
        onChange={(value) => setMatricule(value.replace(/\s/g, '').toUpperCase())}
        isInvalid={matricule !== '' && !valid}
      >
        <Label className="form-row__label">{t('dmp.ins.label')}</Label>
        <Input className="dmp-input" inputMode="numeric" maxLength={21} />
      </TextField>
      <RadioGroup
        className="form-row"
        value={kind}
        onChange={(value) => setKind(value === 'NIR_TEST' ? 'NIR_TEST' : 'NIR')}
        orientation="horizontal"
      >
        <Label className="form-row__label">{t('dmp.ins.kind')}</Label>
        <div className="radio-row">
          <Radio value="NIR" className="radio">
            {t('dmp.ins.nir')}
          </Radio>
          <Radio value="NIR_TEST" className="radio">
            {t('dmp.ins.nirTest')}
          </Radio>
        </div>
      </RadioGroup>
      <Button type="submit" className="dmp-button dmp-button--primary" isDisabled={!valid}>
        {t('dmp.actions.check')}
      </Button>
    </Form>
  );
}
