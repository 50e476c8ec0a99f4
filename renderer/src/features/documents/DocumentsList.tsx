import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/api';
import { VISIBILITY_CODES } from '../../../../shared/domain/documents';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CachedNotice } from './CachedNotice';
import { formatHl7Timestamp } from '../history/format';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { DocumentActionsMenu } from './DocumentActionsMenu';
import { DocumentsFilters, NO_FILTER, searchRequestOf, type DocumentFilter } from './DocumentsFilters';
import { useDepositTypes } from './deposit-types';
import type { ConfirmedAction } from './DocumentActionsPlan';

type Result =
  | { readonly state: 'loaded'; readonly documents: readonly DocumentSummary[]; readonly cachedAt?: string | undefined }
  | { readonly state: 'failed'; readonly error: AppErrorShape };
type Load = { readonly state: 'loading' } | Result;

/**
 * TD3.1: the patient's documents with filters (status, type, dates, masked), their visibility markers and, per row, the
 * actions their status allows; `reloadKey` changes after a deposit. Replace is the screen's
 * business (it opens the deposit form); every other action is confirmed here, then the list reloads.
 */
export function DocumentsList(props: {
  readonly patientId: string;
  readonly reloadKey: number;
  readonly onOpen: (document: DocumentSummary) => void;
  readonly onReplace?: (document: DocumentSummary) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [filter, setFilter] = useState<DocumentFilter>(NO_FILTER);
  const { types } = useDepositTypes();
  // The answer is kept with the query it answers: a stale one reads as loading, no reset needed.
  const [answer, setAnswer] = useState<{ readonly query: string; readonly result: Result } | undefined>();
  // Bumped after a confirmed action so the list is asked again.
  const [revision, setRevision] = useState(0);
  const [pending, setPending] = useState<
    { readonly document: DocumentSummary; readonly action: ConfirmedAction } | undefined
  >();
  const { patientId, reloadKey } = props;
  // Keyed on the chosen type, not the offer: the offer arriving must not search the DMP again
  // (every search is an access the DMP traces).
  const chosenType = types.find((type) => type.code === filter.typeCode);
  const request = useMemo(
    () => searchRequestOf(patientId, filter, chosenType === undefined ? [] : [chosenType]),
    [patientId, filter, chosenType],
  );
  const queryAt = (at: number): string => `${JSON.stringify(request)}|${reloadKey}|${at}`;
  const query = queryAt(revision);
  const load: Load = answer?.query === query ? answer.result : { state: 'loading' };
  // After an action the row it started from is replaced (a new version has a new entryUUID), so
  // focus would fall to the page: it goes to the list's heading once the list is read again.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (focusAfter.current !== query || load.state === 'loading') return;
    focusAfter.current = undefined;
    heading.current?.focus();
  }, [query, load.state]);

  const search = useCallback(() => client.documents.search(request), [client, request]);

  useEffect(() => {
    let live = true;
    void search().then((result) => {
      if (!live) return;
      setAnswer({
        query,
        result: result.ok
          ? { state: 'loaded', documents: result.value.documents, cachedAt: result.value.cachedAt }
          : { state: 'failed', error: result.error },
      });
    });
    return () => {
      live = false;
    };
  }, [search, query]);

  return (
    <section className="panel" aria-labelledby="documents-list-title" aria-busy={load.state === 'loading'}>
      <h2 id="documents-list-title" ref={heading} tabIndex={-1}>
        {t('documents.list.title')}
      </h2>
      <DocumentsFilters value={filter} types={types} onChange={setFilter} />
      {load.state === 'loading' ? <p role="status">{t('documents.list.loading')}</p> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} /> : null}
      {load.state === 'loaded' ? <CachedNotice cachedAt={load.cachedAt} what="list" /> : null}
      {load.state === 'loaded' && load.documents.length === 0 ? <p>{t('documents.list.none')}</p> : null}
      {load.state === 'loaded' && load.documents.length > 0 ? (
        <table className="data-table documents-table">
          <thead>
            <tr>
              <th scope="col">{t('documents.list.columns.title')}</th>
              <th scope="col">{t('documents.list.columns.type')}</th>
              <th scope="col">{t('documents.list.columns.date')}</th>
              <th scope="col">{t('documents.list.columns.author')}</th>
              <th scope="col">{t('documents.list.columns.status')}</th>
              <th scope="col">
                <span className="documents-hidden">{t('documents.list.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {load.documents.map((document) => (
              <tr key={document.entryUuid} data-masked={document.maskedToProfessionals}>
                <th scope="row">
                  {document.title ?? t('documents.untitled')}
                  {document.visibility.length === 0 ? null : (
                    <ul className="documents-markers">
                      {VISIBILITY_CODES.filter((code) => document.visibility.includes(code)).map((code) => (
                        <li key={code} className="documents-marker" data-code={code}>
                          {t(`documents.actions.markers.${code}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </th>
                <td>{document.type?.displayName ?? '—'}</td>
                <td>{formatHl7Timestamp(document.creationTime)}</td>
                <td>{document.author ?? '—'}</td>
                <td>{t(`documents.status.${document.status}`)}</td>
                <td>
                  <Button className="documents-button" onPress={() => props.onOpen(document)}>
                    {t('documents.list.open')}
                  </Button>
                  <DocumentActionsMenu
                    document={document}
                    canReplace={props.onReplace !== undefined}
                    onAction={(action) => {
                      if (action === 'replace') props.onReplace?.(document);
                      else setPending({ document, action });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pending === undefined ? null : (
        <ConfirmActionDialog
          patientId={patientId}
          document={pending.document}
          action={pending.action}
          onClose={() => setPending(undefined)}
          onDone={() => {
            setPending(undefined);
            focusAfter.current = queryAt(revision + 1);
            setRevision((r) => r + 1);
          }}
        />
      )}
    </section>
  );
}
