import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryGates, type DeliveryToCompose } from '@app/mail';
import { NotificationCategory } from '../schedule/notification-kind';
import { categoryOfMail } from './mail-category';

interface SwitchesRow {
  user_id: string;
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
    this.gates.register((deliveries) => this.refusals(deliveries));
  }

  /** One query for the whole batch. */
  async refusals(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, string>> {
    const gated = deliveries.flatMap((delivery) => {
      const category = categoryOfMail(delivery.kind);
      return category && delivery.userId ? [{ id: delivery.id, userId: delivery.userId, category }] : [];
    });
    const refused = new Map<string, string>();
    if (gated.length === 0) return refused;
    const rows = await this.dataSource.query<SwitchesRow[]>(
      `SELECT user_id, digest, reminders, announcements FROM notification_preferences
        WHERE user_id = ANY($1::uuid[])`,
      [[...new Set(gated.map((g) => g.userId))]],
    );
    const switches = new Map(rows.map((row) => [row.user_id, row]));
    for (const { id, userId, category } of gated) {
      const row = switches.get(userId);
      if (row && IS_OFF[category](row)) refused.set(id, `the recipient turned this category of email off: ${category}`);
    }
    return refused;
  }
}
