// CPU and memory a pod asks for, from Kubernetes resource quantities ("500m", "4Gi", "1e9").
import type { Pod } from './gpus';

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A Kubernetes quantity as a number (`500m` is 0.5, `1Gi` is 1073741824); NaN when it is not one. */
export function parseQuantity(quantity: unknown): number {
  if (typeof quantity === 'number') return quantity;
  if (typeof quantity !== 'string') return Number.NaN;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix = ''] = match;
  if (exponent) return Number(`${number}${exponent}`);
  return Number(number) * (BINARY[suffix] ?? DECIMAL[suffix]);
}

type Resources = {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
};

/** What a container is given: its request, or its limit when it only sets that (Kubernetes does). */
function asked(resources: Resources | undefined, name: string): number {
  const value = resources?.requests?.[name] ?? resources?.limits?.[name];
  const n = parseQuantity(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * CPU cores and memory GiB a pod asks for, the way the scheduler counts them: the sum over its
 * containers, or the largest init container when that is more.
 */
export function podCompute(pod: Pod): { cpu: number; memoryGiB: number } {
  const sum = (name: string) => {
    let total = 0;
    for (const c of pod.spec?.containers ?? [])
      total += asked(c.resources, name);
    for (const c of pod.spec?.initContainers ?? [])
      total = Math.max(total, asked(c.resources, name));
    return total;
  };
  return { cpu: sum('cpu'), memoryGiB: sum('memory') / 2 ** 30 };
}
