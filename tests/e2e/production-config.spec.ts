import { readFile, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startVirtualCards } from '../support/cards-process';
import { startSim, type RunningSim } from '../support/sim-process';
import { removeDir, startHarness } from './support/harness';
import { dmpPanel, navigateTo, region } from './support/flows';

/**
 * A production desk with nothing but a configuration file: `npm run sim` writes the file, the
 * PKCS#12 of the establishment and its password; the harness starts in production mode with
 * `--config`, the password through DMP_DESK_SECRET_<NAME> as the README tells IT to do.
 */

let sim: RunningSim;
let simDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  simDir = await mkdtemp(join(tmpdir(), 'dmp-desk-e2e-sim-'));
  sim = await startSim(simDir);
});

test.afterAll(async () => {
  await sim.stop();
  await removeDir(simDir);
});

test('production mode with --config: Settings shows the configuration, the INSi and the DMP answer with the establishment certificate', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const password = (await readFile(join(simDir, 'clients', 'establishment.p12.password'), 'utf8')).trim();
  const harness = await startHarness({
    mode: 'production',
    args: ['--config', sim.deskConfig],
    env: { DMP_DESK_SECRET_SIM_ESTABLISHMENT_P12: password },
  });
  try {
    await page.goto(harness.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    const config = JSON.parse(await readFile(sim.deskConfig, 'utf8')) as {
      insi: { url: string };
      dmp: { url: string };
    };

    await navigateTo(page, 'Paramètres');
    const section = region(page, 'Configuration en vigueur');
    await expect(section.getByText(`option --config : ${sim.deskConfig}`)).toBeVisible();
    await expect(section.getByText(config.insi.url, { exact: true })).toBeVisible();
    await expect(section.getByText(config.dmp.url, { exact: true })).toBeVisible();
    await expect(section.getByText("certificat d'établissement (mode AIR)")).toBeVisible();
    await expect(section.getByText(/CENTRE DE SANTE RPPS12718 · secteur SA07/)).toBeVisible();
    await expect(section.getByText('Authentification (ORG-AUTH_CLI)')).toBeVisible();
    await expect(section.getByText(/^Expire le .* \(7\d\d jours\)$/).first()).toBeVisible();
    // No secret on screen: neither the password nor the secret's name.
    await expect(page.getByText(password)).toHaveCount(0);
    await expect(page.getByText('SIM_ESTABLISHMENT_P12')).toHaveCount(0);

    // A patient without a card: typed traits, then the INSi over mutual TLS with the file's certificate.
    await navigateTo(page, 'Accueil');
    const identity = region(page, 'Identité du patient');
    await identity.getByRole('button', { name: "Saisir l'identité sans carte" }).click();
    await identity.getByLabel('Nom de naissance').fill('ADRTROIS');
    await identity.getByLabel(/Prénoms de naissance/).fill('DOMINIQUE');
    await identity.getByText('Féminin', { exact: true }).click();
    await identity.getByLabel(/Date de naissance/).fill('26/02/1997');
    await identity.getByLabel(/Lieu de naissance/).fill('2A020');
    await identity.getByRole('button', { name: 'Enregistrer les traits' }).click();
    await identity.getByRole('button', { name: "Interroger l'INSi avec les traits saisis" }).click();
    await expect(identity.getByText('INS retrouvé')).toBeVisible({ timeout: 20_000 });
    await expect(identity.getByText(/297022A020778/)).toBeVisible();

    // The identity document seen at the desk qualifies the INS; the DMP is then asked over the
    // file's endpoint, the VIHF signed by the establishment certificate (AIR mode: no CPS here).
    await identity.getByText("Carte nationale d'identité", { exact: true }).click();
    await identity.getByRole('button', { name: /J'ai vérifié cette pièce/ }).click();
    await expect(identity.getByText('QUAL · Qualifiée')).toBeVisible();
    // AIR: the establishment signs, the professional is who the CPS in the reader says, PIN checked
    // once. No training buttons here: the card is in a real PC/SC reader (pcscd + vpcd).
    await expect(page.getByRole('button', { name: 'Insérer la carte CPS' })).toHaveCount(0);
    const dmp = dmpPanel(page);
    await expect(dmp.getByRole('alert')).toHaveAttribute('data-error-code', 'SESSION_PRACTITIONER_REQUIRED', {
      timeout: 20_000,
    });
    const cards = await startVirtualCards(join(simDir, 'cards-pki'));
    try {
      await page.getByRole('button', { name: 'Saisir le code porteur' }).click({ timeout: 30_000 });
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill('1234');
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await expect(dialog).toBeHidden({ timeout: 15_000 });
      await dmp.getByRole('button', { name: 'Vérifier à nouveau' }).click();
      await expect(dmp.getByRole('status')).toHaveText('Ce patient a un DMP.', { timeout: 20_000 });
      await page.screenshot({ path: 'test-results/production-config-dmp.png', fullPage: true });

      // The card pulled: the session ends at once, the next DMP call is refused.
      await cards.toggle('cps');
      const readers = page.getByRole('list', { name: 'Lecteurs de cartes' });
      await expect(readers.getByRole('listitem').filter({ hasText: 'Lecteur vide' })).toHaveCount(1, {
        timeout: 15_000,
      });
      // The desk locks on screen, and the DMP panel's own check behind the lock is refused.
      const lock = page.getByRole('alertdialog', { name: 'Session verrouillée : la carte CPS a été retirée' });
      await expect(lock).toContainText('réinsérez la carte CPS');
      await expect(dmp.getByRole('alert')).toHaveAttribute('data-error-code', 'SESSION_PRACTITIONER_REQUIRED', {
        timeout: 20_000,
      });
    } finally {
      await cards.stop();
    }
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
  }
});

test('an invalid configuration file opens the problems screen, each problem in words', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-e2e-badconfig-'));
  const file = join(dir, 'config.json');
  const config = JSON.parse(await readFile(sim.deskConfig, 'utf8')) as Record<string, unknown>;
  await writeFile(
    file,
    JSON.stringify({
      ...config,
      dmp: { url: 'http://dmp.example.test' },
      structure: { ...(config['structure'] as object), activitySector: 'SECTEUR' },
      trustAnchors: { caFile: join(simDir, 'ca.pem') },
      logLevel: 'bavard',
      colour: 'blue',
    }),
  );
  const harness = await startHarness({ mode: 'production', args: ['--config', file] });
  try {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('La configuration de ce poste est à corriger');
    const list = page.getByRole('list', { name: 'Problèmes de configuration' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await expect(list.getByRole('listitem').filter({ hasText: 'dmp.url' })).toContainText(
      'Une adresse https:// complète est attendue.',
    );
    await expect(list.getByRole('listitem').filter({ hasText: 'structure.activitySector' })).toContainText(
      "Un code de secteur d'activité TRE_R02 est attendu (ex. SA07).",
    );
    await expect(list.getByRole('listitem').filter({ hasText: 'logLevel' })).toContainText(
      'Le niveau de journal est debug, info, warn ou error.',
    );
    await expect(list.getByRole('listitem').filter({ hasText: 'colour' })).toContainText(
      "Ce champ n'existe pas dans la configuration (faute de frappe ?).",
    );
    await expect(page.getByText(`Fichier lu : ${file}`)).toBeVisible();
    // Not the desk: no navigation to a screen that could not work.
    await expect(page.getByRole('navigation')).toHaveCount(0);
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
    await removeDir(dir);
  }
});
