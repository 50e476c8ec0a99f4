/**
 * Virtual cards for trainers and manual testing, through the real pcscd:
 *   tsx simulators/cards/cli.ts [--seed-dir DIR] [--vitale-port 35963] [--cps-port 35964]
 * Inserts the demo family carte Vitale and the demo CPS (PIN 1234) into vpcd's two readers.
 * Then, one command per line: `v` / `c` pull or reinsert the Vitale / the CPS, `q` quits.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { installSimulatorFatalHandlers } from '../cli/fatal';
import { createDemoCards } from './demo';
import { VPCD_PORTS, VpcdLink } from './vpcd-link';

const { values } = parseArgs({
  options: {
    'seed-dir': { type: 'string', default: '.sim-data/pki' },
    'vitale-port': { type: 'string', default: String(VPCD_PORTS[0]) },
    'cps-port': { type: 'string', default: String(VPCD_PORTS[1]) },
  },
});

const fatal = installSimulatorFatalHandlers();
const cards = await createDemoCards({ seedDir: values['seed-dir'] });
const links = {
  v: { label: 'carte Vitale', link: new VpcdLink(cards.vitale, { port: Number(values['vitale-port']) }) },
  c: { label: 'CPS', link: new VpcdLink(cards.cps, { port: Number(values['cps-port']) }) },
};

fatal.onClose(() => Promise.all([links.v.link.remove(), links.c.link.remove()]));

async function toggle(key: 'v' | 'c'): Promise<void> {
  const { label, link } = links[key];
  if (link.connected) await link.remove();
  else await link.insert();
  process.stdout.write(`${label}: ${link.connected ? 'inserted' : 'removed'}\n`);
}

try {
  await toggle('v');
  await toggle('c');
} catch {
  process.stderr.write('vpcd is not listening: start pcscd (with vsmartcard-vpcd installed) first.\n');
  process.exit(1);
}
process.stdout.write('v = Vitale in/out, c = CPS in/out, q = quit\n');
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'q') break;
  if (command === 'v' || command === 'c') await toggle(command);
}
await links.v.link.remove();
await links.c.link.remove();
