/**
 * `npm run sim`: the national services for training and manual tests, on loopback.
 *   npm run sim                      start the DMP and INSi simulators (state in .sim-data/)
 *   npm run sim -- --help            options
 *   npm run sim -- admin <command>   patient-side actions on the DMP state (see `admin help`)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startInsiSimulator } from '../insi';
import { AdminError, createAdmin } from '../national-dmp/admin';
import { startNationalDmpSimulator } from '../national-dmp';
import { seedStore } from '../national-dmp/seed';
import { SimulatorStore } from '../national-dmp/store/store';
import { createTestPki, type IssuedCredential } from '../pki';
import { ADMIN_HELP, runAdminCommand } from './admin-command';
import { installSimulatorFatalHandlers } from './fatal';
import { FAULT_SPEC_HELP, mergeFaults, UsageError } from './fault-spec';

const fatal = installSimulatorFatalHandlers();

const HELP = `usage: npm run sim -- [options] | admin <command>
  --data <dir>         state and credentials folder (default .sim-data)
  --dmp-port <n>       DMP simulator port (default 4443)
  --insi-port <n>      INSi simulator port (default 4444)
  --no-insi            start the DMP simulator only
  --no-documents       do not seed the training PDF documents
  --refuse-creation    refuse TD1.1 and TD1.2 as production does since 2021
  --fault <spec>       repeatable: ${FAULT_SPEC_HELP}
${ADMIN_HELP}`;

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Demo credentials for a client under test: the doctor of the official examples and one establishment. */
const DEMO_DOCTOR = {
  nationalId: '899900063480',
  lastName: 'LIBRE',
  firstName: 'MAX',
  profession: '10',
  specialty: 'SM26',
};
const DEMO_ESTABLISHMENT = { finess: '10B0127189', name: 'CENTRE DE SANTE RPPS12718' };

async function writeCredential(dir: string, name: string, credential: IssuedCredential): Promise<string> {
  const certFile = join(dir, `${name}.cert.pem`);
  await writeFile(certFile, credential.certPem);
  await writeFile(join(dir, `${name}.key.pem`), credential.keyPem, { mode: 0o600 });
  return certFile;
}

/** Name of the secret the desk configuration gives for the establishment's PKCS#12 password. */
const P12_SECRET = 'SIM_ESTABLISHMENT_P12';

