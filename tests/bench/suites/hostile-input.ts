/**
 * What hostile answers cost before they are refused: the 20 MB depth bomb that held the process
 * 82 s and 3.6 GB before the prescan (issue 14), a 20 MB flood of empty elements, and an MTOM
 * answer of 100 000 empty parts. Each is measured end to end through the client's real entry
 * points (decodeSoapResponse, parseEnvelope), with the heap growth it leaves.
 */
import { decodeSoapResponse, parseEnvelope } from '../../../main/soap';
import { median, round, type BenchResult } from '../types';

const RUNS = 3;
const ENVELOPE_OPEN = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>';
const ENVELOPE_CLOSE = '</s:Body></s:Envelope>';

function refusal(name: string, work: () => unknown, bytes: number): BenchResult {
  const times: number[] = [];
  let code = 'accepted';
  const heapBefore = process.memoryUsage().heapUsed;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    try {
      work();
    } catch (error) {
      code = (error as { code?: string }).code ?? 'untyped';
    }
    times.push(performance.now() - started);
  }
  return {
    name: `hostile input: ${name} refused`,
    unit: 'ms',
    median: round(median(times)),
    samples: RUNS,
    extra: {
      bytes,
      code,
      heapGrowthMb: round((process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024), 1),
    },
  };
}

export function run(): Promise<BenchResult[]> {
  const depth = 2_900_000;
  const bomb = `${ENVELOPE_OPEN}${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}${ENVELOPE_CLOSE}`;
  const flood = `${ENVELOPE_OPEN}${'<a/>'.repeat(4_400_000)}${ENVELOPE_CLOSE}`;
  const parts = 100_000;
  const mtom = Buffer.from(
    `--B\r\nContent-ID: <root>\r\n\r\n${ENVELOPE_OPEN}${ENVELOPE_CLOSE}` +
      '\r\n--B\r\nContent-ID: <p>\r\n\r\n'.repeat(parts) +
      '\r\n--B--\r\n',
  );
  return Promise.resolve([
    refusal(`20 MB SOAP depth bomb (${depth} levels)`, () => parseEnvelope(bomb), bomb.length),
    refusal('17 MB SOAP element flood', () => parseEnvelope(flood), flood.length),
    refusal(
      `MTOM answer of ${parts} parts`,
      () => decodeSoapResponse('multipart/related; type="application/xop+xml"; boundary="B"', mtom),
      mtom.length,
    ),
  ]);
}
