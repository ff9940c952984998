// The fake Excel API for tests: state (the workbook), api (the proxy objects), install (globals),
// loader (from an exceljs workbook), json (the workbook as JSON, for a browser page). See api.ts for
// what it enforces.
export * from './state';
export * from './api';
export * from './install';
export * from './loader';
export * from './json';
export * from './save';
