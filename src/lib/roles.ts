// Roles of an account and what each one opens, the same on the server and in the browser.

export type Role = 'learner' | 'author' | 'moderator' | 'admin';
export const ROLES: Role[] = ['learner', 'author', 'moderator', 'admin'];

/**
 * Authors decide on suggestions and errata. There is no per-course authorship yet: an `author`
 * is treated as an author of every course.
 */
const STAFF: Role[] = ['author', 'moderator', 'admin'];
const MODERATORS: Role[] = ['moderator', 'admin'];

export const isStaff = (role: Role) => STAFF.includes(role);

/** The one check of who moderates the discussions: pages, menus and actions all ask here. */
export const isModerator = (role: Role) => MODERATORS.includes(role);
