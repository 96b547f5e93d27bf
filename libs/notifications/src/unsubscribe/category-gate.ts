import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryGates, type DeliveryToCompose } from '@app/mail';
import { NotificationCategory } from '../schedule/notification-kind';
import { categoryOfMail } from './mail-category';

interface SwitchesRow {
  digest: string;
  reminders: boolean;
  announcements: boolean;
}

const IS_OFF: { readonly [C in NotificationCategory]: (row: SwitchesRow) => boolean } = {
  [NotificationCategory.Digest]: (row) => row.digest === 'off',
  [NotificationCategory.Reminders]: (row) => !row.reminders,
  [NotificationCategory.Announcements]: (row) => !row.announcements,
};

/**
 * Stops, at send time, any email of a category its recipient has turned off, however long ago it was queued:
 * after a one-click unsubscribe commits, nothing of that category goes out (an email whose SMTP conversation had
 * already started may still arrive). Mail without a category (account emails) always passes.
 */
@Injectable()
export class NotificationCategoryGate implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gates: DeliveryGates,
  ) {}

  onModuleInit(): void {
    this.gates.register((delivery) => this.refusal(delivery));
  }

  async refusal(delivery: DeliveryToCompose): Promise<string | null> {
    const category = categoryOfMail(delivery.kind);
    if (!category || !delivery.userId) return null;
    const [row] = await this.dataSource.query<SwitchesRow[]>(
      'SELECT digest, reminders, announcements FROM notification_preferences WHERE user_id = $1',
      [delivery.userId],
    );
    return row && IS_OFF[category](row) ? `the recipient turned this category of email off: ${category}` : null;
  }
}
