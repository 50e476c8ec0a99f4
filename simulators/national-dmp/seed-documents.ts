import { createHash, randomUUID } from 'node:crypto';
import { xmlEscape } from '../xml/safe-xml';
import { EXAMPLE_DOCTOR, EXAMPLE_STRUCTURE } from './seed';
import type { SimulatorStore } from './store/store';
import { CONFIDENTIALITY, DMP_REPOSITORY_ID, STATUS, UUID } from './xds/constants';
import type { RimClassification, RimObject } from './xds/ebrim';

/** A training document: what a trainer's Documents screen shows for a seeded patient. */
interface TrainingDocument {
  readonly nir: string;
  readonly title: string;
  readonly typeCode: string;
  readonly typeName: string;
  readonly classCode: string;
  readonly className: string;
  readonly created: string;
  readonly masked?: boolean;
  readonly lines: readonly string[];
  /** A structured (N3-like) body: sections of label/value rows instead of a PDF. */
  readonly sections?: readonly TrainingSection[];
}

interface TrainingSection {
  readonly title: string;
  readonly code: string;
  readonly codeName: string;
  readonly rows: readonly (readonly [string, string])[];
}

const TRAINING_DOCUMENTS: readonly TrainingDocument[] = [
  {
    nir: '207058575627097',
    title: 'Compte rendu de consultation (formation)',
    typeCode: '11488-4',
    typeName: 'CR de consultation',
    classCode: '10',
    className: 'Compte rendu',
    created: '20260105093000',
    lines: ['Document fictif de formation.', 'Consultation de suivi, examen clinique sans particularite.'],
  },
  {
    nir: '207058575627097',
    title: 'Lettre de liaison a la sortie (formation)',
    typeCode: '11490-0',
    typeName: "Lettre de liaison a la sortie d'un etablissement de soins",
    classCode: '10',
    className: 'Compte rendu',
    created: '20260112160000',
    lines: ['Document fictif de formation.', 'Sortie a domicile, pas de traitement modifie.'],
  },
  {
    nir: '207058575627097',
    title: 'Synthese medicale masquee (formation)',
    typeCode: '34133-9',
    typeName: "Synthese d'episode de soins",
    classCode: '11',
    className: 'Synthese',
    created: '20260118110000',
    masked: true,
    lines: ['Document fictif de formation, masque aux professionnels.'],
  },
  // CORSE ANTHONY is the first beneficiary of the training Vitale card: the lesson's patient.
  {
    nir: '180032B02040123',
    title: 'Compte rendu de consultation (formation)',
    typeCode: '11488-4',
    typeName: 'CR de consultation',
    classCode: '10',
    className: 'Compte rendu',
    created: '20260203101500',
    lines: ['Document fictif de formation.', 'Consultation de medecine generale, bilan annuel.'],
  },
  {
    nir: '180032B02040123',
    title: 'Compte rendu d imagerie (formation)',
    typeCode: '18748-4',
    typeName: "CR d'imagerie medicale",
    classCode: '10',
    className: 'Compte rendu',
    created: '20260210083000',
    lines: ['Document fictif de formation.', 'Radiographie thoracique de face : pas d anomalie.'],
  },
  {
    nir: '180032B02040123',
    title: 'Synthese medicale structuree (formation)',
    typeCode: '60591-5',
    typeName: 'Synthese medicale',
    classCode: '11',
    className: 'Synthese',
    created: '20260215090000',
    lines: ['Document fictif de formation.'],
    sections: [
      {
        title: 'Pathologies en cours',
        code: '11450-4',
        codeName: 'Problemes actifs',
        rows: [
          ['Hypertension arterielle', 'depuis 2019'],
          ['Asthme', 'depuis l enfance'],
        ],
      },
      {
        title: 'Traitements au long cours',
        code: '10160-0',
        codeName: 'Traitements',
        rows: [['Amlodipine 5 mg', '1 comprime le matin']],
      },
    ],
  },
  {
    nir: '297022A02077878',
    title: 'Compte rendu de consultation (formation)',
    typeCode: '11488-4',
    typeName: 'CR de consultation',
    classCode: '10',
    className: 'Compte rendu',
    created: '20260110143000',
    lines: ['Document fictif de formation.'],
  },
];

