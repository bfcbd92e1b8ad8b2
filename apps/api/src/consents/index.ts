export * from './consent.dto';
export * from './consents.module';
export * from './consents.service';
