// Notifications: what learners follow, what they are told, by which way, and the email outbox that
// carries it. Routes and the discussions use this module through these names.
export * from './events.ts';
export * from './follows.ts';
export * from './inbox.ts';
export * from './settings.ts';
export { queueDigests } from './digest.ts';
export { outboxHealth, purgeOldEmails, startSender } from './outbox.ts';
export type { NotificationView } from './messages.ts';
