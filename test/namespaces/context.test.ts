/** The namespace-aware context: stateful members and ctx.scoped() vendor state resolve to the current namespace. */
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.js';
import { namespaceAware } from '../../src/core/namespaces/context.js';
import { inNamespace } from '../../src/core/namespaces/current.js';
import type { NamespaceState } from '../../src/core/namespaces/state.js';

class Counter {
  n = 0;
  bump(): number {
    return ++this.n;
  }
}

const namespace = (name: string) => ({ name, scoped: new Map(), clock: { name } }) as unknown as NamespaceState;
const base = { clock: { name: 'default' }, scoped: (make: () => object) => make() } as unknown as CoreContext;

describe('namespaceAware', () => {
  it('answers the current namespace state, and the default outside any, across awaits and timers', async () => {
    const ctx = namespaceAware(base);
    const a = namespace('a');
    expect(ctx.clock).toBe(base.clock);
    await inNamespace(a, async () => {
      expect(ctx.clock).toBe(a.clock);
      await new Promise((r) => setTimeout(r, 1));
      expect(ctx.clock).toBe(a.clock);
    });
    expect(ctx.clock).toBe(base.clock);
  });

  it('makes one instance of scoped vendor state per namespace, created on first use', () => {
    const ctx = namespaceAware(base);
    const counter = ctx.scoped(() => new Counter());
    const a = namespace('a');
    const b = namespace('b');
    counter.bump();
    inNamespace(a, () => counter.bump());
    inNamespace(a, () => counter.bump());
    expect(counter.n).toBe(1);
    expect(inNamespace(a, () => counter.n)).toBe(2);
    expect(inNamespace(b, () => counter.n)).toBe(0);
    expect(b.scoped.size).toBe(1);
  });
});
