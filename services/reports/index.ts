export { collectDayEnd, collectDayEndApplications, macauDayBounds, type DayEndApplication } from './day-end-data';
export { renderDayEndCsv, describeDifference } from './day-end-csv';
export { renderDayEndPdf, type DayEndPdfOptions } from './day-end-pdf';
