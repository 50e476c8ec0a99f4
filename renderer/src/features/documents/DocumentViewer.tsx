import { useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, ReadableCda as ReadableCdaData } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CachedNotice } from './CachedNotice';
import { blobOf, bytesOf } from './content';
import { ReadableCda } from './ReadableCda';

type View =
  | { readonly state: 'loading' }
  | { readonly state: 'pdf'; readonly url: string }
  | { readonly state: 'text'; readonly text: string }
  | { readonly state: 'readable'; readonly readable: ReadableCdaData }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/**
 * TD3.2: the document read from the DMP: a PDF in a blob: frame (the CSP allows no other frame
 * source), plain text, or a structured CDA drawn from the readable tree main built.
 */
export function DocumentViewer(props: {
  readonly patientId: string;
  readonly document: DocumentSummary;
  readonly onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [view, setView] = useState<View>({ state: 'loading' });
  const [cachedAt, setCachedAt] = useState<string | undefined>(undefined);
  const { patientId, document } = props;

  useEffect(() => {
    let live = true;
    let url: string | undefined;
    void client.documents.retrieve({ patientId, uniqueId: document.uniqueId }).then((result) => {
      if (!live) return;
      if (result.ok) setCachedAt(result.value.cachedAt);
      if (!result.ok) {
        setView({ state: 'failed', error: result.error });
      } else if (result.value.mediaType === 'application/hl7-cda+xml') {
        setView({ state: 'readable', readable: result.value.readable });
      } else if (result.value.mediaType === 'application/pdf') {
        url = URL.createObjectURL(blobOf(result.value.contentBase64, 'application/pdf'));
        setView({ state: 'pdf', url });
      } else {
        setView({ state: 'text', text: new TextDecoder().decode(bytesOf(result.value.contentBase64)) });
      }
    });
    return () => {
      live = false;
      // The document stays in memory no longer than it is on screen.
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [client, patientId, document.uniqueId]);

  const title = document.title ?? t('documents.untitled');
  return (
    <section
      className="panel documents-viewer"
      aria-labelledby="documents-viewer-title"
      aria-busy={view.state === 'loading'}
    >
      <div className="documents-viewer__bar">
        <h2 id="documents-viewer-title">{title}</h2>
        <Button className="documents-button" onPress={props.onClose}>
          {t('documents.viewer.close')}
        </Button>
      </div>
      {view.state === 'loading' ? <p role="status">{t('documents.viewer.loading')}</p> : null}
      {view.state === 'failed' ? <ErrorNotice error={view.error} /> : null}
      {view.state === 'loading' || view.state === 'failed' ? null : (
        <CachedNotice cachedAt={cachedAt} what="document" />
      )}
      {view.state === 'pdf' ? <iframe className="documents-viewer__frame" src={view.url} title={title} /> : null}
      {view.state === 'text' ? <pre className="documents-viewer__text">{view.text}</pre> : null}
      {view.state === 'readable' ? (
        <>
          <p className="documents-viewer__note">{t('documents.readable.entriesNote')}</p>
          <ReadableCda readable={view.readable} />
        </>
      ) : null}
    </section>
  );
}
