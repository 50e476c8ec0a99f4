// @vitest-environment jsdom
import { join } from 'node:path';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuditTrail } from '../../../main/audit/trail';
import { createStoreAuditVault } from '../../../main/audit/vault';
import { silentLogger } from '../../../main/log/logger';
import {
  IndicatorsSection,
  defaultRange,
  exportFileName,
} from '../../../renderer/src/features/settings/IndicatorsSection';
import { inProcessClient } from '../../support/in-process-client';
import { renderWithDesk } from '../../support/render-with-desk';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const DOCTOR = '810001234567';

/** Types a day in the field and leaves it, as the user does. */
function type(label: 'Du' | 'Au', text: string): void {
  const field = screen.getByLabelText(`${label} (JJ/MM/AAAA)`);
  fireEvent.change(field, { target: { value: text } });
  fireEvent.blur(field);
}
const NIRS = ['207058575627097', '297022A02077878'];

/** A desk whose journal holds two DMPs consulted and one fed by DOCTOR on 18 Nov 2026. */
async function deskWithActivity() {
  const dir = await tempDir();
  const services = createTestServices(dir, { mode: 'training' });
  const trail = createAuditTrail({
    dir: join(dir, 'audit'),
    logger: silentLogger,
    vault: createStoreAuditVault(services.store),
    now: () => new Date('2026-11-18T12:00:00.000Z'),
  });
  for (const matricule of NIRS) {
    const request = { patient: { matricule, oid: '1.2.250.1.213.1.4.8' } };
    await trail.record({ transaction: 'TD3.1', accessMode: 'normal', professional: DOCTOR, request });
  }
  await trail.record({
    transaction: 'TD2.1',
    accessMode: 'normal',
    professional: DOCTOR,
    request: { patient: { matricule: NIRS[0], oid: '1.2.250.1.213.1.4.8' } },
  });
  await renderWithDesk(inProcessClient(services), <IndicatorsSection today={new Date(2026, 10, 20)} />);
  return services;
}

describe('Settings: activity indicators', () => {
  it('starts on the current month and shows, per professional, the DMPs consulted, fed and created', async () => {
    await deskWithActivity();
    expect(screen.getByLabelText<HTMLInputElement>('Du (JJ/MM/AAAA)').value).toBe('01/11/2026');
    expect(screen.getByLabelText<HTMLInputElement>('Au (JJ/MM/AAAA)').value).toBe('20/11/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher les indicateurs' }));
    const table = await screen.findByRole('table');
    const cells = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));
    expect(cells.slice(1)).toEqual([['2026-11', DOCTOR, '2', '1', '0']]);
  });

  it('groups by the period the user picks and exports the rows as CSV, with no patient in it', async () => {
    await deskWithActivity();
    let exported: Blob | undefined;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      exported = blob;
      return 'blob:indicators';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('dmp-indicators_2026-11-01_2026-11-20_week.csv');
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Semaine' }));
    fireEvent.click(screen.getByRole('button', { name: 'Afficher les indicateurs' }));
    expect(await screen.findByRole('rowheader', { name: '2026-W47' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    expect(click).toHaveBeenCalledOnce();
    const csv = await exported?.text();
    expect(csv).toBe(
      'period,professional_id,dmps_consulted,dmps_fed,dmps_created\r\n' + `2026-W47,${DOCTOR},2,1,0\r\n`,
    );
    for (const nir of NIRS) expect(csv).not.toContain(nir);
  });

  it('says when nothing was done in the range, and cannot ask for a range that ends before it starts', async () => {
    await deskWithActivity();
    type('Du', '19/11/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher les indicateurs' }));
    expect(await screen.findByText(/Aucun DMP n'a été consulté/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Exporter en CSV' }).hasAttribute('disabled')).toBe(true);
    type('Au', '10/11/2026');
    expect(screen.getByRole('button', { name: 'Afficher les indicateurs' }).hasAttribute('disabled')).toBe(true);
    // In words, next to the end: both ends are given, the end is before the start.
    const end = screen.getByLabelText('Au (JJ/MM/AAAA)');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText('Cette date est avant la date de début, le 19/11/2026.');
    expect(end.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
  });

  it('takes the period as typed in French, and says in words a day that does not exist', async () => {
    await deskWithActivity();
    type('Du', '18112026');
    expect(screen.getByLabelText<HTMLInputElement>('Du (JJ/MM/AAAA)').value).toBe('18/11/2026');
    type('Au', '31/11/2026');
    expect(screen.getByText("Ce jour n'existe pas dans ce mois. Cette date n'est pas prise en compte.")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Afficher les indicateurs' }).hasAttribute('disabled')).toBe(true);
    type('Au', '2026-11-18');
    expect(screen.queryByText(/Ce jour n'existe pas/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Afficher les indicateurs' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: '2026-11' })).toBeTruthy();
  });

  it('names its file after the range and period; the default range is the month so far', () => {
    expect(exportFileName('2026-11-01', '2026-11-30', 'day')).toBe('dmp-indicators_2026-11-01_2026-11-30_day.csv');
    expect(defaultRange(new Date(2027, 0, 1))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });
});
