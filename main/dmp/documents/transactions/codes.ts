import type { VisibilityCode } from '../../../../shared/domain/documents';

/** The interface names each status change on its own: delete is TD3.3c, archive / unarchive TD3.3d. */
export const statusTransaction = (request: { readonly change: 'archive' | 'unarchive' | 'delete' }): string =>
  request.change === 'delete' ? 'TD3.3c' : 'TD3.3d';

/** TD3.3a masks / unmasks to professionals; TD3.3b changes what the patient or representatives see. */
export const visibilityTransaction = (request: {
  readonly add?: readonly VisibilityCode[] | undefined;
  readonly remove?: readonly VisibilityCode[] | undefined;
}): string => ([...(request.add ?? []), ...(request.remove ?? [])].includes('MASQUE_PS') ? 'TD3.3a' : 'TD3.3b');
