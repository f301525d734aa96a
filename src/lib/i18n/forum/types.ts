import type { forumFr } from './fr';

export type ForumMessages = typeof forumFr;
