import type { StandaloneDeposit } from '../../main/sync';

/** PATB-QUATRE, the patient of the official DMP examples, seeded in the DMP simulator with the example doctor authorized. */
export const PATB_QUATRE = {
  patient: { oid: '1.2.250.1.213.1.4.10', matricule: '207058575627097' },
  traits: {
    birthFamily: 'PATB-QUATRE',
    givenNames: 'LAURENCE',
    sex: 'F',
    birthDate: '19070525',
    birthPlaceCode: '99999',
  },
} as const satisfies Pick<StandaloneDeposit, 'patient' | 'traits'>;

/** A consultation report of `pdfBytes` for PATB-QUATRE, as the sync tests and benchmarks queue them. */
export function reportFor(title: string, pdfBytes: number): StandaloneDeposit {
  const head = Buffer.from('%PDF-1.4\n');
  return {
    ...PATB_QUATRE,
    title,
    pdf: new Uint8Array(Buffer.concat([head, Buffer.alloc(Math.max(0, pdfBytes - head.length), 0x20)])),
    typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
    patientId: `patient-${PATB_QUATRE.patient.matricule}`,
  };
}
