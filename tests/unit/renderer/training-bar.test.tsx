// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainingDesk } from '../../../main/training/training-desk';
import type { TrainingScenarioId, TrainingStatus } from '../../../shared/api';
import { ensureCssEscape } from '../../support/css-escape';
import { renderApp } from '../../support/render-app';
import { useTempDir } from '../../support/temp-dir';
import { createTestServices } from '../../support/test-services';

const tempDir = useTempDir();
// react-aria's Select looks its options up with CSS.escape, which jsdom lacks.
ensureCssEscape();
afterEach(cleanup);

/** A training desk that only remembers the lesson it was asked for (the real one is tested in integration). */
function lessonDesk(): { desk: TrainingDesk; calls: string[] } {
  const calls: string[] = [];
  let scenario: TrainingScenarioId | null = null;
  const patients: Record<string, string> = { 'closed-dmp': 'TCHITCHI CATARINA', 'insi-several': 'HOMONYME CAMILLE' };
  const status = (): TrainingStatus => ({
    slots: [{ card: 'cps', reader: 'Lecteur formation 2 (CPS)', inserted: scenario !== null }],
    practitioner: 'ADEMIS TRAL',
    beneficiaries: [],
    scenario: scenario === null ? null : { id: scenario, patient: patients[scenario] ?? '', withVitale: false },
  });
  const desk: TrainingDesk = {
    status,
    insert: () => status(),
    remove: () => status(),
    scenarios: () => [
      { id: 'insi-several', patient: 'HOMONYME CAMILLE', withVitale: false },
      { id: 'closed-dmp', patient: 'TCHITCHI CATARINA', withVitale: true },
    ],
    startScenario: (id) => {
      calls.push(`start ${id}`);
      scenario = id;
      return status();
    },
    resetScenario: () => {
      calls.push('reset');
      return status();
    },
  };
  return { desk, calls };
}

async function renderTrainingApp(desk: TrainingDesk): Promise<void> {
  await renderApp(createTestServices(await tempDir(), { training: desk }));
}

describe('training bar', () => {
  it('starts a picked exercise at the desk, shows its script, and starts it over', async () => {
    const { desk, calls } = lessonDesk();
    await renderTrainingApp(desk);
    // No script in free practice, and no reset to offer.
    expect(screen.queryByRole('region', { name: "Déroulé de l'exercice" })).toBeNull();
    expect(screen.queryByRole('button', { name: "Recommencer l'exercice" })).toBeNull();

    // The trainer was on another screen: the exercise brings the desk back.
    fireEvent.click(screen.getByRole('button', { name: 'Historique' }));
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /Exercice/ }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'DMP fermé' }));
    });

    const script = await screen.findByRole('region', { name: "Déroulé de l'exercice" });
    expect(script.textContent).toContain('Exercice en cours : DMP fermé');
    expect(script.textContent).toContain('Patient : TCHITCHI CATARINA');
    expect(within(script).getAllByRole('listitem')[0]?.textContent).toBe(
      "Choisissez TCHITCHI CATARINA, interrogez l'INSi et vérifiez la pièce d'identité.",
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accueil du patient');
    expect(screen.getByRole('button', { name: 'Retirer la carte CPS' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: "Recommencer l'exercice" }));
    await waitFor(() => expect(calls).toEqual(['start closed-dmp', 'reset']));
  });

  it('says when the patient came without a carte Vitale', async () => {
    const { desk } = lessonDesk();
    desk.startScenario('insi-several');
    await renderTrainingApp(desk);
    const script = await screen.findByRole('region', { name: "Déroulé de l'exercice" });
    expect(script.textContent).toContain('Patient venu sans carte Vitale');
    expect(screen.getByText('CPS : ADEMIS TRAL (code 1234) · pas de carte Vitale')).toBeTruthy();
    expect(within(script).getAllByRole('listitem')).toHaveLength(3);
  });
});
