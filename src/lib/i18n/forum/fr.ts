// Interface text of lesson discussions and moderation, in French.
export const forumFr = {};
