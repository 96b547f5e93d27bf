import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { CoreModule } from '@app/core';
import { GroupsModule } from '@app/groups';
import { IdentityModule } from '@app/identity';
import { AccessGuard } from './auth/access.guard';
import { HealthController } from './health/health.controller';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';

@Module({
  imports: [CoreModule, TerminusModule.forRoot({ logger: false }), IdentityModule, GroupsModule],
  controllers: [HealthController, AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Registered after the logger's middleware (CoreModule is configured first), so parse errors carry a request id.
    consumer.apply(JsonBodyMiddleware).forRoutes('{*splat}');
  }
}
