/**
 * The people directory as the sync writes it. Reading it (search, a person's page) comes with
 * the search feature.
 */
export {
  findPersonInScope,
  countDirectory,
  deletePeopleOfSchoolAnywhere,
  markRemovedByWondeIdsAnywhere,
  markUnseenRemovedAnywhere,
  restoreByWondeIdsAnywhere,
  upsertPeople,
  type ApplyCounts,
  type PersonRow,
} from './people.repo';
export { pruneSearchWords } from './people-search.repo';
