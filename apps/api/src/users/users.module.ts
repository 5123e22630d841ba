import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsRepository } from '../auth/sessions.repository';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  // Sessions are provided here: disabling a person ends them in the same transaction.
  providers: [UsersRepository, UsersService, SessionsRepository],
  exports: [UsersService, UsersRepository, SessionsRepository],
})
export class UsersModule {}
