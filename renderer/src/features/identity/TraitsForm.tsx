import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, FieldError, Form, Input, Label, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { IdentityTraits } from '../../../../shared/domain/identity';
import { birthDateForField, parseTypedBirthDate, type TypedBirthDate } from './birth-date';

interface Draft {
  birthName: string;
  firstNames: string;
  sex: '' | 'M' | 'F';
  birthDate: string;
  birthPlace: string;
}

const draftOf = (traits: IdentityTraits | undefined): Draft => ({
  birthName: traits?.birthName ?? '',
  firstNames: traits?.firstNames.join(' ') ?? '',
  sex: traits?.sex ?? '',
  birthDate: traits === undefined ? '' : birthDateForField(traits.birthDate),
  birthPlace: traits?.birthPlace ?? '',
});

/** Traits copied from the identity document; names are kept as typed (hyphens, apostrophes) and normalised in main. */
export function TraitsForm(props: {
  initial: IdentityTraits | undefined;
  busy: boolean;
  onSubmit: (traits: IdentityTraits) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.initial));
  const set = (patch: Partial<Draft>): void => setDraft((current) => ({ ...current, ...patch }));
  // Said next to the field once the user leaves it or submits, never while typing.
  const [dateProblem, setDateProblem] = useState<string | undefined>();
  const checkDate = (): TypedBirthDate => {
    const parsed = parseTypedBirthDate(draft.birthDate);
    setDateProblem(parsed.ok || draft.birthDate.trim() === '' ? undefined : parsed.problem);
    return parsed;
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const birthDate = checkDate();
    if (!birthDate.ok) return;
    props.onSubmit({
      birthName: draft.birthName,
      firstNames: draft.firstNames.split(' ').filter((name) => name !== ''),
      ...(draft.sex === '' ? {} : { sex: draft.sex }),
      birthDate: birthDate.iso,
      ...(draft.birthPlace.trim() === '' ? {} : { birthPlace: draft.birthPlace.trim() }),
    });
  };

  return (
    <section aria-labelledby="identity-traits" className="identity-section">
      <h2 id="identity-traits">{t('identity.traits.heading')}</h2>
      <p className="identity-hint">{t('identity.traits.hint')}</p>
      <Form className="identity-form" onSubmit={submit}>
        <TextField
          className="identity-field"
          value={draft.birthName}
          onChange={(v) => set({ birthName: v })}
          isRequired
        >
          <Label>{t('identity.traits.birthName')}</Label>
          <Input autoComplete="off" />
        </TextField>
        <TextField
          className="identity-field"
          value={draft.firstNames}
          onChange={(v) => set({ firstNames: v })}
          isRequired
        >
          <Label>{t('identity.traits.firstNames')}</Label>
          <Input autoComplete="off" />
        </TextField>
        <RadioGroup
          className="identity-field"
          orientation="horizontal"
          value={draft.sex === '' ? null : draft.sex}
          onChange={(v) => set({ sex: v === 'M' || v === 'F' ? v : '' })}
        >
          <Label>{t('identity.traits.sex')}</Label>
          <div className="radio-row">
            <Radio value="F" className="radio">
              {t('identity.traits.sexF')}
            </Radio>
            <Radio value="M" className="radio">
              {t('identity.traits.sexM')}
            </Radio>
          </div>
        </RadioGroup>
        <TextField
          className="identity-field"
          value={draft.birthDate}
          onChange={(v) => {
            set({ birthDate: v });
            setDateProblem(undefined);
          }}
          onBlur={() => void checkDate()}
          isRequired
          isInvalid={dateProblem !== undefined}
        >
          <Label>{t('identity.traits.birthDate')}</Label>
          <Input autoComplete="off" inputMode="numeric" placeholder={t('identity.traits.birthDatePlaceholder')} />
          <FieldError className="field-error">
            {dateProblem === undefined ? null : t(`identity.traits.birthDateProblem.${dateProblem}`)}
          </FieldError>
        </TextField>
        <TextField className="identity-field" value={draft.birthPlace} onChange={(v) => set({ birthPlace: v })}>
          <Label>{t('identity.traits.birthPlace')}</Label>
          <Input autoComplete="off" maxLength={5} />
        </TextField>
        <Button type="submit" className="identity-button" isDisabled={props.busy}>
          {t('identity.traits.save')}
        </Button>
      </Form>
    </section>
  );
}
