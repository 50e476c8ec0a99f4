import { useEffect, useState } from 'react';
import type { DepositTypeOffer, DocumentTypeSchema } from '../../../../shared/api/documents';
import type { AppErrorShape } from '../../../../shared/errors';
import type { z } from 'zod';
import { useDmp } from '../../app/dmp-context';

/** Same cap as the contract: refused here first so a large file is never read into memory for nothing. */
export const MAX_PDF_BYTES = 5 * 1024 * 1024;

export interface DepositTypes {
  /** Common types first (main orders them); empty until main answers. */
  readonly types: readonly DepositTypeOffer[];
  readonly error?: AppErrorShape;
}

/**
 * The types the desk offers at deposit, as main reads them from the packaged DMP value sets
 * (JDV_J07 entries with a known class): never a list of our own that could drift from the DMP's.
 */
export function useDepositTypes(): DepositTypes {
  const { client } = useDmp();
  const [state, setState] = useState<DepositTypes>({ types: [] });
  useEffect(() => {
    let live = true;
    void client.documents.depositTypes({}).then((result) => {
      if (!live) return;
      setState(result.ok ? { types: result.value.types } : { types: [], error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}

/** The type as a deposit sends it: the offer's ordering flag is the desk's, not metadata. */
export function depositedType(offer: DepositTypeOffer): z.infer<typeof DocumentTypeSchema> {
  return { code: offer.code, codeSystem: offer.codeSystem, displayName: offer.displayName };
}