/** One random password per data folder, kept beside the credentials it opens (test PKI only). */
async function p12Password(clients: string): Promise<string> {
  const file = join(clients, 'establishment.p12.password');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(12).toString('base64url');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

/**
 * The establishment credential as IT receives one: a PKCS#12 file, written by the openssl
 * command line (an independent writer; the password travels through its environment).
 */
async function writePkcs12(dir: string, name: string, password: string): Promise<string> {
  const out = join(dir, `${name}.p12`);
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-in',
      join(dir, `${name}.cert.pem`),
      '-inkey',
      join(dir, `${name}.key.pem`),
      '-name',
      name,
      '-out',
      out,
      '-passout',
      'env:SIM_P12_PASSWORD',
    ],
    { env: { ...process.env, SIM_P12_PASSWORD: password }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return out;
}

/** A production desk configuration pointing at these simulators, in establishment (AIR) mode. */
function deskConfig(options: { dmpUrl: string; insiUrl: string | undefined; p12: string }): unknown {
  const certificate = { pkcs12: options.p12, passwordSecret: P12_SECRET };
  return {
    $schema: '../resources/config.schema.json',
    dmp: { url: options.dmpUrl },
    ...(options.insiUrl === undefined ? {} : { insi: { url: options.insiUrl } }),
    structure: {
      finess: DEMO_ESTABLISHMENT.finess,
      name: DEMO_ESTABLISHMENT.name,
      activitySector: 'SA07',
      vihfStructureId: `1${DEMO_ESTABLISHMENT.finess}`,
    },
    software: { homologationId: 'SIMULATEUR', senderOid: '1.2.250.1.999.1' },
    authentication: { mode: 'establishment', tlsCertificate: certificate, signatureCertificate: certificate },
    trustAnchors: { caFile: 'ca.pem' },
    logLevel: 'info',
  };
}

function runAdmin(dataDir: string, args: readonly string[]): number {
  const store = new SimulatorStore(join(dataDir, 'dmp.sqlite'));
  try {
    seedStore(store, new Date());
    const output = runAdminCommand(createAdmin(store), args);
    if (output !== '') print(output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) print(error.message);
    else if (error instanceof AdminError) print(`error: ${error.code}`);
    else throw error;
    return 2;
  } finally {
    store.close();
  }
}

async function start(dataDir: string, values: Record<string, unknown>): Promise<void> {
  await mkdir(join(dataDir, 'clients'), { recursive: true });
  const pki = await createTestPki({ seedDir: join(dataDir, 'pki') });
  const [server, doctor, establishment] = await Promise.all([
    pki.issueServer(['localhost']),
    pki.issueCps(DEMO_DOCTOR),
    pki.issueEstablishment(DEMO_ESTABLISHMENT),
  ]);
  const caFile = join(dataDir, 'ca.pem');
  await writeFile(caFile, pki.caCertPem);
  const clients = join(dataDir, 'clients');
  const files = [
    await writeCredential(clients, `cps-${DEMO_DOCTOR.nationalId}-auth`, doctor.auth),
    await writeCredential(clients, `cps-${DEMO_DOCTOR.nationalId}-sign`, doctor.sign),
    await writeCredential(clients, `establishment-${DEMO_ESTABLISHMENT.finess}`, establishment),
  ];
  const tls = { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem };
  const dmp = await startNationalDmpSimulator({
    tls,
    port: Number(values['dmp-port'] ?? 4443),
    dbFile: join(dataDir, 'dmp.sqlite'),
    faults: mergeFaults({}, (values['fault'] as string[] | undefined) ?? []),
    ...(values['refuse-creation'] === true ? { refuseCreation: true } : {}),
    seedDocuments: values['no-documents'] !== true,
  });
  const insi =
    values['no-insi'] === true
      ? undefined
      : await startInsiSimulator({ tls, port: Number(values['insi-port'] ?? 4444) });
  fatal.onClose(() => dmp.close());
  if (insi !== undefined) fatal.onClose(() => insi.close());

  print(`DMP simulator   ${dmp.servicesUrl}/{patients,patientsSpecific,habilitations,registry,repository}`);
  print(insi === undefined ? 'INSi simulator  not started (--no-insi)' : `INSi simulator  ${insi.url}`);
  print(`CA certificate  ${caFile}`);
  for (const file of files) print(`client          ${file} (+ .key.pem)`);
  const password = await p12Password(clients);
  const p12 = await writePkcs12(clients, `establishment-${DEMO_ESTABLISHMENT.finess}`, password);
  const deskConfigFile = join(dataDir, 'desk-config.json');
  const config = deskConfig({ dmpUrl: dmp.servicesUrl, insiUrl: insi?.url, p12: relative(dataDir, p12) });
  await writeFile(deskConfigFile, `${JSON.stringify(config, null, 2)}\n`);
  print(`PKCS#12         ${p12} (password in ${join(clients, 'establishment.p12.password')})`);
  print(`desk config     ${deskConfigFile}`);
  print(`DMP state       ${join(dataDir, 'dmp.sqlite')}   (npm run sim -- admin help)`);
  print('production desk against these simulators (browser harness; the secret through its environment):');
  print(
    `  DMP_DESK_SECRET_${P12_SECRET}="$(cat ${join(clients, 'establishment.p12.password')})" npm run start:browser -- --mode production --config ${deskConfigFile}`,
  );
  print('Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([dmp.close(), insi?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'admin') {
    const dataFlag = argv.indexOf('--data');
    const dataDir = resolve(dataFlag > 0 ? (argv[dataFlag + 1] ?? '.sim-data') : '.sim-data');
    const args = argv.slice(1).filter((_, i, rest) => rest[i - 1] !== '--data' && rest[i] !== '--data');
    await mkdir(dataDir, { recursive: true });
    return runAdmin(dataDir, args.length === 0 ? ['help'] : args);
  }
  const { values } = parseOptions(argv);
  if (values.help === true) {
    print(HELP);
    return 0;
  }
  await start(resolve(values.data), values);
  return -1;
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string', default: '.sim-data' },
        'dmp-port': { type: 'string' },
        'insi-port': { type: 'string' },
        'no-insi': { type: 'boolean' },
        'no-documents': { type: 'boolean' },
        'refuse-creation': { type: 'boolean' },
        fault: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    });
  } catch {
    throw new UsageError(HELP);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      print(error.message);
      process.exit(2);
    }
    // Only the class name: a message could hold paths or request data.
    process.stderr.write(`sim failed: ${error instanceof Error ? error.name : 'unknown error'}\n`);
    process.exit(1);
  },
);
