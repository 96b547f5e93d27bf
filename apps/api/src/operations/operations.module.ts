import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { AdminAccess } from './admin-access';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';

/**
 * Operators' tools over HTTP: `GET /metrics` (Prometheus) here, and the queue board at `/admin/queues`,
 * which `configureApi` mounts as an Express router (see queue-board.ts).
 */
@Module({
  imports: [IdentityModule, NotificationsModule],
  controllers: [MetricsController],
  providers: [AdminAccess, MetricsAccessGuard],
  exports: [AdminAccess],
})
export class OperationsModule {}
