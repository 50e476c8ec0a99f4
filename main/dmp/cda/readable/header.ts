import type { ReadableCdaHeader, ReadablePerson } from '../../../../shared/api/readable-cda';
import { childElements, NS, selectElement, selectElements, selectText } from '../../../xml';
import { shortText } from './text';

const TS = /^[0-9]{4,14}(\.[0-9]{1,4})?([+-][0-9]{4})?$/;

/** The header facts a reader checks before trusting a document: who, for whom, when, which version. */
export function readableHeader(root: Element): ReadableCdaHeader {
  const patient = selectElement(root, 'hl7:recordTarget/hl7:patientRole/hl7:patient');
  const patientName = patient === undefined ? undefined : selectElement(patient, 'hl7:name');
  const confidentiality = selectElement(root, 'hl7:confidentialityCode');
  const code = confidentiality?.getAttribute('code');
  const legal = selectElement(root, 'hl7:legalAuthenticator/hl7:assignedEntity');
  return {
    title: shortText(selectText(root, 'hl7:title')),
    type: shortText(selectText(root, 'hl7:code/@displayName')),
    effectiveTime: timestamp(selectText(root, 'hl7:effectiveTime/@value')),
    authors: selectElements(root, 'hl7:author/hl7:assignedAuthor').slice(0, 100).map(person),
    custodian: shortText(
      selectText(root, 'hl7:custodian/hl7:assignedCustodian/hl7:representedCustodianOrganization/hl7:name'),
    ),
    legalAuthenticator: legal === undefined ? null : person(legal),
    patient: {
      birthFamily: familyOf(patientName, 'BR'),
      usedFamily: familyOf(patientName, 'CL'),
      givenNames: givenOf(patientName),
      birthTime: timestamp(patient === undefined ? undefined : selectText(patient, 'hl7:birthTime/@value')),
    },
    confidentiality:
      code === undefined || code === null || code === ''
        ? null
        : {
            code: shortText(code) ?? code.slice(0, 200),
            displayName: shortText(confidentiality?.getAttribute('displayName')),
          },
    setId: instanceId(selectElement(root, 'hl7:setId')),
    version: shortText(selectText(root, 'hl7:versionNumber/@value')),
    relatedDocuments: selectElements(root, 'hl7:relatedDocument')
      .slice(0, 100)
      .flatMap((related) => {
        const id = instanceId(selectElement(related, 'hl7:parentDocument/hl7:id'));
        const typeCode = shortText(related.getAttribute('typeCode'));
        return id === null || typeCode === null ? [] : [{ typeCode, id }];
      }),
  };
}

/** An author or legal authenticator: a person (or the authoring software) and the organization they act for. */
function person(assigned: Element): ReadablePerson {
  const name = selectElement(assigned, 'hl7:assignedPerson/hl7:name');
  return {
    name:
      name === undefined
        ? shortText(selectText(assigned, 'hl7:assignedAuthoringDevice/hl7:softwareName'))
        : personName(name),
    organization: shortText(selectText(assigned, 'hl7:representedOrganization/hl7:name')),
  };
}

/** Given names then family name(s); a name written as plain text is kept as written. */
function personName(name: Element): string | null {
  const parts = [...childElements(name, NS.hl7, 'given'), ...childElements(name, NS.hl7, 'family')];
  if (parts.length === 0) return shortText(name.textContent);
  return shortText(parts.map((part) => part.textContent ?? '').join(' '));
}

/** CI-SIS: family with qualifier BR is the birth name, CL the used name; an unqualified family is the birth name. */
function familyOf(name: Element | undefined, qualifier: 'BR' | 'CL'): string | null {
  if (name === undefined) return null;
  const families = childElements(name, NS.hl7, 'family');
  const match =
    families.find((family) => family.getAttribute('qualifier') === qualifier) ??
    (qualifier === 'BR' ? families.find((family) => !family.hasAttribute('qualifier')) : undefined);
  return shortText(match?.textContent);
}

/** The unqualified given element holds all the birth given names; else the first one. */
function givenOf(name: Element | undefined): string | null {
  if (name === undefined) return null;
  const given = childElements(name, NS.hl7, 'given');
  const all = given.find((element) => !element.hasAttribute('qualifier')) ?? given[0];
  return shortText(all?.textContent);
}

function instanceId(id: Element | undefined): string | null {
  const root = shortText(id?.getAttribute('root'));
  if (root === null) return null;
  const extension = shortText(id?.getAttribute('extension'));
  return extension === null ? root : `${root}^${extension}`;
}

function timestamp(value: string | undefined): string | null {
  return value !== undefined && TS.test(value) ? value : null;
}
