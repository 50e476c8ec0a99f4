// @vitest-environment jsdom
import { readFile } from 'node:fs/promises';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticsSection } from '../../../renderer/src/features/diagnostics/DiagnosticsSection';
import { inProcessClient } from '../../support/in-process-client';
import { renderWithDesk } from '../../support/render-with-desk';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
afterEach(cleanup);

describe('Settings: export diagnostics', () => {
  it('writes the bundle through main and says where, in French', async () => {
    const dir = await tempDir();
    await renderWithDesk(inProcessClient(createTestServices(dir, { mode: 'training' })), <DiagnosticsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le diagnostic' }));
    const status = await screen.findByText(/Diagnostic écrit dans .*dmp-desk-diagnostics-.*\.json/);
    const file = /dans (.*\.json)/.exec(status.textContent ?? '')?.[1] ?? '';
    expect(file.startsWith(dir)).toBe(true);
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { format: string; app: { mode: string } };
    expect(bundle).toMatchObject({ format: 'dmp-desk-diagnostics/1', app: { mode: 'training' } });
  });
});
