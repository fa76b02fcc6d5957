// Tiny scripts inlined into the HTML: they must run before React, so they are plain strings.

/** Sets <html data-theme> before first paint: the stored choice, else the system preference. */
export const THEME_SCRIPT = `(function(){var t;try{t=localStorage.getItem('book-theme')}catch(e){}if(t!=='light'&&t!=='dark'){t=window.matchMedia&&matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t})();`;

/** For `/`: go to the stored language (localStorage, else cookie), else Chinese. */
export const LANGUAGE_REDIRECT_SCRIPT = `(function(){var l;try{l=localStorage.getItem('book-locale')}catch(e){}if(l!=='zh'&&l!=='en'){var m=document.cookie.match(/(?:^|; )book-locale=(zh|en)/);l=m?m[1]:'zh'}location.replace('/'+l+'/')})();`;
