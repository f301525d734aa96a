import type { ForumMessages } from './types';

export const forumEn: ForumMessages = {};
