import type { AppErrorShape } from '../../shared/errors';
import type { StoreOpName } from './ops';

/**
 * The messages between the main thread and the store's worker. The first is always `open`
 * (the key travels once, by structured clone, and is zeroed on both sides after use); then
 * one `call` per query, answered by its id.
 */
export type StoreRequest =
  | { readonly kind: 'open'; readonly id: number; readonly file: string; readonly key: Uint8Array }
  | { readonly kind: 'call'; readonly id: number; readonly op: StoreOpName; readonly params: unknown }
  | { readonly kind: 'close'; readonly id: number };

export type StoreResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: AppErrorShape };
