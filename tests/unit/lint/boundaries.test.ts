import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The process boundaries of ARCHITECTURE.md are lint rules; this checks the rules really fire,
 * by linting small probe files placed in each folder with the project's own eslint config.
 */
const root = resolve(import.meta.dirname, '../../..');
const tag = randomBytes(4).toString('hex');

interface Probe {
  readonly file: string;
  readonly source: string;
  readonly rule: string;
}

const probes: Record<string, Probe> = {
  sharedImportsMain: {
    file: `shared/__probe_${tag}.ts`,
    source: "import { createServices } from '../main/services';\nexport const x = createServices;\n",
    rule: 'import-x/no-restricted-paths',
  },
  sharedImportsNode: {
    file: `shared/__probe_node_${tag}.ts`,
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    rule: 'no-restricted-imports',
  },
  rendererImportsMain: {
    file: `renderer/src/__probe_${tag}.ts`,
    source: "import { createRouter } from '../../main/ipc/router';\nexport const x = createRouter;\n",
    rule: 'import-x/no-restricted-paths',
  },
  rendererImportsElectron: {
    file: `renderer/src/__probe_electron_${tag}.ts`,
    source: "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    rule: 'no-restricted-imports',
  },
  preloadImportsRenderer: {
    file: `preload/__probe_${tag}.ts`,
    source: "import { App } from '../renderer/src/app/App';\nexport const x = App;\n",
    rule: 'import-x/no-restricted-paths',
  },
  mainImportsRenderer: {
    file: `main/__probe_${tag}.ts`,
    source: "import { SCREENS } from '../renderer/src/app/screens';\nexport const x = SCREENS;\n",
    rule: 'import-x/no-restricted-paths',
  },
  mainServiceImportsElectron: {
    file: `main/settings/__probe_${tag}.ts`,
    source: "import { app } from 'electron';\nexport const x = app;\n",
    rule: 'no-restricted-imports',
  },
  mainServiceImportsSimulators: {
    file: `main/settings/__probe_sim_${tag}.ts`,
    source: "import { createTestPki } from '../../simulators/pki';\nexport const x = createTestPki;\n",
    rule: 'import-x/no-restricted-paths',
  },
  mainEntryImportsSimulators: {
    file: `main/__probe_sim_${tag}.ts`,
    source: "import { createTestPki } from '../simulators/pki';\nexport const x = createTestPki;\n",
    rule: 'import-x/no-restricted-paths',
  },
  simulatorImportsMain: {
    file: `simulators/__probe_${tag}.ts`,
    source: "import { createLogger } from '../main/log/logger';\nexport const x = createLogger;\n",
    rule: 'import-x/no-restricted-paths',
  },
};

const allowedProbes: readonly Probe[] = [
  {
    file: `main/ipc/electron-__probe_${tag}.ts`,
    source:
      "import { ipcMain } from 'electron';\nimport { API } from '../../shared/api';\nexport const x = [ipcMain, API];\n",
    rule: '',
  },
  {
    file: `main/training/__probe_${tag}.ts`,
    source: "import { createTestPki } from '../../simulators/pki';\nexport const x = createTestPki;\n",
    rule: '',
  },
];

let results: Map<string, string[]>;

beforeAll(async () => {
  const all = [...Object.values(probes), ...allowedProbes];
  for (const probe of all) {
    await mkdir(dirname(join(root, probe.file)), { recursive: true });
    await writeFile(join(root, probe.file), probe.source);
  }
  const eslint = new ESLint({ cwd: root });
  const linted = await eslint.lintFiles(all.map((probe) => probe.file));
  results = new Map(
    linted.map((result) => [
      result.filePath.slice(root.length + 1),
      result.messages.map((message) => message.ruleId ?? message.message),
    ]),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(
    [...Object.values(probes), ...allowedProbes].map((probe) => rm(join(root, probe.file), { force: true })),
  );
});

describe('dependency rules', () => {
  it.each(Object.entries(probes))('%s is a lint error', (_name, probe) => {
    expect(results.get(probe.file)).toContain(probe.rule);
  });

  it.each(allowedProbes.map((probe) => [probe.file, probe]))('allows %s', (_file, probe) => {
    expect(results.get(probe.file)).toEqual([]);
  });
});
