// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { DayField } from '../../../renderer/src/components/DayField';
import { createI18n } from '../../../renderer/src/i18n';

afterEach(cleanup);

/** A caller as the screens are: it keeps the ISO day and records what the field gave it. */
function Range(props: { readonly given: (string | undefined)[]; readonly from?: string }): ReactNode {
  const [from, setFrom] = useState<string | undefined>(props.from);
  const [to, setTo] = useState<string | undefined>();
  return (
    <>
      <DayField id="from" label="Créés à partir du" value={from} rangeEnd={to} onChange={setFrom} />
      <DayField
        id="to"
        label="Créés jusqu'au"
        value={to}
        rangeStart={from}
        onChange={(iso) => {
          props.given.push(iso);
          setTo(iso);
        }}
      />
      <button type="button" onClick={() => setFrom(undefined)}>
        reset
      </button>
    </>
  );
}

async function renderRange(language: 'fr' | 'en' = 'fr', from?: string) {
  const given: (string | undefined)[] = [];
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <Range given={given} {...(from === undefined ? {} : { from })} />
    </I18nextProvider>,
  );
  return given;
}

const field = (name: RegExp): HTMLInputElement => screen.getByRole<HTMLInputElement>('textbox', { name });
const typeIn = (input: HTMLInputElement, text: string): void => {
  fireEvent.change(input, { target: { value: text } });
};

describe('day field', () => {
  it('states the format in the label and reads the day only when the user leaves the field', async () => {
    const given = await renderRange();
    const to = field(/^Créés jusqu'au \(JJ\/MM\/AAAA\)$/);
    typeIn(to, '14/07');
    expect(given).toEqual([]);
    expect(to.getAttribute('aria-invalid')).toBeNull();
    typeIn(to, '14/07/2009');
    fireEvent.blur(to);
    expect(given).toEqual(['2009-07-14']);
    expect(to.value).toBe('14/07/2009');
  });

  it('reads it on Enter too, shows eight digits or ISO as JJ/MM/AAAA, and gives nothing for an empty field', async () => {
    const given = await renderRange();
    const to = field(/^Créés jusqu'au/);
    typeIn(to, '14072009');
    fireEvent.keyDown(to, { key: 'Enter' });
    expect(to.value).toBe('14/07/2009');
    typeIn(to, '2009-07-15');
    fireEvent.keyDown(to, { key: 'Enter' });
    expect(to.value).toBe('15/07/2009');
    typeIn(to, '');
    fireEvent.blur(to);
    expect(given).toEqual(['2009-07-14', '2009-07-15', undefined]);
  });

  it('says what is wrong in words next to the field, and gives no day', async () => {
    const given = await renderRange();
    const to = field(/^Créés jusqu'au/);
    typeIn(to, '14/07/2009');
    fireEvent.blur(to);
    typeIn(to, '31/06/2009');
    fireEvent.blur(to);
    expect(to.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText("Ce jour n'existe pas dans ce mois. Cette date n'est pas prise en compte.");
    expect(to.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    // The text stays as typed, to be corrected; the bound is dropped rather than kept out of sight.
    expect(to.value).toBe('31/06/2009');
    expect(given).toEqual(['2009-07-14', undefined]);
    // Typing again clears the message at once.
    typeIn(to, '30/06/2009');
    expect(screen.queryByText(/Ce jour n'existe pas/)).toBeNull();

    typeIn(to, 'juillet');
    fireEvent.blur(to);
    expect(
      screen.getByText(
        "Saisissez la date en JJ/MM/AAAA, par exemple 14/07/2009. Cette date n'est pas prise en compte.",
      ),
    ).toBeTruthy();
  });

  it('says an end before the start in words, on both ends, and clears it when the range is right', async () => {
    await renderRange('fr', '2026-02-10');
    const to = field(/^Créés jusqu'au/);
    const from = field(/^Créés à partir du/);
    expect(from.value).toBe('10/02/2026');
    typeIn(to, '01/02/2026');
    fireEvent.blur(to);
    expect(screen.getByText('Cette date est avant la date de début, le 10/02/2026.')).toBeTruthy();
    expect(screen.getByText('Cette date est après la date de fin, le 01/02/2026.')).toBeTruthy();
    expect(from.getAttribute('aria-invalid')).toBe('true');
    typeIn(from, '01/02/2026');
    fireEvent.blur(from);
    expect(screen.queryByText(/date de début|date de fin/)).toBeNull();
    expect(to.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the day its caller sets (a reset)', async () => {
    await renderRange('fr', '2026-02-10');
    const from = field(/^Créés à partir du/);
    typeIn(from, '32/01/2026');
    fireEvent.blur(from);
    expect(from.value).toBe('32/01/2026');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'reset' }));
    });
    // Already undefined after the bad day: the text stays to be corrected.
    expect(from.value).toBe('32/01/2026');
    typeIn(from, '01/01/2026');
    fireEvent.blur(from);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'reset' }));
    });
    expect(from.value).toBe('');
  });

  it('speaks English on an English screen, still day first', async () => {
    const given = await renderRange('en');
    const to = field(/^Créés jusqu'au \(DD\/MM\/YYYY\)$/);
    expect(to.placeholder).toBe('DD/MM/YYYY');
    typeIn(to, '03/04/2026');
    fireEvent.blur(to);
    expect(given).toEqual(['2026-04-03']);
    typeIn(to, '04/13/2026');
    fireEvent.blur(to);
    expect(screen.getByText('The month runs from 01 to 12. This date is not taken into account.')).toBeTruthy();
  });
});
