import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { answerAge } from '../session/format';

/**
 * Said above a list or a document answered from this desk's encrypted cache because the DMP
 * could not be reached: it is a copy, and this old. Never shown for a live answer.
 */
export function CachedNotice(props: {
  readonly cachedAt: string | undefined;
  readonly what: 'list' | 'document';
}): ReactNode {
  const { t, i18n } = useTranslation();
  if (props.cachedAt === undefined) return null;
  const age = answerAge(props.cachedAt, new Date(), i18n.language);
  return (
    <p className="cached-notice" role="note">
      {t(`documents.cached.${props.what}`, { age: age ?? t('documents.cached.justNow') })}
    </p>
  );
}
