import type { HistoryAccess } from '../../../../shared/api';
import { dateLocale } from '../../i18n';

/** i18n key of a TD code: i18next reads dots as nesting, so `TD1.3a` is stored as `TD1_3a`. */
export const transactionKey = (code: string): string => `history.accesses.transactions.${code.replace('.', '_')}`;

export const isEmergency = (access: Pick<HistoryAccess, 'accessMode'>): boolean => access.accessMode !== 'normal';

/** Journal times are UTC ISO instants; the desk reads them in its own time zone and language. */
export function formatAccessTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(language), {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(date);
}
