import { seedDemoAvailability, type DemoSeedStep } from '@yiqiao/persistence';

/** Extra demo data that features add on top of institutions and people (availability, holidays, …). */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [seedDemoAvailability];
