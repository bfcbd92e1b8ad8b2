export * from './auth-user';
export * from './auth.module';
export * from './current-user.decorator';
export * from './public.decorator';
export * from './roles.decorator';
export * from './scope.service';
