import type { ReactNode } from 'react';
import { ListBox, ListBoxItem, type Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { VitaleBeneficiary } from '../../../../shared/domain/cards';
import { formatBirthDate, formatNir } from './format';

/** The beneficiaries of one carte Vitale; picking one makes them the desk's patient. */
export function BeneficiaryPicker(props: {
  beneficiaries: readonly VitaleBeneficiary[];
  selected: number | undefined;
  onSelect: (beneficiary: VitaleBeneficiary | undefined) => void;
}): ReactNode {
  const { t } = useTranslation();
  const onSelectionChange = (selection: Selection): void => {
    const key = selection === 'all' ? undefined : [...selection][0];
    props.onSelect(props.beneficiaries.find((b) => String(b.index) === String(key)));
  };
  return (
    <div className="cards-beneficiaries">
      <h3 id="cards-beneficiaries-title">{t('cards.beneficiaries')}</h3>
      <p className="cards-hint">{t('cards.beneficiaryHint')}</p>
      <ListBox
        aria-labelledby="cards-beneficiaries-title"
        className="cards-beneficiary-list"
        selectionMode="single"
        selectedKeys={props.selected === undefined ? [] : [String(props.selected)]}
        onSelectionChange={onSelectionChange}
        items={props.beneficiaries.map((b) => ({ ...b, id: String(b.index) }))}
      >
        {(b) => (
          <ListBoxItem
            id={b.id}
            className="cards-beneficiary"
            textValue={`${b.lastName} ${b.firstName}`}
            data-testid={`beneficiary-${b.index}`}
          >
            <span className="cards-beneficiary__name">
              <span className="cards-label">{t('cards.lastName')}</span> {b.lastName}{' '}
              <span className="cards-label">{t('cards.firstName')}</span> {b.firstName}
            </span>
            <span>
              <span className="cards-label">{t('cards.birthDate')}</span> {formatBirthDate(b.birthDate)}
            </span>
            <span>
              <span className="cards-label">{t('cards.nir')}</span>{' '}
              <span className="cards-nir">{formatNir(b.nir)}</span>
            </span>
          </ListBoxItem>
        )}
      </ListBox>
    </div>
  );
}
