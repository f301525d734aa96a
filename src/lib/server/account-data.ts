// Everything Parcours keeps about a person, for the "download my data" button.
import { exportCertificates } from './certificates/index.ts';
import type { DB } from './db/index.ts';
import { exportForumData } from './forum/account.ts';
import { listFollows } from './notifications/follows.ts';
import { exportNotifications } from './notifications/inbox.ts';
import { findPreferences } from './notifications/settings.ts';
import { exportProgress } from './progress.ts';
import { exportAttempts } from './quiz/attempts.ts';
import { listSessions } from './session.ts';
import { findUserById } from './user.ts';

export async function exportAccountData(db: DB, userId: number) {
	const user = await findUserById(db, userId);
	if (!user) return null;
	const sessions = await listSessions(db, userId);
	return {
		exportedAt: new Date().toISOString(),
		profile: {
			username: user.username,
			email: user.email,
			emailVerifiedAt: iso(user.emailVerifiedAt),
			role: user.role,
			createdAt: iso(user.createdAt)
		},
		sessions: sessions.map((session) => ({
			createdAt: iso(session.createdAt),
			lastSeenAt: iso(session.lastSeenAt),
			expiresAt: iso(session.expiresAt),
			userAgent: session.userAgent
		})),
		progress: await exportProgress(db, userId),
		quizAttempts: await exportAttempts(db, userId),
		forum: await exportForumData(db, userId),
		certificates: await exportCertificates(db, userId),
		notifications: {
			emailMode: (await findPreferences(db, userId)).emailMode,
			follows: (await listFollows(db, userId)).map((entry) => ({
				...entry,
				createdAt: iso(entry.createdAt)
			})),
			received: await exportNotifications(db, userId)
		}
	};
}

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
