import { useState, type ReactNode } from 'react';
import { Button, Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { IDENTITY_ATTRIBUTES, type IdentityAttribute } from '../../../../shared/domain/identity';

/** The operator's doubts about the identity (RNIV attributes), recorded explicitly. */
export function AttributesForm(props: {
  attributes: readonly IdentityAttribute[];
  busy: boolean;
  onSave: (attributes: IdentityAttribute[]) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<IdentityAttribute[]>([...props.attributes]);
  return (
    <section aria-labelledby="identity-attributes" className="identity-section">
      <h2 id="identity-attributes">{t('identity.attributes.heading')}</h2>
      <CheckboxGroup
        className="identity-field"
        value={selected}
        onChange={(values) => setSelected(IDENTITY_ATTRIBUTES.filter((a) => values.includes(a)))}
      >
        <Label className="identity-hint">{t('identity.attributes.hint')}</Label>
        {IDENTITY_ATTRIBUTES.map((attribute) => (
          <Checkbox key={attribute} value={attribute} className="radio identity-checkbox">
            {t(`identity.attributes.${attribute}`)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <Button className="identity-button" isDisabled={props.busy} onPress={() => props.onSave(selected)}>
        {t('identity.attributes.save')}
      </Button>
    </section>
  );
}