/** A one-page PDF showing the given lines (Helvetica, ASCII): enough for a viewer to display. */
export function trainingPdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((line, index) => `BT /F1 12 Tf 72 ${760 - index * 18} Td (${line.replace(/[\\()]/g, '\\$&')}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The body of a training document: its PDF (N1), or its sections as narrative tables. */
function trainingBody(document: TrainingDocument): string {
  if (document.sections === undefined) {
    const pdf = trainingPdf([document.title, ...document.lines]).toString('base64');
    return `<nonXMLBody><text mediaType="application/pdf" representation="B64">${pdf}</text></nonXMLBody>`;
  }
  const sections = document.sections.map(
    (section) =>
      `<component><section><code code="${section.code}" codeSystem="2.16.840.1.113883.6.1" displayName="${xmlEscape(section.codeName)}"/>` +
      `<title>${xmlEscape(section.title)}</title><text><table><tbody>` +
      section.rows
        .map(([label, value]) => `<tr><td>${xmlEscape(label)}</td><td>${xmlEscape(value)}</td></tr>`)
        .join('') +
      `</tbody></table></text></section></component>`,
  );
  return `<structuredBody>${sections.join('')}</structuredBody>`;
}

/** A CDA R2 document (CI-SIS header; PDF body, or structured for a training synthesis). */
function trainingCda(document: TrainingDocument, uniqueId: string, oid: string): Buffer {
  const author =
    `<id root="1.2.250.1.71.4.2.1" extension="${EXAMPLE_DOCTOR}"/>` +
    `<assignedPerson><name><given>MAX</given><family>LIBRE</family></name></assignedPerson>`;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">` +
      `<realmCode code="FR"/><typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>` +
      `<templateId root="2.16.840.1.113883.2.8.2.1"/><templateId root="1.2.250.1.213.1.1.1.1"/>` +
      // XDS-SD (scanned document) applies to the PDF body only.
      `${document.sections === undefined ? '<templateId root="1.3.6.1.4.1.19376.1.2.20"/>' : ''}<id root="${uniqueId}"/>` +
      `<code code="${document.typeCode}" codeSystem="2.16.840.1.113883.6.1" displayName="${xmlEscape(document.typeName)}"/>` +
      `<title>${xmlEscape(document.title)}</title><effectiveTime value="${document.created}"/>` +
      `<confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/><languageCode code="fr-FR"/>` +
      `<setId root="${uniqueId}.1"/><versionNumber value="1"/>` +
      `<recordTarget><patientRole><id root="${oid}" extension="${document.nir}"/></patientRole></recordTarget>` +
      `<author><time value="${document.created}"/><assignedAuthor>${author}</assignedAuthor></author>` +
      `<custodian><assignedCustodian><representedCustodianOrganization><id root="1.2.250.1.71.4.2.2" extension="${EXAMPLE_STRUCTURE}"/>` +
      `<name>CABINET DR LIBRE</name></representedCustodianOrganization></assignedCustodian></custodian>` +
      `<legalAuthenticator><time value="${document.created}"/><signatureCode code="S"/><assignedEntity>${author}</assignedEntity></legalAuthenticator>` +
      `<component>${trainingBody(document)}</component>` +
      `</ClinicalDocument>\n`,
    'utf8',
  );
}

const coded = (scheme: string, code: string, codingScheme: string, name: string): RimClassification => ({
  id: `urn:uuid:${randomUUID()}`,
  scheme,
  node: undefined,
  nodeRepresentation: code,
  slots: [{ name: 'codingScheme', values: [codingScheme] }],
  name,
});

function metadata(
  document: TrainingDocument,
  entryUuid: string,
  uniqueId: string,
  patientId: string,
  content: Buffer,
): RimObject {
  const authorPerson = `${EXAMPLE_DOCTOR}^LIBRE^MAX^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS`;
  return {
    kind: 'ExtrinsicObject',
    id: entryUuid,
    lid: entryUuid,
    status: STATUS.approved,
    mimeType: 'text/xml',
    objectType: UUID.documentEntry,
    slots: [
      { name: 'creationTime', values: [document.created] },
      { name: 'hash', values: [createHash('sha1').update(content).digest('hex')] },
      { name: 'languageCode', values: ['fr-FR'] },
      { name: 'legalAuthenticator', values: [authorPerson] },
      { name: 'repositoryUniqueId', values: [DMP_REPOSITORY_ID] },
      { name: 'serviceStartTime', values: [document.created] },
      { name: 'serviceStopTime', values: [document.created] },
      { name: 'size', values: [String(content.length)] },
      { name: 'sourcePatientId', values: [`${document.nir}^^^&1.2.250.1.999.1.1.7898.2&ISO^PI`] },
    ],
    name: document.title,
    description: undefined,
    classifications: [
      {
        id: `urn:uuid:${randomUUID()}`,
        scheme: UUID.deAuthor,
        node: undefined,
        nodeRepresentation: '',
        slots: [
          {
            name: 'authorInstitution',
            values: [`CABINET DR LIBRE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^${EXAMPLE_STRUCTURE}`],
          },
          { name: 'authorPerson', values: [authorPerson] },
          {
            name: 'authorSpecialty',
            values: ['G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5'],
          },
        ],
        name: undefined,
      },
      coded(UUID.classCode, document.classCode, '1.2.250.1.213.1.1.4.1', document.className),
      coded(UUID.confidentialityCode, 'N', '2.16.840.1.113883.5.25', 'Normal'),
      ...(document.masked === true
        ? [
            coded(
              UUID.confidentialityCode,
              CONFIDENTIALITY.masked,
              CONFIDENTIALITY.codeSystem,
              'Masqué aux professionnels de santé',
            ),
          ]
        : []),
      document.sections === undefined
        ? coded(
            UUID.formatCode,
            'urn:ihe:iti:xds-sd:pdf:2008',
            '1.3.6.1.4.1.19376.1.2.3',
            'Document à corps non structuré en PDF',
          )
        : coded(UUID.formatCode, 'urn:asip:ci-sis:vsm:2012', '1.3.6.1.4.1.19376.1.2.3', 'Synthèse médicale'),
      coded(UUID.facilityTypeCode, 'SA07', '1.2.250.1.71.4.2.4', 'Cabinet individuel'),
      coded(UUID.practiceSettingCode, 'AMBULATOIRE', '1.2.250.1.213.1.1.4.9', 'Ambulatoire'),
      coded(UUID.typeCode, document.typeCode, '2.16.840.1.113883.6.1', document.typeName),
    ],
    externalIdentifiers: [
      {
        id: `urn:uuid:${randomUUID()}`,
        scheme: UUID.dePatientId,
        value: patientId,
        name: 'XDSDocumentEntry.patientId',
      },
      { id: `urn:uuid:${randomUUID()}`, scheme: UUID.deUniqueId, value: uniqueId, name: 'XDSDocumentEntry.uniqueId' },
    ],
  };
}

