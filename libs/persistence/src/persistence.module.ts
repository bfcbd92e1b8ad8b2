import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsultationHooks } from './consultation-hooks';
import { dataSourceOptions } from './data-source-options';

@Module({})
export class PersistenceModule {
  static forRoot(databaseUrl: string, poolSize = 10): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, { poolSize }), retryAttempts: 3 })],
      providers: [ConsultationHooks],
      exports: [TypeOrmModule, ConsultationHooks],
    };
  }
}
