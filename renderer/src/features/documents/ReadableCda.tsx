import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  ReadableCda as ReadableCdaData,
  ReadableMark,
  ReadableNode,
  ReadablePerson,
  ReadableRow,
  ReadableSection,
} from '../../../../shared/api';
import { hl7Time } from './content';

/**
 * A structured CDA drawn from the data-only tree main sends: React elements only, so nothing from
 * the document is ever interpreted as markup. Section headings continue the viewer's outline
 * (its title is an h2).
 */
export function ReadableCda(props: { readonly readable: ReadableCdaData }): ReactNode {
  const { t } = useTranslation();
  return (
    <article className="readable-cda" aria-label={t('documents.readable.content')}>
      <ReadableHeader header={props.readable.header} />
      {props.readable.sections.map((section, index) => (
        <Section key={index} section={section} level={3} path={`${index}`} />
      ))}
    </article>
  );
}

function ReadableHeader(props: { readonly header: ReadableCdaData['header'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const { header } = props;
  const time = (value: string | null): string | null => (value === null ? null : hl7Time(value, i18n.language));
  const patientName = [header.patient.givenNames, header.patient.birthFamily].filter((p) => p !== null).join(' ');
  const usedName =
    header.patient.usedFamily !== null && header.patient.usedFamily !== header.patient.birthFamily
      ? t('documents.readable.usedName', { name: header.patient.usedFamily })
      : null;
  const facts: [string, string | null][] = [
    ['type', header.type],
    ['date', time(header.effectiveTime)],
    ['patient', [patientName, usedName].filter((p) => p !== null && p !== '').join(' ') || null],
    ['birthDate', time(header.patient.birthTime)],
    ['authors', header.authors.map(person).join(' ; ') || null],
    ['custodian', header.custodian],
    ['legalAuthenticator', header.legalAuthenticator === null ? null : person(header.legalAuthenticator)],
    ['confidentiality', confidentiality(header.confidentiality, t)],
    [
      'version',
      header.version === null && header.setId === null
        ? null
        : t('documents.readable.versionOf', { version: header.version ?? '?', setId: header.setId ?? '?' }),
    ],
    [
      'related',
      header.relatedDocuments
        .map((r) => t('documents.readable.relation', { type: relationName(r.typeCode, t), id: r.id }))
        .join(' ; ') || null,
    ],
  ];
  return (
    <dl className="readable-cda__header" aria-label={t('documents.readable.header')}>
      {facts
        .filter((fact): fact is [string, string] => fact[1] !== null)
        .map(([key, value]) => (
          <div key={key} className="readable-cda__fact">
            <dt>{t(`documents.readable.facts.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

const RELATION_CODES = new Set(['RPLC', 'APND', 'XFRM']);

/** CDA R2 relatedDocument types: the reader is told in words that this version replaces another. */
function relationName(typeCode: string, t: TFunction): string {
  return RELATION_CODES.has(typeCode) ? t(`documents.readable.relationTypes.${typeCode}`) : typeCode;
}

const CONFIDENTIALITY_CODES = new Set(['N', 'R', 'V']);

/** The author's display name first; else the HL7 Confidentiality code's name when it is one of the three. */
function confidentiality(value: ReadableCdaData['header']['confidentiality'], t: TFunction): string | null {
  if (value === null) return null;
  if (value.displayName !== null) return value.displayName;
  return CONFIDENTIALITY_CODES.has(value.code)
    ? t(`documents.readable.confidentialityCodes.${value.code}`)
    : value.code;
}

function person(p: ReadablePerson): string {
  return [p.name, p.organization === null ? null : `(${p.organization})`].filter((s) => s !== null).join(' ');
}

function Section(props: {
  readonly section: ReadableSection;
  readonly level: number;
  readonly path: string;
}): ReactNode {
  const { t } = useTranslation();
  const { section, level, path } = props;
  const id = `readable-cda-section-${path}`;
  const title = section.title ?? section.code?.displayName ?? t('documents.readable.untitledSection');
  return (
    <section className="readable-cda__section" aria-labelledby={id}>
      <Heading id={id} level={level}>
        {title}
      </Heading>
      {section.code?.displayName !== undefined &&
      section.code.displayName !== null &&
      section.code.displayName !== title ? (
        <p className="readable-cda__code">{section.code.displayName}</p>
      ) : null}
      <Nodes nodes={section.narrative} />
      {section.sections.map((child, index) => (
        <Section key={index} section={child} level={level + 1} path={`${path}-${index}`} />
      ))}
    </section>
  );
}

/** h1–h6 as far as HTML goes; deeper sections keep their outline level through ARIA. */
function Heading(props: { readonly id: string; readonly level: number; readonly children: ReactNode }): ReactNode {
  const { id, level, children } = props;
  const className = 'readable-cda__heading';
  switch (level) {
    case 3:
      return (
        <h3 id={id} className={className}>
          {children}
        </h3>
      );
    case 4:
      return (
        <h4 id={id} className={className}>
          {children}
        </h4>
      );
    case 5:
      return (
        <h5 id={id} className={className}>
          {children}
        </h5>
      );
    case 6:
      return (
        <h6 id={id} className={className}>
          {children}
        </h6>
      );
    default:
      return (
        <p id={id} className={className} role="heading" aria-level={level}>
          {children}
        </p>
      );
  }
}

const BLOCK_TYPES = new Set<ReadableNode['type']>(['paragraph', 'list', 'table']);

function Nodes(props: { readonly nodes: readonly ReadableNode[] }): ReactNode {
  return props.nodes.map((node, index) => <Node key={index} node={node} />);
}

function Node(props: { readonly node: ReadableNode }): ReactNode {
  const { t } = useTranslation();
  const { node } = props;
  switch (node.type) {
    case 'text':
      return <Marked marks={node.marks}>{node.text}</Marked>;
    case 'break':
      return <br />;
    case 'link':
      // Shown, never followed: the app does not navigate to addresses found in a document.
      return (
        <span className="readable-cda__link">
          {node.text}
          {node.href !== null && node.href !== node.text ? (
            <span className="readable-cda__href"> ({node.href})</span>
          ) : null}
        </span>
      );
    case 'footnote':
      return (
        <small className="readable-cda__footnote">
          <Nodes nodes={node.children} />
        </small>
      );
    case 'media':
      return (
        <span className="readable-cda__media">
          {t('documents.readable.media', {
            objects: node.objects.map((o) => (o.mediaType === null ? o.id : `${o.id} (${o.mediaType})`)).join(', '),
          })}
          {node.caption.length > 0 ? (
            <>
              {' '}
              <Nodes nodes={node.caption} />
            </>
          ) : null}
        </span>
      );
    case 'paragraph': {
      const content = (
        <>
          {node.caption.length > 0 ? (
            <span className="readable-cda__caption">
              <Nodes nodes={node.caption} />{' '}
            </span>
          ) : null}
          <Nodes nodes={node.children} />
        </>
      );
      // A <p> cannot hold a table or a list; a paragraph that does becomes a plain block.
      return node.children.some((child) => BLOCK_TYPES.has(child.type)) ? (
        <div className="readable-cda__paragraph">{content}</div>
      ) : (
        <p className="readable-cda__paragraph">{content}</p>
      );
    }
    case 'list': {
      const items = node.items.map((item, index) => (
        <li key={index}>
          <Nodes nodes={item} />
        </li>
      ));
      return (
        <div className="readable-cda__list">
          {node.caption.length > 0 ? (
            <p className="readable-cda__caption">
              <Nodes nodes={node.caption} />
            </p>
          ) : null}
          {node.ordered ? <ol>{items}</ol> : <ul>{items}</ul>}
        </div>
      );
    }
    case 'table':
      return (
        <div className="readable-cda__table-wrap">
          <table className="readable-cda__table">
            {node.caption.length > 0 ? (
              <caption>
                <Nodes nodes={node.caption} />
              </caption>
            ) : null}
            {node.head.length > 0 ? (
              <thead>
                <Rows rows={node.head} inHead />
              </thead>
            ) : null}
            {node.bodies.map((rows, index) => (
              <tbody key={index}>
                <Rows rows={rows} inHead={false} />
              </tbody>
            ))}
            {node.foot.length > 0 ? (
              <tfoot>
                <Rows rows={node.foot} inHead={false} />
              </tfoot>
            ) : null}
          </table>
        </div>
      );
  }
}

/** Header cells get a scope so a screen reader announces them with each data cell. */
function Rows(props: { readonly rows: readonly ReadableRow[]; readonly inHead: boolean }): ReactNode {
  return props.rows.map((row, r) => (
    <tr key={r}>
      {row.cells.map((cell, c) => {
        const span = {
          ...(cell.colspan > 1 ? { colSpan: cell.colspan } : {}),
          ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
        };
        const children = <Nodes nodes={cell.children} />;
        if (!cell.header) {
          return (
            <td key={c} {...span}>
              {children}
            </td>
          );
        }
        const scope = props.inHead ? (cell.colspan > 1 ? 'colgroup' : 'col') : cell.rowspan > 1 ? 'rowgroup' : 'row';
        return (
          <th key={c} scope={scope} {...span}>
            {children}
          </th>
        );
      })}
    </tr>
  ));
}

function Marked(props: { readonly marks: readonly ReadableMark[]; readonly children: string }): ReactNode {
  return props.marks.reduce<ReactNode>((inner, mark) => {
    switch (mark) {
      case 'bold':
        return <strong>{inner}</strong>;
      case 'italic':
        return <em>{inner}</em>;
      case 'underline':
        return <u>{inner}</u>;
      case 'sub':
        return <sub>{inner}</sub>;
      case 'sup':
        return <sup>{inner}</sup>;
      case 'inserted':
        return <ins>{inner}</ins>;
      case 'deleted':
        return <del>{inner}</del>;
    }
  }, props.children);
}
