import type { CodedValue, DocumentAuthor, DocumentStructure } from '../../../shared/domain/documents';
import type { DmpServiceConfig } from '../service';

const TRE_G15_SPECIALTY = '1.2.250.1.213.1.1.4.5';
const TRE_R02 = '1.2.250.1.71.4.2.4';
const TRE_A01 = '1.2.250.1.213.1.1.4.9';

/** SubmissionSet contentTypeCode (JDV_J59): the code of the DMP integration examples. */
const CONTENT_TYPE: CodedValue = {
  code: '04',
  codeSystem: '1.2.250.1.213.2.2',
  displayName: 'Hospitalisation de jour',
};

/**
 * Author, structure and submission context of a deposit, all from main's configuration: the
 * renderer never says who signs. The author's specialty is the G15 profession/R01 specialty pair
 * of the VIHF roles, as the CI-SIS codes it (`G15_10/SM26`).
 */
export function depositContext(config: DmpServiceConfig): {
  readonly author: DocumentAuthor;
  readonly structure: DocumentStructure;
  readonly contentType: CodedValue;
} {
  const [profession, specialty] = config.practitioner.roles;
  const code = [profession?.code === undefined ? '' : `G15_${profession.code}`, specialty?.code ?? '']
    .filter((part) => part !== '')
    .join('/');
  return {
    author: {
      nationalId: config.practitioner.nationalId,
      family: config.practitioner.lastName,
      given: config.practitioner.firstName,
      specialty: {
        code,
        codeSystem: TRE_G15_SPECIALTY,
        displayName: specialty?.displayName ?? profession?.displayName ?? code,
      },
    },
    structure: {
      id: config.structure.id,
      name: config.structure.name,
      facilityType: {
        code: config.structure.activitySector,
        codeSystem: TRE_R02,
        displayName: config.structure.activitySector,
      },
      practiceSetting: { code: 'AMBULATOIRE', codeSystem: TRE_A01, displayName: 'Ambulatoire' },
    },
    contentType: CONTENT_TYPE,
  };
}
