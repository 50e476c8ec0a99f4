import type { ReactNode, Ref } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** The CPS PIN field: four digits, masked, never autofilled; anything but digits is dropped as typed. */
export function PinField({
  value,
  onChange,
  className,
  ref,
}: {
  readonly value: string;
  readonly onChange: (pin: string) => void;
  readonly className?: string;
  readonly ref?: Ref<HTMLInputElement>;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <TextField
      {...(className === undefined ? {} : { className })}
      value={value}
      onChange={(typed) => onChange(typed.replace(/\D/g, '').slice(0, 4))}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={4}
    >
      <Label>{t('cards.pinDialog.label')}</Label>
      <Input ref={ref} className="dmp-input" />
    </TextField>
  );
}
