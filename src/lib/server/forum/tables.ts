/** Table types of the discussions, part of the database's type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ForumTables {}
