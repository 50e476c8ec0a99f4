import type { DmpAccessMode } from '../../../shared/domain/dmp';
import type { CodedValue, DocumentAuthor, DocumentStructure } from '../../../shared/domain/documents';
import type { DmpEndpointConfig } from '../../config/runtime';
import type { Signer } from '../../crypto/signer';
import type { VihfPractitioner } from '../vihf/types';
import type { ValueSet } from '../xds/value-sets';

/** Who deposits or changes a document: the practitioner in context, for the structure configured. */
export interface DocumentCallerIdentity {
  readonly practitioner: VihfPractitioner;
  readonly structure: DmpEndpointConfig['structure'];
  readonly software: DmpEndpointConfig['software'];
  /** The key that signs the XAdES of a deposit (the CPS, or the establishment's). */
  readonly signer: Signer;
  readonly now?: () => Date;
  /** The access mode the call is made in, and an emergency access's typed reason (a queued deposit keeps both). */
  readonly access?: { readonly mode: DmpAccessMode; readonly reason?: string | undefined };
}

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
export function depositContext(
  config: Pick<DocumentCallerIdentity, 'practitioner' | 'structure'>,
  /** JDV_J01, for the specialty's display name when the card gives only its codes. */
  authorSpecialties?: ValueSet,
): {
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
        displayName:
          specialty?.displayName ??
          authorSpecialties?.lookup(code, TRE_G15_SPECIALTY)?.displayName ??
          profession?.displayName ??
          code,
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
