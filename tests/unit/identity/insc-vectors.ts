import { readFileSync } from 'node:fs';
import { vectorsPath } from '../../support/vectors';

export interface InscVector {
  readonly line: number;
  readonly firstName: string;
  readonly birthDate: string;
  readonly nir13: string;
  readonly nirKey: string;
  readonly insc20: string;
  readonly inscKey: string;
}

/** The public INS-C sample: Latin-1, `;`-separated, two header lines. */
export function loadInscVectors(): InscVector[] {
  const text = readFileSync(vectorsPath('insc', 'Echantillon_de_test_INSC.csv')).toString('latin1');
  const rows: InscVector[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (index < 2 || raw.trim() === '') return;
    const [firstName, birthDate, nir13, nirKey, insc20, inscKey] = raw.split(';');
    if (firstName === undefined || birthDate === undefined || nir13 === undefined) return;
    rows.push({
      line: index + 1,
      firstName,
      birthDate,
      nir13,
      nirKey: nirKey ?? '',
      insc20: insc20 ?? '',
      inscKey: inscKey ?? '',
    });
  });
  return rows;
}
