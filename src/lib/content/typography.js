// French typography: a no-break space keeps « : ; ! ? » and guillemets on the line of the word
// they belong to, so a phone never starts a line with a lone colon.

/** @param {string} text */
export function typeset(text) {
	return text.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}
