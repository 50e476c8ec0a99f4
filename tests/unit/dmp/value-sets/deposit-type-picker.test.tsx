// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { DepositTypePicker } from '../../../../renderer/src/features/documents/DepositTypePicker';
import { createI18n } from '../../../../renderer/src/i18n';
import type { DepositTypeOffer } from '../../../../shared/api/documents';
import { ensureCssEscape } from '../../../support/css-escape';

/** The deposit form's type choice over what main offers: common types as radios, the others in a list. */
const LOINC = '2.16.840.1.113883.6.1';
const TYPES: DepositTypeOffer[] = [
  { code: '11488-4', codeSystem: LOINC, displayName: 'CR ou fiche de consultation ou de visite', common: true },
  { code: '34133-9', codeSystem: LOINC, displayName: "Synthèse d'épisode de soins", common: true },
  { code: '15507-7', codeSystem: LOINC, displayName: 'CR de passage aux urgences', common: false },
];

ensureCssEscape();
afterEach(cleanup);

async function mount(): Promise<{ chosen: string[] }> {
  const chosen: string[] = [];
  function Harness() {
    const [value, setValue] = useState('11488-4');
    return (
      <DepositTypePicker
        types={TYPES}
        value={value}
        onChange={(code) => {
          chosen.push(code);
          setValue(code);
        }}
      />
    );
  }
  const i18n = await createI18n('fr');
  render(
    <I18nextProvider i18n={i18n}>
      <Harness />
    </I18nextProvider>,
  );
  return { chosen };
}

describe('deposit type picker', () => {
  it('offers the common types as radios, the first one chosen', async () => {
    const { chosen } = await mount();
    const group = screen.getByRole('radiogroup', { name: 'Type de document' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['CR ou fiche de consultation ou de visite', "Synthèse d'épisode de soins"]);
    expect(within(group).getByRole('radio', { name: 'CR ou fiche de consultation ou de visite' })).toHaveProperty(
      'checked',
      true,
    );
    fireEvent.click(within(group).getByRole('radio', { name: "Synthèse d'épisode de soins" }));
    expect(chosen).toEqual(['34133-9']);
  });

  it('offers the other types in a list; choosing one leaves no radio checked', async () => {
    const { chosen } = await mount();
    const trigger = screen.getByRole('button', { name: /Autre type de document/ });
    await act(async () => {
      fireEvent.click(trigger);
    });
    const option = within(await screen.findByRole('listbox')).getByRole('option', {
      name: 'CR de passage aux urgences',
    });
    await act(async () => {
      fireEvent.click(option);
    });
    expect(chosen).toEqual(['15507-7']);
    const group = screen.getByRole('radiogroup', { name: 'Type de document' });
    expect(
      within(group)
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false);
    expect(screen.getByRole('button', { name: /Autre type de document/ }).textContent).toContain(
      'CR de passage aux urgences',
    );
  });
});
