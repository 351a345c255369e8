import type { Migration } from './types';

// Migration 2's persons, id_documents and checklist_items were never written: the people and
// the clerk's ticks live in the application document (applications.data), whose repository
// parses them once. Empty tables that look authoritative invite code that reads them (the
// approval review once merged checklist_items into who-ticked-what), so they go.
export const m008DropUnusedPeopleTables: Migration = {
  version: 8,
  name: 'drop unused persons, id_documents, checklist_items',
  up(db) {
    db.exec(`
      DROP TABLE IF EXISTS id_documents;
      DROP TABLE IF EXISTS persons;
      DROP TABLE IF EXISTS checklist_items;
    `);
  },
};
