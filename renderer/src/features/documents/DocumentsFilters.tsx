import type { ReactNode } from 'react';
import { Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_STATUSES,
  type DepositTypeOffer,
  type DocumentSearchRequest,
  type DocumentStatus,
} from '../../../../shared/api';
import { TypeSelect } from './TypeSelect';

/** What the user filters the list on; every field maps to a FindDocuments parameter. */
export interface DocumentFilter {
  readonly status: DocumentStatus;
  /** A type offer's code, or undefined for every type. */
  readonly typeCode?: string;
  /** `YYYY-MM-DD` bounds on the creation date, both inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** `YYYY-MM-DD`: deposited or changed since that day (the submission date, not the creation date). */
  readonly since?: string;
  readonly maskedOnly: boolean;
}

export const NO_FILTER: DocumentFilter = { status: 'approved', maskedOnly: false };
const ALL_TYPES = 'all';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The TD3.1 request of a filter: the registry filters (status, type, creation dates, masked)
 * rather than the desk, so a large DMP is not fetched whole. Dates are whole days in UTC, as the
 * XDS creationTime is.
 */
export function searchRequestOf(
  patientId: string,
  filter: DocumentFilter,
  types: readonly DepositTypeOffer[],
): DocumentSearchRequest {
  const type = types.find((candidate) => candidate.code === filter.typeCode);
  return {
    patientId,
    statuses: [filter.status],
    ...(type === undefined ? {} : { typeCodes: [{ code: type.code, codeSystem: type.codeSystem }] }),
    ...(filter.from === undefined || !DAY.test(filter.from) ? {} : { createdFrom: `${filter.from}T00:00:00.000Z` }),
    ...(filter.to === undefined || !DAY.test(filter.to) ? {} : { createdTo: `${filter.to}T23:59:59.999Z` }),
    ...(filter.since === undefined || !DAY.test(filter.since)
      ? {}
      : { submittedFrom: `${filter.since}T00:00:00.000Z` }),
    ...(filter.maskedOnly ? { visibility: ['MASQUE_PS'] } : {}),
  };
}

/** The list's filters; a change asks the registry again. */
export function DocumentsFilters(props: {
  readonly value: DocumentFilter;
  readonly types: readonly DepositTypeOffer[];
  readonly onChange: (filter: DocumentFilter) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const day = (key: 'from' | 'to' | 'since', text: string): void => {
    const { [key]: _dropped, ...rest } = value;
    onChange(text === '' ? rest : { ...rest, [key]: text });
  };
  return (
    <div className="documents-filters" role="group" aria-label={t('documents.filters.label')}>
      <RadioGroup
        className="documents-filter"
        orientation="horizontal"
        value={value.status}
        onChange={(status) => onChange({ ...value, status: DOCUMENT_STATUSES.find((s) => s === status) ?? 'approved' })}
      >
        <Label>{t('documents.list.statusFilter')}</Label>
        <div className="radio-row">
          {DOCUMENT_STATUSES.map((s) => (
            <Radio key={s} value={s} className="radio">
              {t(`documents.status.${s}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <TypeSelect
        className="identity-field documents-filter-type"
        label={t('documents.filters.type')}
        types={[{ code: ALL_TYPES, displayName: t('documents.filters.allTypes') }, ...props.types]}
        selectedCode={value.typeCode ?? ALL_TYPES}
        onChange={(code) => {
          const { typeCode: _dropped, ...rest } = value;
          onChange(code === ALL_TYPES ? rest : { ...rest, typeCode: code });
        }}
      />
      <DayField
        id="documents-filter-from"
        label={t('documents.filters.from')}
        value={value.from}
        max={value.to}
        onChange={(text) => day('from', text)}
      />
      <DayField
        id="documents-filter-to"
        label={t('documents.filters.to')}
        value={value.to}
        min={value.from}
        onChange={(text) => day('to', text)}
      />
      <DayField
        id="documents-filter-since"
        label={t('documents.filters.since')}
        value={value.since}
        onChange={(text) => day('since', text)}
      />
      <Checkbox
        className="radio identity-checkbox"
        isSelected={value.maskedOnly}
        onChange={(maskedOnly) => onChange({ ...value, maskedOnly })}
      >
        {t('documents.filters.maskedOnly')}
      </Checkbox>
    </div>
  );
}

/** A labelled native date field: `YYYY-MM-DD` in and out, empty for no bound. */
function DayField(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string | undefined;
  readonly min?: string | undefined;
  readonly max?: string | undefined;
  readonly onChange: (text: string) => void;
}): ReactNode {
  return (
    <div className="identity-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="date"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
