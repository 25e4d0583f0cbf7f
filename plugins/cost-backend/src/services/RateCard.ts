import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { NotConfiguredError } from '@internal/plugin-mlp-kube-node';

/**
 * Hourly rates per GPU type, in the configured currency. A GPU type without a rate costs the
 * default rate when one is configured; otherwise reading it is an error that names the type and
 * the setting, never NaN.
 */
export class RateCard {
  static fromConfig(config: Config): RateCard {
    const currency = config.getOptionalString('cost.currency') ?? 'EUR';
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new NotConfiguredError(
        `cost.currency is '${currency}'; it must be an ISO 4217 code such as EUR or USD`,
      );
    }
    // A list, not a map: config keys cannot hold the dots and slashes of resource names.
    const rates = new Map<string, number>();
    for (const [i, entry] of (
      config.getOptionalConfigArray('cost.gpuRates') ?? []
    ).entries()) {
      const resource = entry.getString('resource');
      if (rates.has(resource)) {
        throw new NotConfiguredError(
          `cost.gpuRates[${i}].resource: ${resource} is listed twice; keep one rate per GPU type`,
        );
      }
      rates.set(
        resource,
        RateCard.rate(
          entry.getNumber('hourlyRate'),
          `cost.gpuRates[${i}].hourlyRate (${resource})`,
        ),
      );
    }
    const optional = (key: string) => {
      const value = config.getOptionalNumber(key);
      return value === undefined ? undefined : RateCard.rate(value, key);
    };
    return new RateCard(
      currency,
      rates,
      optional('cost.defaultGpuHourlyRate'),
      {
        cpu: optional('cost.cpuCoreHourlyRate'),
        memory: optional('cost.memoryGiBHourlyRate'),
      },
    );
  }

  private static rate(value: number, key: string): number {
    if (!Number.isFinite(value) || value < 0) {
      throw new NotConfiguredError(
        `${key} is ${value}; a rate is an amount per hour, 0 or more`,
      );
    }
    return value;
  }

  constructor(
    readonly currency: string,
    private readonly rates: Map<string, number>,
    private readonly fallback?: number,
    /** Per core-hour and per GiB-hour; CPU and memory are not costed without them. */
    readonly compute: { cpu?: number; memory?: number } = {},
  ) {}

  knows(resource: string): boolean {
    return this.rates.has(resource) || this.fallback !== undefined;
  }

  /** The GPU rate of a GPU resource; throws, naming the setting, when there is none. */
  hourlyRate(resource: string): number {
    const rate = this.rates.get(resource) ?? this.fallback;
    if (rate === undefined) {
      throw new InputError(
        `No hourly rate for ${resource}: add { resource: ${resource}, hourlyRate } to cost.gpuRates (or set cost.defaultGpuHourlyRate). Known: ${[
          ...this.rates.keys(),
        ].join(', ')}`,
      );
    }
    return rate;
  }

  entries(): Record<string, number> {
    return Object.fromEntries(this.rates);
  }
}
