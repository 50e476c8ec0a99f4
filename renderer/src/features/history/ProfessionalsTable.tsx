import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DmpProfessional } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatHl7Timestamp } from './format';

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly professionals: readonly DmpProfessional[] }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/** TD1.6: who may open this DMP, and whom the patient blocked. */
export function ProfessionalsTable({ patientId }: { patientId: string }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const fetchList = useCallback(
    () => client.dmp.listProfessionals({ patientId, accessMode: 'normal', filter: 'all' }),
    [client, patientId],
  );

  useEffect(() => {
    let live = true;
    void fetchList().then((result) => {
      if (!live) return;
      setLoad(
        result.ok
          ? { state: 'loaded', professionals: result.value.professionals }
          : { state: 'failed', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [fetchList]);

  const refresh = async (): Promise<void> => {
    setLoad({ state: 'loading' });
    const result = await fetchList();
    setLoad(
      result.ok
        ? { state: 'loaded', professionals: result.value.professionals }
        : { state: 'failed', error: result.error },
    );
  };

  return (
    <section className="panel" aria-labelledby="professionals-title" aria-busy={load.state === 'loading'}>
      <h2 id="professionals-title">{t('history.professionals.title')}</h2>
      {load.state === 'loading' ? <p role="status">{t('history.professionals.loading')}</p> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} /> : null}
      {load.state === 'loaded' && load.professionals.length === 0 ? <p>{t('history.professionals.none')}</p> : null}
      {load.state === 'loaded' && load.professionals.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('history.professionals.name')}</th>
              <th scope="col">{t('history.professionals.nationalId')}</th>
              <th scope="col">{t('history.professionals.specialties')}</th>
              <th scope="col">{t('history.professionals.status')}</th>
              <th scope="col">{t('history.professionals.since')}</th>
              <th scope="col">{t('history.professionals.lastAction')}</th>
            </tr>
          </thead>
          <tbody>
            {load.professionals.map((professional) => (
              <tr key={`${professional.nationalId}-${professional.mode}`} data-mode={professional.mode}>
                <th scope="row">
                  {[professional.lastName, professional.firstName].filter((part) => part !== null).join(' ') ||
                    t('history.professionals.unnamed')}
                </th>
                <td>{professional.nationalId}</td>
                <td>{professional.specialties.join(', ')}</td>
                <td>
                  {t(`history.professionals.mode.${professional.mode}`)}
                  {professional.treatingPhysician ? ` · ${t('history.professionals.treatingPhysician')}` : ''}
                </td>
                <td>{formatHl7Timestamp(professional.since)}</td>
                <td>{formatHl7Timestamp(professional.lastActionDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Button className="dmp-button" isDisabled={load.state === 'loading'} onPress={() => void refresh()}>
        {t('history.professionals.refresh')}
      </Button>
    </section>
  );
}
