import { AppError } from '../../../../shared/errors';
import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';

/**
 * Measures the whole tree before anything recursive touches it: a deeply nested or huge document
 * is refused with a typed error instead of overflowing the stack or holding the main process.
 * Iterative on purpose, so the measure itself cannot be the overflow. `visit` sees every element
 * once, so a caller needing a whole-document lookup does not walk it a second time.
 */
export function assertWithinLimits(root: Element, visit: (element: Element) => void = () => undefined): void {
  const { maxDepth, maxElements } = READABLE_CDA_LIMITS;
  let elements = 0;
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    elements += 1;
    if (elements > maxElements) throw tooComplex('elements');
    if (next.depth > maxDepth) throw tooComplex('depth');
    visit(next.node as Element);
    for (let child = next.node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push({ node: child, depth: next.depth + 1 });
    }
  }
}

export function tooComplex(limit: 'depth' | 'elements' | 'attributes' | 'nodes' | 'text' | 'sections'): AppError {
  return new AppError('DOC_CDA_TOO_COMPLEX', { details: { limit } });
}
