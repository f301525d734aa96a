declare module 'virtual:content-index' {
	const index: import('$lib/content/types').ContentIndex;
	export default index;
}
