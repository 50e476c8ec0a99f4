import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  DropZone,
  Form,
  Input,
  isFileDropItem,
  Label,
  Text,
  TextField,
  type DropItem,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DepositOutcome, DocumentSummary } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { patientDisplayName, type DmpPanelPatient } from '../dmp/patient';
import { base64Of, isPdf } from './content';
import { depositedType, MAX_PDF_BYTES, useDepositTypes } from './deposit-types';
import { DepositTypePicker } from './DepositTypePicker';

const HIDING_CODES = ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'] as const;
type HidingCode = (typeof HIDING_CODES)[number];

interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly base64: string;
}

type Step =
  | { readonly state: 'editing' }
  | { readonly state: 'preview' }
  | { readonly state: 'sending' }
  | { readonly state: 'done'; readonly outcome: DepositOutcome['outcome'] }
  | { readonly state: 'failed'; readonly error: AppErrorShape };

/**
 * TD2.1: a PDF, a title, a type, masking; a preview of the metadata before anything is signed.
 * With `replaces`, the deposit is a new version of that document (RPLC), its title, type and
 * masking prefilled from it.
 */
export function DepositForm(props: {
  readonly patient: DmpPanelPatient;
  readonly onDeposited: () => void;
  readonly replaces?: DocumentSummary;
  readonly onCancelReplace?: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [file, setFile] = useState<ChosenFile | undefined>();
  const [fileProblem, setFileProblem] = useState<'tooLarge' | 'notPdf' | undefined>();
  const { replaces } = props;
  const [title, setTitle] = useState('');
  const offered = useDepositTypes();
  // Empty until chosen: the first type main offers (the most common) stands for it.
  const [typeCode, setTypeCode] = useState('');
  const [masked, setMasked] = useState(false);
  // Hidden from the patient (e.g. until an announcement consultation) or the legal representatives.
  const [hidden, setHidden] = useState<readonly HidingCode[]>([]);
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // The form sits below the list: a replacement chosen from a row brings it into view.
    if (replaces !== undefined) sectionRef.current?.scrollIntoView?.({ block: 'start' });
  }, [replaces]);
  const [step, setStep] = useState<Step>({ state: 'editing' });
  // A new key empties the file input once its file is deposited (a file input cannot be set to empty).
  const [fileInputKey, setFileInputKey] = useState(0);
  // A replacement chosen in the list prefills the form (state adjusted during render, as React
  // advises for props that reset state); going back to a plain deposit keeps what was typed.
  const [prefilled, setPrefilled] = useState<DocumentSummary | undefined>();
  if (replaces !== prefilled) {
    setPrefilled(replaces);
    if (replaces !== undefined) {
      setTitle(replaces.title ?? '');
      setTypeCode(replaces.type?.code ?? '');
      setMasked(replaces.maskedToProfessionals);
      setStep({ state: 'editing' });
    }
  }
  const { patient } = props;
  // A replacement must not reveal what the old version hid from the patient or the legal
  // representatives: those codes carry over (masking to professionals stays the checkbox's).
  const keptHidden = HIDING_CODES.filter((code) => replaces?.visibility.includes(code) === true);
  const hiding = HIDING_CODES.filter((code) => keptHidden.includes(code) || hidden.includes(code));
  const type = offered.types.find((candidate) => candidate.code === typeCode) ?? offered.types[0];

  // One path for a file picked in the dialog and a file dropped on the zone.
  const choose = async (chosen: File | undefined): Promise<void> => {
    setFile(undefined);
    setFileProblem(undefined);
    if (chosen === undefined) return;
    if (chosen.size > MAX_PDF_BYTES) {
      setFileProblem('tooLarge');
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    if (!isPdf(bytes)) {
      setFileProblem('notPdf');
      return;
    }
    setFile({ name: chosen.name, size: chosen.size, base64: base64Of(bytes) });
    if (title.trim() === '') setTitle(chosen.name.replace(/\.pdf$/i, ''));
  };

  const preview = (event: FormEvent): void => {
    event.preventDefault();
    if (file !== undefined && title.trim() !== '') setStep({ state: 'preview' });
  };

  const confirm = async (): Promise<void> => {
    if (file === undefined || type === undefined) return;
    setStep({ state: 'sending' });
    const result = await client.documents.deposit({
      // The CDA header's identity traits are the qualified identity's, which main holds.
      patientId: patient.patientId,
      title: title.trim(),
      type: depositedType(type),
      pdfBase64: file.base64,
      visibility: [...(masked ? (['MASQUE_PS'] as const) : []), ...hiding],
      ...(replaces === undefined ? {} : { replaces: { entryUuid: replaces.entryUuid, uniqueId: replaces.uniqueId } }),
    });
    if (!result.ok) {
      setStep({ state: 'failed', error: result.error });
      return;
    }
    setStep({ state: 'done', outcome: result.value.outcome });
    setFile(undefined);
    setTitle('');
    setMasked(false);
    setHidden([]);
    setFileInputKey((k) => k + 1);
    props.onDeposited();
  };

  const missing = [
    ...(file === undefined ? (['file'] as const) : []),
    ...(title.trim() === '' ? (['title'] as const) : []),
    ...(type === undefined ? (['type'] as const) : []),
  ];
  return (
    <section ref={sectionRef} className="panel documents-deposit" aria-labelledby="documents-deposit-title">
      <h2 id="documents-deposit-title">{t('documents.deposit.title')}</h2>
      {replaces === undefined ? null : (
        <div className="documents-replacing" role="note">
          <p>
            <strong>{t('documents.actions.replacing', { title: replaces.title ?? t('documents.untitled') })}</strong>
          </p>
          <p>{t('documents.actions.replaceHint')}</p>
          {keptHidden.length === 0 ? null : (
            <p>
              {t('documents.actions.keepsHidden', {
                markers: keptHidden.map((code) => t(`documents.actions.markers.${code}`)).join(', '),
              })}
            </p>
          )}
          {props.onCancelReplace === undefined ? null : (
            <Button className="documents-button" onPress={props.onCancelReplace} isDisabled={step.state === 'sending'}>
              {t('documents.actions.cancelReplace')}
            </Button>
          )}
        </div>
      )}
      <Form className="identity-form" onSubmit={preview}>
        <DropZone
          className="identity-field documents-dropzone"
          aria-label={t('documents.deposit.dropLabel')}
          getDropOperation={(types) => (types.has('application/pdf') ? 'copy' : 'cancel')}
          onDrop={(event) => void firstFile(event.items).then(choose)}
        >
          <label htmlFor="documents-deposit-file">{t('documents.deposit.file')}</label>
          <input
            key={fileInputKey}
            id="documents-deposit-file"
            type="file"
            accept="application/pdf,.pdf"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
          <Text slot="label" className="documents-dropzone__hint">
            {t('documents.deposit.dropHint')}
          </Text>
          {file === undefined ? null : (
            <p className="documents-dropzone__chosen" role="status">
              {t('documents.deposit.chosen', { name: file.name, kb: Math.ceil(file.size / 1024) })}
            </p>
          )}
          {fileProblem === undefined ? null : (
            <p className="notice notice--error" role="alert">
              {t(`documents.deposit.${fileProblem}`, { max: MAX_PDF_BYTES / (1024 * 1024) })}
            </p>
          )}
        </DropZone>
        <TextField className="identity-field" value={title} onChange={setTitle} isRequired maxLength={200}>
          <Label>{t('documents.deposit.docTitle')}</Label>
          <Input autoComplete="off" />
        </TextField>
        <DepositTypePicker types={offered.types} value={type?.code ?? ''} onChange={setTypeCode} />
        {offered.error === undefined ? null : <ErrorNotice error={offered.error} />}
        <Checkbox className="radio identity-checkbox" isSelected={masked} onChange={setMasked}>
          {t('documents.deposit.masked')}
        </Checkbox>
        {HIDING_CODES.map((code) => (
          <Checkbox
            key={code}
            className="radio identity-checkbox"
            isSelected={hiding.includes(code)}
            // What the replaced version hid stays hidden (the note above says so).
            isDisabled={keptHidden.includes(code)}
            onChange={(selected) =>
              setHidden((current) => (selected ? [...current, code] : current.filter((c) => c !== code)))
            }
          >
            {t(`documents.deposit.hide.${code}`)}
          </Checkbox>
        ))}
        <Button type="submit" className="documents-button" isDisabled={missing.length > 0}>
          {t('documents.deposit.preview')}
        </Button>
        {missing.length === 0 ? null : (
          // A grey button always says what it waits for.
          <p className="identity-hint" data-testid="deposit-missing">
            {t('documents.deposit.missing', {
              list: missing.map((part) => t(`documents.deposit.missingPart.${part}`)).join(', '),
            })}
          </p>
        )}
      </Form>
      {step.state === 'preview' || step.state === 'sending' ? (
        <div className="documents-preview" role="group" aria-labelledby="documents-preview-title">
          <h3 id="documents-preview-title">{t('documents.deposit.previewTitle')}</h3>
          <dl>
            <dt>{t('documents.deposit.docTitle')}</dt>
            <dd>{title.trim()}</dd>
            <dt>{t('documents.deposit.type')}</dt>
            <dd>
              {type?.displayName} ({type?.code})
            </dd>
            <dt>{t('documents.deposit.patient')}</dt>
            <dd>{patientDisplayName(patient)}</dd>
            <dt>{t('documents.deposit.file')}</dt>
            <dd>
              {file?.name} ({t('documents.deposit.size', { kb: Math.ceil((file?.size ?? 0) / 1024) })})
            </dd>
            {replaces === undefined ? null : (
              <>
                <dt>{t('documents.actions.replace.label')}</dt>
                <dd>{replaces.title ?? t('documents.untitled')}</dd>
              </>
            )}
            <dt>{t('documents.deposit.visibility')}</dt>
            <dd>{masked ? t('documents.deposit.maskedYes') : t('documents.deposit.maskedNo')}</dd>
            {hiding.map((code) => (
              <dd key={code}>{t(`documents.actions.markers.${code}`)}</dd>
            ))}
          </dl>
          <Button
            className="documents-button documents-button--primary"
            onPress={() => void confirm()}
            isDisabled={step.state === 'sending'}
          >
            {t('documents.deposit.confirm')}
          </Button>
          <Button
            className="documents-button"
            onPress={() => setStep({ state: 'editing' })}
            isDisabled={step.state === 'sending'}
          >
            {t('documents.deposit.back')}
          </Button>
        </div>
      ) : null}
      {step.state === 'sending' ? <p role="status">{t('documents.deposit.sending')}</p> : null}
      {step.state === 'done' ? (
        // Kept in the outbox either way: "queued" is not an error, the outbox in the header follows it.
        <div role="status" className="documents-deposit__outcome" data-outcome={step.outcome}>
          <p>{t(step.outcome === 'sent' ? 'documents.deposit.done' : 'documents.deposit.queued')}</p>
          {step.outcome === 'queued' ? <p>{t('documents.deposit.queuedHint')}</p> : null}
        </div>
      ) : null}
      {step.state === 'failed' ? <ErrorNotice error={step.error} /> : null}
    </section>
  );
}

/** The first file among dropped items (the zone accepts PDFs only; the file is checked again anyway). */
async function firstFile(items: readonly DropItem[]): Promise<File | undefined> {
  const item = items.find(isFileDropItem);
  return item === undefined ? undefined : item.getFile();
}
