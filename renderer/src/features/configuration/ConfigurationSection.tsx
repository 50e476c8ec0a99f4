import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateStatus, ConfigurationReport } from '../../../../shared/api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProblemItem } from './ConfigurationProblems';
import { useConfiguration } from './use-configuration';
import { dateLocale } from '../../i18n';

function SourceLine({ source }: { source: ConfigurationReport['source'] }): ReactNode {
  const { t } = useTranslation();
  const path = source.path ?? '';
  switch (source.kind) {
    case 'flag':
      return t('configuration.section.sourceFlag', { path });
    case 'env':
      return t('configuration.section.sourceEnv', { path });
    case 'default':
      return t('configuration.section.sourceDefault', { path });
    case 'training':
      return t('configuration.section.sourceTraining');
    case 'none':
      return t('configuration.section.sourceNone');
  }
}

function CertificateItem({ certificate }: { certificate: CertificateStatus }): ReactNode {
  const { t, i18n } = useTranslation();
  const date = new Date(certificate.notAfter).toLocaleDateString(dateLocale(i18n.language), { timeZone: 'UTC' });
  const role =
    certificate.role === 'tls' ? t('configuration.section.roleTls') : t('configuration.section.roleSignature');
  const line = certificate.expired
    ? t('configuration.section.expired', { date })
    : certificate.warning
      ? t('configuration.section.expiresSoon', { date, days: certificate.daysLeft })
      : t('configuration.section.expires', { date, days: certificate.daysLeft });
  const alarming = certificate.expired || certificate.warning;
  return (
    <li className="config-certificate" data-warning={alarming ? 'true' : 'false'}>
      <strong>{role}</strong> <span className="config-certificate__subject">{certificate.subject}</span>
      <div
        className={alarming ? 'notice identity-notice--warning' : 'status-line'}
        role={alarming ? 'alert' : undefined}
      >
        {line}
      </div>
    </li>
  );
}

function timeout(t: (key: string) => string, ms: number | undefined): string {
  return ms === undefined ? t('configuration.section.defaultTimeout') : `${ms / 1000} s`;
}

/** The Settings section: the configuration in force (never a secret) and each certificate's expiry. */
export function ConfigurationSection(): ReactNode {
  const { t } = useTranslation();
  const state = useConfiguration();
  if (state.status === 'loading') return null;
  if (state.status === 'failed') return <ErrorNotice error={state.error} />;
  const { report } = state;
  const { summary } = report;
  return (
    <section aria-labelledby="configuration-title" className="config-section">
      <h2 id="configuration-title">{t('configuration.section.title')}</h2>
      <dl className="facts">
        <dt>{t('configuration.section.source')}</dt>
        <dd>
          <SourceLine source={report.source} />
        </dd>
        {report.source.overrides.length === 0 ? null : (
          <>
            <dt>{t('configuration.section.overrides')}</dt>
            <dd>{report.source.overrides.join(', ')}</dd>
          </>
        )}
        <dt>{t('configuration.section.dmpUrl')}</dt>
        <dd>{summary.dmpUrl ?? t('configuration.section.notConfigured')}</dd>
        <dt>{t('configuration.section.insiUrl')}</dt>
        <dd>{summary.insiUrl ?? t('configuration.section.notConfigured')}</dd>
        {summary.structure === undefined ? null : (
          <>
            <dt>{t('configuration.section.structure')}</dt>
            <dd>
              {t('configuration.section.structureValue', {
                name: summary.structure.name,
                sector: summary.structure.activitySector,
                id: summary.structure.vihfStructureId,
              })}
            </dd>
            {summary.structure.finess === undefined ? null : (
              <>
                <dt>{t('configuration.section.finess')}</dt>
                <dd>{summary.structure.finess}</dd>
              </>
            )}
          </>
        )}
        {summary.authMode === undefined ? null : (
          <>
            <dt>{t('configuration.section.authMode')}</dt>
            <dd>
              {summary.authMode === 'cps'
                ? t('configuration.section.authCps')
                : t('configuration.section.authEstablishment')}
            </dd>
          </>
        )}
        {summary.homologationId === undefined ? null : (
          <>
            <dt>{t('configuration.section.homologation')}</dt>
            <dd>{summary.homologationId}</dd>
          </>
        )}
        <dt>{t('configuration.section.proxy')}</dt>
        <dd>{summary.proxyHost ?? t('configuration.section.noProxy')}</dd>
        <dt>{t('configuration.section.timeouts')}</dt>
        <dd>
          {t('configuration.section.timeoutsValue', {
            dmp: timeout(t, summary.timeouts.dmpMs),
            insi: timeout(t, summary.timeouts.insiMs),
          })}
        </dd>
        {summary.logLevel === undefined ? null : (
          <>
            <dt>{t('configuration.section.logLevel')}</dt>
            <dd>{summary.logLevel}</dd>
          </>
        )}
      </dl>
      <h3>{t('configuration.section.certificates')}</h3>
      {report.certificates.length === 0 ? (
        <p>{t('configuration.section.noCertificates')}</p>
      ) : (
        <ul className="config-certificates">
          {report.certificates.map((certificate) => (
            <CertificateItem key={certificate.role} certificate={certificate} />
          ))}
        </ul>
      )}
      {report.problems.length === 0 ? null : (
        <>
          <h3>{t('configuration.section.problems')}</h3>
          <ul className="notice notice--error">
            {report.problems.map((problem, index) => (
              <ProblemItem key={`${problem.path}:${problem.code}:${index}`} problem={problem} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
