export { BitstringStatusList, MIN_STATUS_LIST_ENTRIES, StatusListError } from './bitstring';
export { StatusList } from './status-list.entity';
export { StatusLists, scrambledIndex, type StatusEntry } from './status-lists.service';
