import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { CoreModule } from '@app/core';
import { IdentityModule } from '@app/identity';
import { AccessGuard } from './auth/access.guard';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';

@Module({
  imports: [CoreModule, TerminusModule.forRoot({ logger: false }), IdentityModule],
  controllers: [HealthController, AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class ApiModule {}
