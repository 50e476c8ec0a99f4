import type { ReactNode } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DepositTypeOffer } from '../../../../shared/api/documents';
import { TypeSelect } from './TypeSelect';

/**
 * The deposit's document type: the few a practice writes most as radios, every other type the
 * DMP value set allows in a list below them. `value` is the chosen type's code.
 */
export function DepositTypePicker(props: {
  readonly types: readonly DepositTypeOffer[];
  readonly value: string;
  readonly onChange: (code: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const common = props.types.filter((type) => type.common);
  const others = props.types.filter((type) => !type.common);
  const isCommon = common.some((type) => type.code === props.value);
  return (
    <div className="deposit-type-picker">
      <RadioGroup className="identity-field" value={isCommon ? props.value : null} onChange={props.onChange}>
        <Label>{t('documentAccess.depositType.label')}</Label>
        {common.map((type) => (
          <Radio key={type.code} value={type.code} className="radio">
            {type.displayName}
          </Radio>
        ))}
      </RadioGroup>
      {others.length === 0 ? null : (
        <TypeSelect
          className="identity-field deposit-type-other"
          label={t('documentAccess.depositType.other')}
          placeholder={t('documentAccess.depositType.choose')}
          types={others}
          selectedCode={isCommon ? null : props.value}
          onChange={props.onChange}
        />
      )}
    </div>
  );
}
