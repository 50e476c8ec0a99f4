import { useState, type ReactNode } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { INDICATOR_PERIODS, type ActivityIndicators, type IndicatorPeriod } from '../../../../shared/api';
import { indicatorsCsv } from '../../../../shared/domain/indicators';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { DayField, otherEnd } from '../../components/DayField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isoDayOf } from '../../components/typed-day';

type Load =
  | { readonly state: 'idle' | 'loading' }
  | { readonly state: 'loaded'; readonly indicators: ActivityIndicators; readonly from: string; readonly to: string }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/** The range first shown: the current month so far. */
export function defaultRange(today: Date): { from: string; to: string } {
  return { from: isoDayOf(new Date(today.getFullYear(), today.getMonth(), 1)), to: isoDayOf(today) };
}

/** `dmp-indicators_2026-11-01_2026-11-30_week.csv` */
export const exportFileName = (from: string, to: string, period: IndicatorPeriod): string =>
  `dmp-indicators_${from}_${to}_${period}.csv`;

/**
 * Settings' activity indicators, the DMP pilot statistics kept by this desk: per professional
 * and period, how many DMPs were consulted, fed and created. Main counts them from the audit
 * trail and answers counts only; the CSV is built here from those rows, so it names no patient.
 */
export function IndicatorsSection(props: { readonly today?: Date }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  // Either end is undefined while its field holds no day (empty, or not a day: the field says why).
  const [range, setRange] = useState<{ from?: string | undefined; to?: string | undefined }>(() =>
    defaultRange(props.today ?? new Date()),
  );
  const [period, setPeriod] = useState<IndicatorPeriod>('month');
  const [load, setLoad] = useState<Load>({ state: 'idle' });

  const compute = async (from: string, to: string): Promise<void> => {
    setLoad({ state: 'loading' });
    const result = await client.history.indicators({ from, to, period });
    setLoad(
      result.ok ? { state: 'loaded', indicators: result.value, from, to } : { state: 'failed', error: result.error },
    );
  };

  const download = (indicators: ActivityIndicators, from: string, to: string): void => {
    const url = URL.createObjectURL(new Blob([indicatorsCsv(indicators.rows)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(from, to, period);
    link.click();
    URL.revokeObjectURL(url);
  };

  const { from, to } = range;
  // An end before the start is said in words by the fields; the button waits for a real range.
  const validRange = from !== undefined && to !== undefined && from <= to;
  return (
    <section aria-labelledby="indicators-title" aria-busy={load.state === 'loading'}>
      <h2 id="indicators-title">{t('indicators.title')}</h2>
      <p className="status-line">{t('indicators.about')}</p>
      <div className="documents-filters" role="group" aria-label={t('indicators.range')}>
        {(['from', 'to'] as const).map((end) => (
          <DayField
            key={end}
            id={`indicators-${end}`}
            label={t(`indicators.${end}`)}
            value={range[end]}
            {...otherEnd(end, range)}
            onChange={(day) => setRange({ ...range, [end]: day })}
          />
        ))}
        <RadioGroup
          className="documents-filter"
          orientation="horizontal"
          value={period}
          onChange={(value) => setPeriod(INDICATOR_PERIODS.find((p) => p === value) ?? 'month')}
        >
          <Label>{t('indicators.period')}</Label>
          <div className="radio-row">
            {INDICATOR_PERIODS.map((p) => (
              <Radio key={p} value={p} className="radio">
                {t(`indicators.periods.${p}`)}
              </Radio>
            ))}
          </div>
        </RadioGroup>
      </div>
      <Button
        className="identity-button"
        isDisabled={!validRange || load.state === 'loading'}
        onPress={() => {
          if (validRange) void compute(from, to);
        }}
      >
        {t('indicators.compute')}
      </Button>
      {load.state === 'loading' ? <p role="status">{t('indicators.loading')}</p> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} /> : null}
      {load.state === 'loaded' ? (
        <IndicatorsTable indicators={load.indicators} onExport={() => download(load.indicators, load.from, load.to)} />
      ) : null}
    </section>
  );
}

function IndicatorsTable(props: { readonly indicators: ActivityIndicators; readonly onExport: () => void }): ReactNode {
  const { t } = useTranslation();
  const { rows, chain, timeZone } = props.indicators;
  return (
    <>
      {chain === 'intact' ? null : (
        <p className="notice notice--error" role="alert">
          {t('indicators.chainBroken', { line: chain.brokenAt })}
        </p>
      )}
      {rows.length === 0 ? (
        <p>{t('indicators.none')}</p>
      ) : (
        <table className="data-table indicators-table">
          <caption>{t('indicators.caption', { timeZone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.columns.period')}</th>
              <th scope="col">{t('indicators.columns.professional')}</th>
              <th scope="col">{t('indicators.columns.consulted')}</th>
              <th scope="col">{t('indicators.columns.fed')}</th>
              <th scope="col">{t('indicators.columns.created')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.period} ${row.professional}`}>
                <th scope="row">{row.period}</th>
                <td>{row.professional}</td>
                <td>{row.consulted}</td>
                <td>{row.fed}</td>
                <td>{row.created}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Button className="identity-button" isDisabled={rows.length === 0} onPress={props.onExport}>
        {t('indicators.export')}
      </Button>
    </>
  );
}
