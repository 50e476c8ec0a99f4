import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityRecordView, IdentityTraits, TraitField, TraitSource } from '../../../../shared/domain/identity';

const FIELDS: readonly TraitField[] = ['birthName', 'firstNames', 'sex', 'birthDate', 'birthPlace'];
const SOURCES: readonly TraitSource[] = ['vitale', 'typed', 'insi'];

function cell(traits: IdentityTraits | undefined, field: TraitField): string {
  if (traits === undefined) return '';
  if (field === 'firstNames') return traits.firstNames.join(' ');
  return traits[field] ?? '';
}

/** Vitale, typed and INSi traits side by side; a differing row is marked in colour and in words. */
export function TraitsComparison({ record }: { record: IdentityRecordView }): ReactNode {
  const { t } = useTranslation();
  const bySource: Record<TraitSource, IdentityTraits | undefined> = {
    vitale: record.vitale,
    typed: record.typed,
    insi: record.insi?.traits,
  };
  const differing = new Set(record.discrepancies.map((d) => d.field));
  const shown = SOURCES.filter((source) => bySource[source] !== undefined);
  return (
    <section aria-labelledby="identity-compare" className="identity-section">
      <h2 id="identity-compare">{t('identity.compare.heading')}</h2>
      <table className="traits-table">
        <thead>
          <tr>
            <th scope="col">{t('identity.compare.field')}</th>
            {shown.map((source) => (
              <th scope="col" key={source}>
                {t(`identity.compare.${source}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((field) => (
            <tr key={field} className={differing.has(field) ? 'traits-table__row--differs' : undefined}>
              <th scope="row">
                {t(`identity.compare.fields.${field}`)}
                {differing.has(field) ? (
                  <span className="traits-table__flag"> ({t('identity.compare.differs')})</span>
                ) : null}
              </th>
              {shown.map((source) => (
                <td key={source}>{cell(bySource[source], field)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="status-line">
        {differing.size === 0 ? t('identity.compare.none') : t('identity.compare.count', { count: differing.size })}
      </p>
    </section>
  );
}
