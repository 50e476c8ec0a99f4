import type { ReactNode } from 'react';
import { Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_STATUSES,
  type DepositTypeOffer,
  type DocumentSearchRequest,
  type DocumentStatus,
} from '../../../../shared/api';
import { DayField, otherEnd } from '../../components/DayField';
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
const DAY_FILTERS = ['from', 'to', 'since'] as const;

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
  // A day in the future is taken as typed: "created from" then finds nothing and "created until"
  // bounds nothing, which the list shows at once; refusing it would only add a message to read.
  const day = (key: (typeof DAY_FILTERS)[number], iso: string | undefined): void => {
    const { [key]: _dropped, ...rest } = value;
    onChange(iso === undefined ? rest : { ...rest, [key]: iso });
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
      {/* The days together, so a range is never split across two lines. */}
      <div className="day-range">
        {DAY_FILTERS.map((key) => (
          <DayField
            key={key}
            id={`documents-filter-${key}`}
            label={t(`documents.filters.${key}`)}
            value={value[key]}
            // The creation range's ends (the native min / max): an end before the start is said in words.
            {...(key === 'since' ? {} : otherEnd(key, value))}
            onChange={(iso) => day(key, iso)}
          />
        ))}
      </div>
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
