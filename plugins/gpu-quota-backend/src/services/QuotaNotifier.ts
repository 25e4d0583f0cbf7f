import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

/** Tells people about requests. A failed notification never fails the change it reports. */
export interface QuotaNotifier {
  notify(message: {
    recipients: string[];
    title: string;
    description: string;
    severity?: 'normal' | 'high';
  }): Promise<void>;
}

export class NotificationsQuotaNotifier implements QuotaNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notify(message: {
    recipients: string[];
    title: string;
    description: string;
    severity?: 'normal' | 'high';
  }) {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: message.recipients },
        payload: {
          title: message.title,
          description: message.description,
          link: '/gpu-quotas',
          severity: message.severity ?? 'normal',
          topic: 'gpu-quota',
        },
      });
    } catch (error) {
      this.logger.warn('could not send a GPU quota notification', {
        title: message.title,
        error: String(error),
      });
    }
  }
}
