import type {
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CostStore } from '../store/CostStore';
import { BudgetChecks } from './BudgetChecks';
import { CostAccess } from './costAccess';
import { CostService } from './CostService';
import { CostUtilization } from './CostUtilization';
import { RateCard } from './RateCard';
import type { GpuUtilizationReader } from '@internal/plugin-utilization-node';

/** The cost plugin's two services over one store: figures and budgets, and the budget check. */
export function createCostServices(options: {
  store: CostStore;
  rates: RateCard;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  logger: LoggerService;
  /** GPU utilization from Prometheus, for the summaries' idle GPU-hours. */
  utilizationReader: GpuUtilizationReader;
  /** A reservation lasts the job's hours plus this grace before it expires on its own. */
  reservationGraceHours: number;
  now?: () => Date;
}): { service: CostService; checks: BudgetChecks } {
  const access = new CostAccess(options.permissions, options.userInfo);
  return {
    service: new CostService({
      ...options,
      access,
      utilization: new CostUtilization({
        store: options.store,
        reader: options.utilizationReader,
      }),
    }),
    checks: new BudgetChecks({ ...options, access }),
  };
}
