import type { Deps } from '../deps';

/** What route handlers are given: the process's one set of dependencies. */
export type RouteDeps = Deps;
