// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { configProblem } from '../../../main/config/problems';
import { ConfigurationProblems } from '../../../renderer/src/features/configuration/ConfigurationProblems';
import { ConfigurationSection } from '../../../renderer/src/features/configuration/ConfigurationSection';
import { createI18n } from '../../../renderer/src/i18n';
import type { ConfigurationReport } from '../../../shared/api';
import { inProcessClient } from '../../support/in-process-client';
import { renderWithDesk } from '../../support/render-with-desk';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
afterEach(cleanup);

const INVALID: ConfigurationReport = {
  state: 'invalid',
  source: { kind: 'flag', path: '/etc/dmp-desk/desk.json', overrides: [] },
  problems: [
    configProblem('CONFIG_FIELD_INVALID', 'dmp.url', { messageKey: 'config.problems.httpsUrl' }),
    configProblem('CONFIG_SECRET_MISSING', 'authentication.tlsCertificate.passwordSecret', {
      params: { name: 'AUTH_P12' },
    }),
    configProblem('CERT_EXPIRED', 'authentication.signatureCertificate.pkcs12', { params: { date: '2026-11-30' } }),
    configProblem('CONFIG_NOT_FOUND', '', { params: { file: '/etc/dmp-desk/config.json' } }),
  ],
  summary: { timeouts: {} },
  certificates: [],
};

const OK: ConfigurationReport = {
  state: 'ok',
  source: { kind: 'env', path: '/srv/desk.json', overrides: ['DMP_DESK_DMP_URL'] },
  problems: [],
  summary: {
    dmpUrl: 'https://dmp.example.test',
    insiUrl: 'https://insi.example.test',
    structure: { finess: '10B0127189', name: 'CENTRE TEST', activitySector: 'SA07', vihfStructureId: '110B0127189' },
    authMode: 'establishment',
    homologationId: 'HOMOLOG-42',
    proxyHost: 'proxy.clinic.test:3128',
    timeouts: { dmpMs: 20_000 },
    logLevel: 'warn',
  },
  certificates: [
    {
      role: 'tls',
      subject: 'CN=ORG-AUTH_CLI, O=CENTRE TEST',
      notAfter: '2027-01-20T00:00:00.000Z',
      daysLeft: 45,
      warning: true,
      expired: false,
    },
    {
      role: 'signature',
      subject: 'CN=ORG-SIGN, O=CENTRE TEST',
      notAfter: '2028-06-01T00:00:00.000Z',
      daysLeft: 544,
      warning: false,
      expired: false,
    },
  ],
};

async function problemsIn(language: 'fr' | 'en'): Promise<string[]> {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigurationProblems report={INVALID} />
    </I18nextProvider>,
  );
  const list = screen.getByRole('list');
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

describe('configuration problems screen', () => {
  it('lists each problem with its field and a sentence in French', async () => {
    const items = await problemsIn('fr');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('La configuration de ce poste est à corriger');
    expect(items).toHaveLength(4);
    expect(items[0]).toContain('dmp.url');
    expect(items[0]).toContain('Une adresse https:// complète est attendue.');
    expect(items[1]).toContain('Enregistrez-le avec --set-secret AUTH_P12');
    expect(items[2]).toContain('Ce certificat a expiré le 2026-11-30');
    expect(items[3]).toMatch(
      /^Fichier Aucun fichier de configuration à l'emplacement attendu : \/etc\/dmp-desk\/config\.json\./,
    );
    for (const item of items) expect(item).not.toMatch(/\{\{|config\.problems\.|errors\./);
  });

  it('and in English', async () => {
    const items = await problemsIn('en');
    expect(items[0]).toContain('A complete https:// address is expected.');
    expect(items[1]).toContain('Set it with --set-secret AUTH_P12');
    expect(items[3]).toContain('No configuration file where expected');
  });
});

describe('Settings: configuration in force', () => {
  it('shows the summary and warns about a certificate ending within 60 days', async () => {
    const services = createTestServices(await tempDir(), { mode: 'production', configuration: OK });
    await renderWithDesk(inProcessClient(services), <ConfigurationSection />);
    const section = await screen.findByRole('region', { name: 'Configuration en vigueur' });
    const text = section.textContent ?? '';
    for (const expected of [
      'variable DMP_DESK_CONFIG : /srv/desk.json',
      'DMP_DESK_DMP_URL',
      'https://dmp.example.test',
      'https://insi.example.test',
      'CENTRE TEST · secteur SA07 · identifiant VIHF 110B0127189',
      "certificat d'établissement (mode AIR)",
      'proxy.clinic.test:3128',
      'DMP 20 s · INSi par défaut',
      'CN=ORG-AUTH_CLI, O=CENTRE TEST',
    ]) {
      expect(text).toContain(expected);
    }
    const alerts = within(section).getAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent)).toEqual([
      'Expire bientôt : le 20/01/2027, dans 45 jours. Demandez son renouvellement.',
    ]);
    expect(text).toContain('Expire le 01/06/2028 (544 jours)');
  });

  it('answers app.configuration through the router: training without a report, "not loaded" in production', async () => {
    const training = inProcessClient(createTestServices(await tempDir(), { mode: 'training' }));
    const production = inProcessClient(createTestServices(await tempDir(), { mode: 'production' }));
    const a = await training.app.configuration({});
    const b = await production.app.configuration({});
    expect(a.ok && a.value.state).toBe('training');
    expect(b.ok && b.value.state).toBe('invalid');
    expect(b.ok && b.value.problems.map((p) => p.code)).toEqual(['CONFIG_NOT_LOADED']);
  });
});
