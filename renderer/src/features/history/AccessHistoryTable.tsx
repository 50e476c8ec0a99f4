import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HistoryAccesses } from '../../../../shared/api';
import { ERROR_DEFINITIONS, isErrorCode, type AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatAccessTime, isEmergency, transactionKey } from './access-labels';

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly history: HistoryAccesses }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/**
 * This desk's own DMP transactions for the patient, from main's local audit trail. The national
 * DMP's full history (every professional) has no web-service read; the table says where it is.
 */
export function AccessHistoryTable({ patientId }: { patientId: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const { client } = useDmp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const fetchHistory = useCallback(async (): Promise<Load> => {
    const result = await client.history.accesses({ patientId });
    return result.ok ? { state: 'loaded', history: result.value } : { state: 'failed', error: result.error };
  }, [client, patientId]);

  useEffect(() => {
    let live = true;
    const reload = (): void => {
      void fetchHistory().then((next) => {
        if (live) setLoad(next);
      });
    };
    reload();
    // Transactions made elsewhere in the app (the professionals table next door, the documents screen) show up here.
    const off = client.on('history.accessRecorded', reload);
    return () => {
      live = false;
      off();
    };
  }, [client, fetchHistory]);

  const refresh = async (): Promise<void> => {
    setLoad({ state: 'loading' });
    setLoad(await fetchHistory());
  };

  return (
    <section className="panel" aria-labelledby="accesses-title" aria-busy={load.state === 'loading'}>
      <h2 id="accesses-title">{t('history.accesses.title')}</h2>
      <p className="history-national">{t('history.accesses.national')}</p>
      {load.state === 'loading' ? <p role="status">{t('history.accesses.loading')}</p> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} /> : null}
      {load.state === 'loaded' ? <JournalState history={load.history} /> : null}
      {load.state === 'loaded' && load.history.entries.length === 0 ? <p>{t('history.accesses.none')}</p> : null}
      {load.state === 'loaded' && load.history.entries.length > 0 ? (
        <table className="data-table access-table">
          <thead>
            <tr>
              <th scope="col">{t('history.accesses.date')}</th>
              <th scope="col">{t('history.accesses.transaction')}</th>
              <th scope="col">{t('history.accesses.mode')}</th>
              <th scope="col">{t('history.accesses.professional')}</th>
              <th scope="col">{t('history.accesses.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {load.history.entries.map((access) => (
              <tr
                key={access.line}
                data-access-mode={access.accessMode}
                data-outcome={access.outcome === 'ok' || access.outcome === 'queued' ? access.outcome : 'failed'}
              >
                <th scope="row">
                  <time dateTime={access.at}>{formatAccessTime(access.at, i18n.language)}</time>
                </th>
                <td>
                  {t(transactionKey(access.transaction), { defaultValue: access.transaction })}{' '}
                  <small className="access-table__code">{access.transaction}</small>
                  {access.documentId === null ? null : (
                    <small className="access-table__document">
                      {t('history.accesses.document', { id: access.documentId })}
                    </small>
                  )}
                </td>
                <td>
                  {isEmergency(access) ? (
                    <span className="access-table__emergency" title={t('history.accesses.emergencyMarker')}>
                      <span aria-hidden="true">⚠ </span>
                      {t(`history.accesses.modes.${access.accessMode}`)}
                    </span>
                  ) : (
                    t(`history.accesses.modes.${access.accessMode}`)
                  )}
                </td>
                <td>{access.professional}</td>
                <td>
                  {access.outcome === 'ok' ? (
                    t('history.accesses.succeeded')
                  ) : access.outcome === 'queued' ? (
                    // Kept in the outbox: the delivery is its own line once the DMP accepts it.
                    t('history.accesses.queued')
                  ) : (
                    <>
                      {t('history.accesses.failed', { code: access.outcome })}
                      {/* The code is for IT; the sentence says what it meant to the person at the desk. */}
                      {isErrorCode(access.outcome) ? (
                        <span className="access-table__detail">{t(ERROR_DEFINITIONS[access.outcome].messageKey)}</span>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Button className="dmp-button" isDisabled={load.state === 'loading'} onPress={() => void refresh()}>
        {t('history.accesses.refresh')}
      </Button>
    </section>
  );
}

/** Whether the journal still holds together, and whether this session has lines waiting for disk space. */
function JournalState({ history }: { history: HistoryAccesses }): ReactNode {
  const { t } = useTranslation();
  const capped = history.total > history.entries.length;
  return (
    <>
      {history.chain === 'intact' ? (
        <p className="history-journal">{t('history.accesses.intact')}</p>
      ) : (
        <div className="notice notice--error" role="alert" data-chain-broken-at={history.chain.brokenAt}>
          {t(`history.accesses.broken.${history.chain.reason}`, { line: history.chain.brokenAt })}
        </div>
      )}
      {history.otherKeyEntries > 0 ? (
        <div className="notice history-unsaved" role="alert">
          {t('history.accesses.otherKey', { count: history.otherKeyEntries })}
        </div>
      ) : null}
      {history.unsaved > 0 ? (
        <div className="notice history-unsaved" role="alert">
          {t('history.accesses.unsaved', { count: history.unsaved })}
        </div>
      ) : null}
      {capped ? (
        <p className="history-journal">
          {t('history.accesses.capped', { shown: history.entries.length, total: history.total })}
        </p>
      ) : null}
    </>
  );
}
