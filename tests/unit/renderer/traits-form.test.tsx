// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityTraits } from '../../../shared/domain/identity';
import { TraitsForm } from '../../../renderer/src/features/identity/TraitsForm';
import { createI18n } from '../../../renderer/src/i18n';

afterEach(cleanup);

async function renderForm(initial?: IdentityTraits) {
  const submitted: IdentityTraits[] = [];
  const i18n = await createI18n('fr');
  render(
    <I18nextProvider i18n={i18n}>
      <TraitsForm initial={initial} busy={false} onSubmit={(traits) => submitted.push(traits)} />
    </I18nextProvider>,
  );
  return submitted;
}

const fill = (label: RegExp, value: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};

describe('traits form', () => {
  it('takes the birth date as French desks type it and sends it to main as AAAA-MM-JJ', async () => {
    const submitted = await renderForm();
    fill(/Nom de naissance/, 'ECETINSI');
    fill(/Prénoms de naissance/, 'PIERRE-ALAIN MURIEL');
    fill(/Date de naissance/, '14/07/2009');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les traits' }));
    });
    expect(submitted).toEqual([
      { birthName: 'ECETINSI', firstNames: ['PIERRE-ALAIN', 'MURIEL'], birthDate: '2009-07-14' },
    ]);
  });

  it('says what is wrong next to the field and sends nothing', async () => {
    const submitted = await renderForm();
    fill(/Nom de naissance/, 'ECETINSI');
    fill(/Prénoms de naissance/, 'PIERRE-ALAIN');
    fill(/Date de naissance/, '30/02/2009');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les traits' }));
    });
    expect(submitted).toEqual([]);
    const field = screen.getByLabelText(/Date de naissance/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText("Ce jour n'existe pas dans ce mois.");
    // Tied to the field, so a screen reader reads it with the field.
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);

    // Typing again clears the message at once.
    fill(/Date de naissance/, '28/02/2009');
    expect(screen.queryByText("Ce jour n'existe pas dans ce mois.")).toBeNull();
  });

  it('shows a stored date the way it is typed', async () => {
    await renderForm({ birthName: 'LUNAIRE', firstNames: ['FRANCK'], birthDate: '1938-03-00' });
    expect(screen.getByLabelText<HTMLInputElement>(/Date de naissance/).value).toBe('00/03/1938');
  });
});
