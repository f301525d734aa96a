import type { notificationsFr } from './fr';

export type NotificationMessages = typeof notificationsFr;
