import type {
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CostStore } from '../store/CostStore';
import { BudgetChecks } from './BudgetChecks';
import { CostAccess } from './costAccess';
import { CostService } from './CostService';
import { RateCard } from './RateCard';

/** The cost plugin's two services over one store: figures and budgets, and the budget check. */
export function createCostServices(options: {
  store: CostStore;
  rates: RateCard;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  logger: LoggerService;
  /** A reservation lasts the job's hours plus this grace before it expires on its own. */
  reservationGraceHours: number;
  now?: () => Date;
}): { service: CostService; checks: BudgetChecks } {
  const access = new CostAccess(options.permissions, options.userInfo);
  return {
    service: new CostService({ ...options, access }),
    checks: new BudgetChecks({ ...options, access }),
  };
}
