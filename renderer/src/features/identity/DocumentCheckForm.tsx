import { useState, type ReactNode } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Disclosure } from '../../components/Disclosure';
import {
  IDENTITY_DOCUMENT_TYPES,
  type DocumentCheck,
  type IdentityDocumentType,
} from '../../../../shared/domain/identity';

/** Only the RNIV documents are offered; main still refuses a minor-only document for an adult. */
export function DocumentCheckForm(props: {
  check: DocumentCheck | undefined;
  busy: boolean;
  onRecord: (type: IdentityDocumentType) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [type, setType] = useState<IdentityDocumentType | undefined>();
  const form = (
    <>
      <RadioGroup
        className="identity-field identity-documents"
        value={type ?? null}
        onChange={(value) => setType(IDENTITY_DOCUMENT_TYPES.find((d) => d === value))}
      >
        <Label>{t('identity.document.type')}</Label>
        {IDENTITY_DOCUMENT_TYPES.map((document) => (
          <Radio key={document} value={document} className="radio">
            {t(`identity.document.${document}`)}
          </Radio>
        ))}
      </RadioGroup>
      <p className="identity-hint">{t('identity.document.notAccepted')}</p>
      <Button
        className="identity-button"
        isDisabled={props.busy || type === undefined}
        onPress={() => {
          if (type !== undefined) props.onRecord(type);
        }}
      >
        {t('identity.document.record')}
      </Button>
    </>
  );
  return (
    <section aria-labelledby="identity-document" className="identity-section">
      <h2 id="identity-document">{t('identity.document.heading')}</h2>
      {props.check === undefined ? null : (
        <p className="identity-done">
          {t('identity.document.recorded', {
            document: t(`identity.document.${props.check.documentType}`),
            date: props.check.checkedOn,
          })}
        </p>
      )}
      {props.check === undefined ? (
        form
      ) : (
        // Already checked: changing the document is the exception, one click away.
        <Disclosure summary={t('identity.document.again')} defaultOpen={false}>
          {form}
        </Disclosure>
      )}
    </section>
  );
}
