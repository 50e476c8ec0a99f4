import { xmlEscape } from '../../xml/safe-xml';

/** `<ns1:status>` + optional `<ns1:context>`, the WebServiceResponse of the habilitations and patientsSpecific WSDLs. */
export function statusElements(status: string, context?: string): string {
  return (
    `<ns1:status>${xmlEscape(status)}</ns1:status>` +
    (context === undefined ? '' : `<ns1:context>${xmlEscape(context)}</ns1:context>`)
  );
}

export const element = (name: string, value: string | undefined): string =>
  value === undefined ? '' : `<ns1:${name}>${xmlEscape(value)}</ns1:${name}>`;

/** DMP web-service dates: YYYYMMDDhhmmss, UTC. */
export const wsDate = (iso: string): string => iso.replace(/[-:T]/g, '').slice(0, 14);
