import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigProblem, ConfigurationReport } from '../../../../shared/api';

/** One problem in IT's words: the field it is about, then the sentence. */
export function ProblemItem({ problem }: { problem: ConfigProblem }): ReactNode {
  const { t } = useTranslation();
  return (
    <li className="config-problem" data-error-code={problem.code}>
      <code className="config-problem__path">
        {problem.path === '' ? t('configuration.invalid.wholeFile') : problem.path}
      </code>{' '}
      <span>{t(problem.messageKey, problem.params ?? {})}</span>{' '}
      <small className="notice__code">{t('errors.codeLabel', { code: problem.code })}</small>
    </li>
  );
}

/**
 * Shown instead of the desk when the configuration is invalid: every problem at once, in plain
 * words, so IT fixes them in one pass rather than one restart per mistake.
 */
export function ConfigurationProblems({ report }: { report: ConfigurationReport }): ReactNode {
  const { t } = useTranslation();
  return (
    <main className="startup-failure config-problems" aria-labelledby="config-problems-title">
      <h1 id="config-problems-title">{t('configuration.invalid.title')}</h1>
      <p>{t('configuration.invalid.intro')}</p>
      {report.source.path === undefined ? null : (
        <p className="notice__code">{t('configuration.invalid.source', { path: report.source.path })}</p>
      )}
      <ul aria-label={t('configuration.invalid.listLabel')} className="notice notice--error config-problems__list">
        {report.problems.map((problem, index) => (
          <ProblemItem key={`${problem.path}:${problem.code}:${index}`} problem={problem} />
        ))}
      </ul>
      <p>{t('configuration.invalid.after')}</p>
    </main>
  );
}
