import { purgeSignInDataJob } from '../features/auth/purge-sign-in-data.job';
import type { JobDefinition } from './job';

/** Every job Plaster runs. */
export const jobs: JobDefinition[] = [purgeSignInDataJob];
