import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';
import { tooComplex } from './guard';

/** What the readable tree may still hold; the contract checks the same bounds on the way out. */
export class Budget {
  private nodes = 0;
  private chars = 0;

  node(): void {
    this.nodes += 1;
    if (this.nodes > READABLE_CDA_LIMITS.maxNodes) throw tooComplex('nodes');
  }

  text(value: string): string {
    this.node();
    this.chars += value.length;
    if (this.chars > READABLE_CDA_LIMITS.maxTextChars) throw tooComplex('text');
    return value;
  }
}
