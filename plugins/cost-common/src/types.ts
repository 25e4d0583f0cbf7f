import type {
  GpuUtilization,
  UtilizationSource,
} from '@internal/plugin-utilization-common';

/**
 * GPU-hours and spend of one slice of a breakdown (a project, model, user or GPU type), and how
 * busy its GPUs were when Prometheus measured them.
 */
export type CostLine = {
  key: string;
  gpuHours: number;
  cost: number;
  utilization?: GpuUtilization;
};

/** CPU or memory, when they are priced: hours in their unit (core-hours, GiB-hours) and cost. */
export type ComputeLine = {
  key: string;
  unit: string;
  unitHours: number;
  cost: number;
};

/** One day of a team's spend. */
export type DailyCost = { day: string; gpuHours: number; cost: number };

/** A team's GPU cost over [from, to), computed from the allocation ledger. */
export type CostSummary = {
  team: string;
  from: string;
  to: string;
  currency: string;
  gpuHours: number;
  cost: number;
  daily: DailyCost[];
  byProject: CostLine[];
  byModel: CostLine[];
  byUser: CostLine[];
  byGpuType: CostLine[];
  /** Empty unless cost.cpuCoreHourlyRate or cost.memoryGiBHourlyRate is configured. */
  byComputeResource: ComputeLine[];
  /** How busy the team's GPUs were over the range, when measured. */
  utilization?: GpuUtilization;
  /** Where utilization figures come from, or why there are none. */
  utilizationSource: UtilizationSource;
};

/** A team's budget for one calendar month (UTC). */
export type Budget = {
  team: string;
  /** `YYYY-MM`. */
  month: string;
  amount: number;
  currency: string;
  updatedBy: string;
  updatedAt: string;
};

/** Where a team stands against its budget this month. */
export type BudgetStatus = {
  team: string;
  month: string;
  currency: string;
  /** Undefined when no budget is set: nothing is enforced. */
  budget?: number;
  spent: number;
  /** Estimated cost of checked jobs that have not ended yet. */
  reserved: number;
  /** budget - spent - reserved; undefined without a budget. */
  remaining?: number;
  /** The alert thresholds (50, 80, 100 %) that spent + reserved has crossed. */
  alerts: number[];
};

/** An accepted budget check: the estimate is held against the budget until released or expired. */
export type Reservation = {
  id: string;
  team: string;
  resource: string;
  gpus: number;
  hours: number;
  estimate: number;
  currency: string;
  reference?: string;
  requestedBy: string;
  createdAt: string;
  expiresAt: string;
  releasedAt?: string;
};

export type BudgetCheckResult = {
  reservation: Reservation;
  status: BudgetStatus;
};
