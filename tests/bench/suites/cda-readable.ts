import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { displayableContent } from '../../../main/dmp/documents/cda-content';
import { parseXmlSafely } from '../../../main/xml';
import { RetrievedContentSchema } from '../../../shared/api/documents';
import { vectorsPath } from '../../support/vectors';
import { median, round, type BenchResult } from '../types';

/**
 * What opening a structured CDA costs in main: safe parse + readable tree (`displayableContent`)
 * against the safe parse alone (the baseline every reader pays), then the router's validation of
 * the answer. On the official LDL-SES example and on a large synthetic report (a 3,000-row
 * results table). And how long a 20 MB depth bomb takes to be refused (raw-text pre-scan, no parse).
 */
const RUNS = 15;

function timeEach(runs: number, work: () => unknown): number[] {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times;
}

function largeReport(rows: number): Buffer {
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `<tr><td>Analyse ${i}</td><td><content styleCode="Bold">${i % 97}.${i % 10}</content> mmol/L</td><td>3.5-5.1</td></tr>`,
  ).join('');
  return Buffer.from(
    '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>CR de biologie</title><component><structuredBody>' +
      '<component><section><title>Résultats</title><text><table><thead><tr><th>Examen</th><th>Résultat</th><th>Normes</th></tr></thead>' +
      `<tbody>${body}</tbody></table></text></section></component></structuredBody></component></ClinicalDocument>`,
  );
}

function measure(name: string, cda: Buffer): BenchResult[] {
  const text = cda.toString('utf8');
  const convert = median(timeEach(RUNS, () => displayableContent(cda)));
  const parse = median(timeEach(RUNS, () => parseXmlSafely(text)));
  const answer = displayableContent(cda);
  const validate = median(timeEach(RUNS, () => RetrievedContentSchema.parse(answer)));
  return [
    {
      name: `cda-readable: ${name} -> readable tree`,
      unit: 'ms',
      median: round(convert),
      samples: RUNS,
      baseline: round(parse),
      ratio: round(convert / parse),
      extra: { bytes: cda.length, answerBytes: JSON.stringify(answer).length },
    },
    { name: `cda-readable: ${name} contract validation`, unit: 'ms', median: round(validate), samples: RUNS },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const ldl = readFileSync(vectorsPath('cda', 'examples', 'LDL-SES_2022.01.xml'));
  const depth = 1_000_000;
  const bomb = Buffer.from(
    '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody><component><section><text>' +
      `${'<content>'.repeat(depth)}x${'</content>'.repeat(depth)}</text></section></component></structuredBody></component></ClinicalDocument>`,
  );
  const refuse = median(
    timeEach(3, () => {
      try {
        displayableContent(bomb);
      } catch {
        // refused as expected: DOC_CDA_TOO_COMPLEX
      }
    }),
  );
  return [
    ...measure('LDL-SES example', ldl),
    ...measure('3,000-row report', largeReport(3_000)),
    {
      name: `cda-readable: depth bomb (${depth}) refused`,
      unit: 'ms',
      median: round(refuse),
      samples: 3,
      extra: { bytes: bomb.length },
    },
  ];
}
