import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditFinding, AuditVerification } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';

type Check =
  | { readonly state: 'idle' | 'running' }
  | { readonly state: 'done'; readonly report: AuditVerification }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/**
 * The whole local journal checked by main against its chain key and the anchor kept in the
 * encrypted store: each kind of tampering named in words, by line number (never a line's content).
 */
export function JournalVerification(): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  const run = async (): Promise<void> => {
    setCheck({ state: 'running' });
    const result = await client.history.verify({});
    setCheck(result.ok ? { state: 'done', report: result.value } : { state: 'failed', error: result.error });
  };

  return (
    <section className="panel" aria-labelledby="verification-title" aria-busy={check.state === 'running'}>
      <h2 id="verification-title">{t('history.verification.title')}</h2>
      <p className="history-journal">{t('history.verification.about')}</p>
      {check.state === 'running' ? <p role="status">{t('history.verification.running')}</p> : null}
      {check.state === 'failed' ? <ErrorNotice error={check.error} /> : null}
      {check.state === 'done' ? <VerificationReport report={check.report} /> : null}
      <Button className="dmp-button" isDisabled={check.state === 'running'} onPress={() => void run()}>
        {t('history.verification.run')}
      </Button>
    </section>
  );
}

function VerificationReport({ report }: { report: AuditVerification }): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      {report.intact ? (
        <p className="history-journal" data-journal-intact="true">
          {t('history.verification.intact', { lines: report.lines })}
        </p>
      ) : (
        <div className="notice notice--error" role="alert" data-journal-intact="false">
          <p>{t('history.verification.tampered', { count: report.findings.length + report.omittedFindings })}</p>
          <ul>
            {report.findings.map((finding, index) => (
              <li key={index} data-finding={finding.kind}>
                {t(`history.verification.findings.${finding.kind}`, findingValues(finding))}
              </li>
            ))}
          </ul>
          {report.omittedFindings > 0 ? (
            <p>{t('history.verification.omitted', { count: report.omittedFindings })}</p>
          ) : null}
        </div>
      )}
      {report.unanchored > 0 ? (
        <p className="history-journal">{t('history.verification.unanchored', { count: report.unanchored })}</p>
      ) : null}
    </>
  );
}

/** The numbers a finding's sentence interpolates (its line, how many lines): the kind picks the sentence. */
function findingValues(finding: AuditFinding): Record<string, number> {
  const { kind: _kind, ...values } = finding;
  return values;
}
