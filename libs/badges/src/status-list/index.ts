export { BitstringStatusList, MIN_STATUS_LIST_ENTRIES, StatusListError } from './bitstring';
