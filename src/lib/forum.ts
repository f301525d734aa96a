// The discussions' vocabulary, safe for the browser: kinds, statuses and the shapes of what the
// server's forum modules hand to pages. Components import from here, never from $lib/server.

export type ThreadKind = 'question' | 'suggestion' | 'erratum';

export type ThreadStatus = 'open' | 'answered' | 'accepted' | 'done' | 'declined';

export type FlagResolution = 'hidden' | 'dismissed';

export type ModerationAction =
	'hide' | 'unhide' | 'lock' | 'unlock' | 'suspend' | 'unsuspend' | 'status' | 'resolve-flags';

export const KINDS = ['question', 'suggestion', 'erratum'] as const satisfies ThreadKind[];

/** Questions may be marked answered; suggestions and errata go through an author's decision. */
export const STATUSES_BY_KIND: Record<ThreadKind, readonly ThreadStatus[]> = {
	question: ['open', 'answered'],
	suggestion: ['open', 'accepted', 'done', 'declined'],
	erratum: ['open', 'accepted', 'done', 'declined']
};

export const ALL_STATUSES = [
	'open',
	'answered',
	'accepted',
	'done',
	'declined'
] as const satisfies ThreadStatus[];

/** A suggestion or erratum still waiting for its change: what authors have to look at. */
export const PENDING_STATUSES = ['open', 'accepted'] as const satisfies ThreadStatus[];

export const TEXT_LIMITS = {
	title: 150,
	body: 10_000,
	reason: 500,
	note: 1_000
};

/** Why a reader cannot write here, when they cannot. */
export type PostingBlock = 'sign-in-required' | 'email-unverified' | 'suspended';

export interface ThreadSummary {
	id: number;
	url: string;
	course: string;
	sequence: string;
	lessonKey: string;
	kind: ThreadKind;
	status: ThreadStatus;
	title: string;
	/** null once the account is deleted. */
	authorName: string | null;
	replyCount: number;
	locked: boolean;
	createdAt: number;
	lastActivityAt: number;
}

export interface ThreadView extends ThreadSummary {
	authorId: number | null;
	statusNote: string | null;
	/** Who decided the status; null when nobody did or the account is gone. */
	statusSetBy: string | null;
	statusSetAt: number | null;
	/** The statuses this kind of thread can take, in their order. */
	statuses: readonly ThreadStatus[];
}

export interface ThreadPage {
	thread: ThreadView;
	posts: PostView[];
	can: {
		reply: boolean;
		/** Why this reader cannot reply, when they cannot. */
		replyBlock: PostingBlock | 'locked' | null;
		setStatus: boolean;
		lock: boolean;
		moderate: boolean;
	};
}

export interface LessonDiscussion {
	lessonKey: string;
	course: string;
	threads: ThreadSummary[];
	/** More threads than shown: the course list, filtered on the lesson, has them all. */
	moreThreads: boolean;
	/** Suggestions and errata still open or accepted (not yet done or declined). */
	openSuggestionCount: number;
	newThreadUrl: string;
	allThreadsUrl: string;
	posting: {
		allowed: boolean;
		block: PostingBlock | null;
		suspendedUntil: number | null;
	};
}

export type PostState = 'visible' | 'hidden' | 'deleted';

export interface PostView {
	id: number;
	/** The fragment of the post's permalink, e.g. `post-12`. */
	anchor: string;
	isFirst: boolean;
	/** null once the account is deleted. */
	authorName: string | null;
	createdAt: number;
	editedAt: number | null;
	state: PostState;
	/** Sanitized HTML; null when this reader only gets the « supprimé » / « masqué » line. */
	html: string | null;
	/** The Markdown, for its author's edit form only. */
	source: string | null;
	mine: boolean;
	flaggedByViewer: boolean;
	/** Flags not yet resolved: shown to moderators only (0 for everyone else). */
	openFlags: number;
	can: {
		edit: boolean;
		delete: boolean;
		flag: boolean;
		hide: boolean;
		unhide: boolean;
		suspendAuthor: boolean;
	};
}

export interface OpenFlag {
	reason: string;
	/** null once the account is deleted (its flags go with it, so rarely seen). */
	flaggerName: string | null;
	createdAt: number;
}

export interface FlaggedPost {
	postId: number;
	url: string;
	thread: { title: string; url: string };
	authorName: string | null;
	state: PostState;
	html: string;
	flags: OpenFlag[];
	canSuspendAuthor: boolean;
}

export interface ModerationQueue {
	flagged: FlaggedPost[];
	pending: ThreadSummary[];
	suspended: Suspension[];
}

export interface Suspension {
	/** The suspended person's account. */
	id: number;
	username: string;
	until: number;
}

export interface LogLine {
	id: number;
	action: ModerationAction;
	/** null once the account is deleted. */
	actorName: string | null;
	targetName: string | null;
	thread: { title: string; url: string } | null;
	postUrl: string | null;
	detail: string | null;
	note: string | null;
	createdAt: number;
}