/**
 * Seeds a few PDF (N1) documents for the seeded patients that have none yet, as the example doctor
 * wrote them, so a trainer sees a non-empty Documents screen. Idempotent.
 */
export function seedTrainingDocuments(store: SimulatorStore, now: Date): number {
  let added = 0;
  store.transaction(() => {
    const empty = new Set(
      [...new Set(TRAINING_DOCUMENTS.map((d) => d.nir))].filter(
        (nir) => store.getDmp(nir) !== undefined && store.documents.countEntries(nir) === 0,
      ),
    );
    TRAINING_DOCUMENTS.forEach((document, index) => {
      const dmp = store.getDmp(document.nir);
      if (dmp === undefined || !empty.has(document.nir)) return;
      const uniqueId = `1.2.250.1.213.4.1.9.${index + 1}.${now.getTime()}`;
      const entryUuid = `urn:uuid:${randomUUID()}`;
      const ssUuid = `urn:uuid:${randomUUID()}`;
      const patientId = `${dmp.nir}^^^&${dmp.insOid}&ISO^NH`;
      const content = trainingCda(document, uniqueId, dmp.insOid);
      const at = now.toISOString();
      store.documents.insertSubmissionSet({
        entryUuid: ssUuid,
        uniqueId: `${uniqueId}.0`,
        nir: dmp.nir,
        sourceId: '1.2.250.1.213.4.1.9',
        submissionTime: document.created,
        authorId: EXAMPLE_DOCTOR,
        authorStructure: EXAMPLE_STRUCTURE,
        receivedAt: at,
        metadata: {
          kind: 'RegistryPackage',
          id: ssUuid,
          lid: undefined,
          status: STATUS.approved,
          mimeType: undefined,
          objectType: undefined,
          slots: [{ name: 'submissionTime', values: [document.created] }],
          name: document.title,
          description: undefined,
          classifications: [],
          externalIdentifiers: [
            {
              id: `urn:uuid:${randomUUID()}`,
              scheme: UUID.ssPatientId,
              value: patientId,
              name: 'XDSSubmissionSet.patientId',
            },
            {
              id: `urn:uuid:${randomUUID()}`,
              scheme: UUID.ssUniqueId,
              value: `${uniqueId}.0`,
              name: 'XDSSubmissionSet.uniqueId',
            },
          ],
        },
      });
      store.documents.insertEntry({
        entryUuid,
        lid: entryUuid,
        version: 1,
        uniqueId,
        nir: dmp.nir,
        status: STATUS.approved,
        isSignature: false,
        authorId: EXAMPLE_DOCTOR,
        authorStructure: EXAMPLE_STRUCTURE,
        classCode: document.classCode,
        typeCode: document.typeCode,
        creationTime: document.created,
        serviceStart: document.created,
        serviceStop: document.created,
        masked: document.masked === true,
        invisiblePatient: false,
        submissionSet: ssUuid,
        submittedAt: at,
        metadata: metadata(document, entryUuid, uniqueId, patientId, content),
      });
      const hash = createHash('sha1').update(content).digest('hex');
      store.documents.insertContent({ uniqueId, mimeType: 'text/xml', hash, size: content.length, content });
      added += 1;
    });
  });
  return added;
}
