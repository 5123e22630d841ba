import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { ApiTokenSecrets } from './api-token-secrets';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

@Module({
  imports: [AuditModule, UsersModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensRepository, ApiTokensService, ApiTokenSecrets],
  exports: [ApiTokensService],
})
export class ApiTokensModule {}
