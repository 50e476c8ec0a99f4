import { z } from 'zod';

/**
 * A structured CDA as the viewer shows it: the header facts a reader needs and the sections'
 * narrative blocks (CDA R2 NarrativeBlock), as data only. The narrative is the attested
 * human-readable content of a CDA (CDA R2 §1.2.3, §4.3.5); coded entries are for machines and
 * are not carried here. No markup crosses the IPC boundary: every string is plain text.
 */

/** Bounds shared by the converter (which refuses beyond them) and the contract (which checks them). */
export const READABLE_CDA_LIMITS = {
  /** Element nesting in the whole document: entries nest deeper than narratives. */
  maxDepth: 64,
  /** Elements in the whole document. */
  maxElements: 200_000,
  /** Nodes of the readable tree (text runs, cells, rows, items, sections...). */
  maxNodes: 100_000,
  /** Characters of text in the readable tree. */
  maxTextChars: 2_000_000,
  /** Section nesting. */
  maxSectionDepth: 12,
  maxSpan: 1_000,
} as const;

/** `inserted` / `deleted`: content/@revised, the narrative's changes since the previous version (CDA R2 §4.3.5.1). */
const MARKS = ['bold', 'italic', 'underline', 'sub', 'sup', 'inserted', 'deleted'] as const;
export type ReadableMark = (typeof MARKS)[number];

export interface ReadableMedia {
  readonly id: string;
  readonly mediaType: string | null;
}

export interface ReadableCell {
  readonly header: boolean;
  readonly colspan: number;
  readonly rowspan: number;
  readonly children: readonly ReadableNode[];
}

export interface ReadableRow {
  readonly cells: readonly ReadableCell[];
}

export type ReadableNode =
  | { readonly type: 'text'; readonly text: string; readonly marks: readonly ReadableMark[] }
  | { readonly type: 'break' }
  /** `href` only for http(s); the viewer shows it as text, the app never navigates. */
  | { readonly type: 'link'; readonly text: string; readonly href: string | null }
  | { readonly type: 'footnote'; readonly children: readonly ReadableNode[] }
  /** renderMultiMedia: a placeholder naming the observationMedia it refers to, never the media itself. */
  | { readonly type: 'media'; readonly objects: readonly ReadableMedia[]; readonly caption: readonly ReadableNode[] }
  | {
      readonly type: 'paragraph';
      readonly caption: readonly ReadableNode[];
      readonly children: readonly ReadableNode[];
    }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      readonly caption: readonly ReadableNode[];
      readonly items: readonly (readonly ReadableNode[])[];
    }
  | {
      readonly type: 'table';
      readonly caption: readonly ReadableNode[];
      readonly head: readonly ReadableRow[];
      readonly bodies: readonly (readonly ReadableRow[])[];
      readonly foot: readonly ReadableRow[];
    };

export interface ReadableSection {
  readonly title: string | null;
  readonly code: { readonly code: string; readonly displayName: string | null } | null;
  readonly narrative: readonly ReadableNode[];
  readonly sections: readonly ReadableSection[];
}

export interface ReadablePerson {
  readonly name: string | null;
  readonly organization: string | null;
}

export interface ReadableCdaHeader {
  readonly title: string | null;
  readonly type: string | null;
  /** HL7 TS as written (YYYYMMDD[hhmm[ss]][±ZZzz]): the viewer formats it. */
  readonly effectiveTime: string | null;
  readonly authors: readonly ReadablePerson[];
  readonly custodian: string | null;
  readonly legalAuthenticator: ReadablePerson | null;
  readonly patient: {
    readonly birthFamily: string | null;
    readonly usedFamily: string | null;
    readonly givenNames: string | null;
    readonly birthTime: string | null;
  };
  readonly confidentiality: { readonly code: string; readonly displayName: string | null } | null;
  readonly setId: string | null;
  readonly version: string | null;
  readonly relatedDocuments: readonly { readonly typeCode: string; readonly id: string }[];
}

export interface ReadableCda {
  readonly header: ReadableCdaHeader;
  readonly sections: readonly ReadableSection[];
}

const { maxNodes, maxTextChars, maxSpan } = READABLE_CDA_LIMITS;
const Text = z.string().max(maxTextChars);
const Short = z.string().max(2_000);
const many = <T extends z.ZodType>(item: T) => z.array(item).max(maxNodes);
const TimeSchema = z.string().regex(/^[0-9]{4,14}(\.[0-9]{1,4})?([+-][0-9]{4})?$/);

const MediaSchema = z.object({ id: Short, mediaType: Short.nullable() }).strict();

const CellSchema: z.ZodType<ReadableCell> = z.lazy(() =>
  z
    .object({
      header: z.boolean(),
      colspan: z.int().min(1).max(maxSpan),
      rowspan: z.int().min(1).max(maxSpan),
      children: many(ReadableNodeSchema),
    })
    .strict(),
);
const RowSchema: z.ZodType<ReadableRow> = z.lazy(() => z.object({ cells: many(CellSchema) }).strict());

export const ReadableNodeSchema: z.ZodType<ReadableNode> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: Text, marks: z.array(z.enum(MARKS)).max(MARKS.length) }).strict(),
    z.object({ type: z.literal('break') }).strict(),
    z
      .object({
        type: z.literal('link'),
        text: Text,
        href: z
          .string()
          .max(2_000)
          .regex(/^https?:\/\/[^\s]+$/i)
          .nullable(),
      })
      .strict(),
    z.object({ type: z.literal('footnote'), children: many(ReadableNodeSchema) }).strict(),
    z.object({ type: z.literal('media'), objects: many(MediaSchema), caption: many(ReadableNodeSchema) }).strict(),
    z
      .object({ type: z.literal('paragraph'), caption: many(ReadableNodeSchema), children: many(ReadableNodeSchema) })
      .strict(),
    z
      .object({
        type: z.literal('list'),
        ordered: z.boolean(),
        caption: many(ReadableNodeSchema),
        items: many(many(ReadableNodeSchema)),
      })
      .strict(),
    z
      .object({
        type: z.literal('table'),
        caption: many(ReadableNodeSchema),
        head: many(RowSchema),
        bodies: many(many(RowSchema)),
        foot: many(RowSchema),
      })
      .strict(),
  ]),
);

const CodedSchema = z.object({ code: Short, displayName: Short.nullable() }).strict();

export const ReadableSectionSchema: z.ZodType<ReadableSection> = z.lazy(() =>
  z
    .object({
      title: Text.nullable(),
      code: CodedSchema.nullable(),
      narrative: many(ReadableNodeSchema),
      sections: many(ReadableSectionSchema),
    })
    .strict(),
);

const PersonSchema = z.object({ name: Short.nullable(), organization: Short.nullable() }).strict();

export const ReadableCdaSchema: z.ZodType<ReadableCda> = z
  .object({
    header: z
      .object({
        title: Text.nullable(),
        type: Short.nullable(),
        effectiveTime: TimeSchema.nullable(),
        authors: z.array(PersonSchema).max(100),
        custodian: Short.nullable(),
        legalAuthenticator: PersonSchema.nullable(),
        patient: z
          .object({
            birthFamily: Short.nullable(),
            usedFamily: Short.nullable(),
            givenNames: Short.nullable(),
            birthTime: TimeSchema.nullable(),
          })
          .strict(),
        confidentiality: CodedSchema.nullable(),
        setId: Short.nullable(),
        version: Short.nullable(),
        relatedDocuments: z.array(z.object({ typeCode: Short, id: Short }).strict()).max(100),
      })
      .strict(),
    sections: many(ReadableSectionSchema),
  })
  .strict();
