import { useState, type ReactNode } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { dayForField, parseTypedDay, type DayProblem } from './typed-day';

type Problem = DayProblem | 'beforeStart' | 'afterEnd';

/**
 * A day typed as French users type it (JJ/MM/AAAA, see `parseTypedDay`), in place of a native
 * `<input type="date">`, whose format follows the browser's locale rather than the app's language
 * and which says nothing in words. The label states the format in the screen's language.
 *
 * Value in and out: `AAAA-MM-JJ`, or undefined for no day. The text is read when the user leaves
 * the field or presses Enter, never while typing; what is wrong is said in words under the field
 * (react-aria ties it with aria-describedby and sets aria-invalid). A text that is not a day gives
 * undefined, so a filter or period never uses a day the field does not show.
 *
 * `rangeStart` / `rangeEnd`: the other end of a range (the native min / max). A day outside it is
 * still given to the caller, and the field says in words that the range is upside down.
 */
export function DayField(props: {
  readonly id?: string;
  readonly label: string;
  readonly value: string | undefined;
  readonly onChange: (iso: string | undefined) => void;
  readonly rangeStart?: string | undefined;
  readonly rangeEnd?: string | undefined;
}): ReactNode {
  const { t } = useTranslation();
  const shown = props.value === undefined ? '' : dayForField(props.value);
  const [text, setText] = useState(shown);
  const [typed, setTyped] = useState<DayProblem | undefined>();
  // The caller may change the day (a reset, another patient): the field then shows it.
  const [known, setKnown] = useState(props.value);
  if (props.value !== known) {
    setKnown(props.value);
    setText(shown);
    setTyped(undefined);
  }

  const give = (iso: string | undefined): void => {
    setKnown(iso);
    if (iso !== props.value) props.onChange(iso);
  };
  const read = (): void => {
    if (text.trim() === '') {
      setTyped(undefined);
      give(undefined);
      return;
    }
    const parsed = parseTypedDay(text);
    setTyped(parsed.ok ? undefined : parsed.problem);
    if (parsed.ok) setText(dayForField(parsed.iso));
    give(parsed.ok ? parsed.iso : undefined);
  };

  const { rangeStart, rangeEnd, value } = props;
  const settled = typed === undefined && value !== undefined && text === shown;
  let problem: Problem | undefined = typed;
  let bound: string | undefined;
  if (settled && rangeStart !== undefined && value < rangeStart) [problem, bound] = ['beforeStart', rangeStart];
  else if (settled && rangeEnd !== undefined && value > rangeEnd) [problem, bound] = ['afterEnd', rangeEnd];

  return (
    <TextField
      className="identity-field day-field"
      {...(props.id === undefined ? {} : { id: props.id })}
      value={text}
      onChange={(next) => {
        setText(next);
        setTyped(undefined);
      }}
      onBlur={read}
      onKeyDown={(event) => {
        if (event.key === 'Enter') read();
        event.continuePropagation();
      }}
      isInvalid={problem !== undefined}
    >
      <Label>
        {props.label} <span className="day-field__format">({t('dayField.format')})</span>
      </Label>
      <Input autoComplete="off" placeholder={t('dayField.format')} />
      <FieldError className="field-error">
        {problem === undefined
          ? null
          : t(`dayField.problem.${problem}`, { date: bound === undefined ? '' : dayForField(bound) })}
        {/* Not a day: the list or period goes on without it, which the user must not miss. */}
        {typed === undefined ? null : ` ${t('dayField.notUsed')}`}
      </FieldError>
    </TextField>
  );
}

/** A from / to range's other end, as its field's `rangeStart` / `rangeEnd`. */
export function otherEnd(
  end: 'from' | 'to',
  range: { readonly from?: string | undefined; readonly to?: string | undefined },
): { readonly rangeStart?: string | undefined; readonly rangeEnd?: string | undefined } {
  return end === 'from' ? { rangeEnd: range.to } : { rangeStart: range.from };
}
