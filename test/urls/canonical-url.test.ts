import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicaliseUrl, MAX_URL_INPUT_LENGTH, type CanonicalUrl } from '../../src/main/urls/canonical-url.ts';
import { createContentItem, notAUrl, typedUrl } from '../../src/intake/content.ts';
import { createRng, deriveSeed } from '../../src/intake/prng.ts';

/**
 * [input, expected canonical (null: not a usable URL), expected content key].
 * When the key is left out, it is "url:" + the canonical (no platform shape recognised).
 */
type Row = readonly [input: string, canonical: string | null, contentKey?: string];

const YT = 'dQw4w9WgXcQ';
const YTW = `https://youtube.com/watch?v=${YT}`;
const YTK = `youtube:video:${YT}`;
const FBP = 'https://facebook.com/some.page/posts/123456789';
const TW = '1790000000000000000';
const TT = '7312345678901234567';
const IG = 'Cx1AbCdEfGh';

const TABLE: Readonly<Record<string, readonly Row[]>> = {
  'scheme and host basics': [
    ['example.com', 'https://example.com'],
    ['http://example.com', 'https://example.com'],
    ['https://example.com/', 'https://example.com'],
    ['HTTPS://EXAMPLE.COM/', 'https://example.com'],
    ['HtTp://ExAmPlE.CoM/Path', 'https://example.com/Path'],
    ['//example.com/a', 'https://example.com/a'],
    ['://example.com/a', 'https://example.com/a'],
    ['www.example.com', 'https://example.com'],
    ['www2.example.com/x', 'https://example.com/x'],
    ['m.example.com/x', 'https://example.com/x'],
    ['mobile.example.com/x', 'https://example.com/x'],
    ['touch.example.com/x', 'https://example.com/x'],
    ['amp.example.com/article', 'https://example.com/article'],
    ['www.m.example.com', 'https://example.com'],
    ['mobile.de/auto', 'https://mobile.de/auto'],
    ['web.de', 'https://web.de'],
    ['m.me/somepage', 'https://m.me/somepage'],
    ['https://sub.example.co.uk/a', 'https://sub.example.co.uk/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'https://example.com/a'],
    ['https://example.com:8080/a', 'https://example.com:8080/a'],
    ['http://example.com:8080', 'https://example.com:8080'],
    ['example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/#', 'https://example.com'],
    ['https://example.com/index.html#form', 'https://example.com/index.html'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://user:pass@example.com/a', 'https://example.com/a'],
    ['HTTPS://WWW.EXAMPLE.COM', 'https://example.com'],
  ],
  'path normalisation': [
    ['https://example.com//a///b//', 'https://example.com/a/b'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/a/b/', 'https://example.com/a/b'],
    ['https://example.com/%7Euser', 'https://example.com/~user'],
    ['https://example.com/%7euser/%e2%82%ac', 'https://example.com/~user/%E2%82%AC'],
    ['https://example.com/€', 'https://example.com/%E2%82%AC'],
    ['https://example.com/%41%42c', 'https://example.com/ABc'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['https://example.com/a%2Fb', 'https://example.com/a%2Fb'],
    ['https://example.com/صفحة', 'https://example.com/%D8%B5%D9%81%D8%AD%D8%A9'],
    ['https://example.com/%d8%b5%d9%81%d8%ad%d8%a9', 'https://example.com/%D8%B5%D9%81%D8%AD%D8%A9'],
    ['https://example.com/login.php', 'https://example.com/login.php'],
    ['https://example.com/produit/123', 'https://example.com/produit/123'],
  ],
  'query normalisation': [
    ['https://EXAMPLE.com?', 'https://example.com'],
    ['https://example.com/?b=2&a=1', 'https://example.com/?a=1&b=2'],
    ['https://example.com/p?b=2&a=1&a=0', 'https://example.com/p?a=0&a=1&b=2'],
    ['https://example.com/p?q=a+b', 'https://example.com/p?q=a%20b'],
    ['https://example.com/p?q=a%20b', 'https://example.com/p?q=a%20b'],
    ['https://example.com/p?q=a%2Bb', 'https://example.com/p?q=a%2Bb'],
    ['https://example.com/p?flag', 'https://example.com/p?flag'],
    ['https://example.com/p?&&a=1&&', 'https://example.com/p?a=1'],
    ['https://example.com/p?next=/a/b:c', 'https://example.com/p?next=/a/b:c'],
    ['https://example.com/p?next=%2Fa%2Fb', 'https://example.com/p?next=/a/b'],
    ['https://example.com/p?x=%E2%82%AC', 'https://example.com/p?x=%E2%82%AC'],
    ['https://example.com/p?x=€', 'https://example.com/p?x=%E2%82%AC'],
    ['https://example.com/p?x=%zz', 'https://example.com/p?x=%25zz'],
    ['https://example.com/offre?id=12', 'https://example.com/offre?id=12'],
    ['https://example.com/p?s=20&t=abc', 'https://example.com/p?s=20&t=abc'],
    ['https://example.com/p?lang=fr', 'https://example.com/p?lang=fr'],
  ],
  'tracking parameters': [
    ['https://example.com/?utm_source=facebook&utm_medium=social&utm_campaign=promo', 'https://example.com'],
    ['https://example.com/p?UTM_Source=x&id=3', 'https://example.com/p?id=3'],
    ['https://example.com/p?utm_content=a&utm_term=b&utm_id=c&id=3', 'https://example.com/p?id=3'],
    ['https://example.com/p?fbclid=IwAR0abcDEF', 'https://example.com/p'],
    ['https://example.com/p?gclid=1&dclid=2&msclkid=3&yclid=4', 'https://example.com/p'],
    ['https://example.com/p?_ga=5&mc_cid=6&mc_eid=7&wt_mc=8', 'https://example.com/p'],
    ['https://example.com/p?igshid=abc&igsh=def&mibextid=Zxz2cZ', 'https://example.com/p'],
    ['https://example.com/p?ref=share&ref_src=a&ref_url=b', 'https://example.com/p'],
    ['https://example.com/p?si=abc&feature=share&app=desktop&hl=fr', 'https://example.com/p'],
    ['https://example.com/p?__cft__[0]=AZX&__tn__=R', 'https://example.com/p'],
    ['https://example.com/p?_rdr&rdid=abc&share_url=x&sfnsn=mo', 'https://example.com/p'],
    ['https://example.com/p?is_from_webapp=1&sender_device=pc&_t=8abc&_r=1', 'https://example.com/p'],
    ['https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=xyz', 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC'],
    ['https://play.google.com/store/apps/details?id=com.example.app&hl=fr', 'https://play.google.com/store/apps/details?id=com.example.app'],
    ['https://example.com/p?id=3&utm_source=whatsapp&utm_medium=share#top', 'https://example.com/p?id=3'],
  ],
  'wrapping, punctuation and spaces': [
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://example.com/a\n', 'https://example.com/a'],
    ['\u00a0https://example.com/a\u3000', 'https://example.com/a'],
    ['"https://example.com/a"', 'https://example.com/a'],
    ["'https://example.com/a'", 'https://example.com/a'],
    ['`https://example.com/a`', 'https://example.com/a'],
    ['<https://example.com/a>', 'https://example.com/a'],
    ['(https://example.com/a)', 'https://example.com/a'],
    ['[https://example.com/a]', 'https://example.com/a'],
    ['{https://example.com/a}', 'https://example.com/a'],
    ['«https://example.com/a»', 'https://example.com/a'],
    ['« https://example.com/a »', 'https://example.com/a'],
    ['“https://example.com/a”', 'https://example.com/a'],
    ['"  <https://example.com/a>  "', 'https://example.com/a'],
    ['https://example.com/a.', 'https://example.com/a'],
    ['https://example.com/a,', 'https://example.com/a'],
    ['https://example.com/a!?', 'https://example.com/a'],
    ['https://example.com/a).', 'https://example.com/a'],
    ['https://example.com/a;', 'https://example.com/a'],
    ['https://example.com/a:', 'https://example.com/a'],
    ['https://example.com/a"', 'https://example.com/a'],
    ['https://example.com/a»', 'https://example.com/a'],
    ['https://example.com/a…', 'https://example.com/a'],
    ['https://example.com/a،', 'https://example.com/a'],
    ['https://example.com/a؟', 'https://example.com/a'],
    ['(https://example.com/a', 'https://example.com/a'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['https://en.wikipedia.org/wiki/Foo_(bar).', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['www.example .com/a', 'https://example.com/a'],
    ['example. com', 'https://example.com'],
    ['https:// example.com/a', 'https://example.com/a'],
    ['https://example.com /a', 'https://example.com/a'],
    ['https://example.com/ a', 'https://example.com/a'],
    ['https://example.com/a ?x=1', 'https://example.com/a?x=1'],
    ['https://example.com/a b c', 'https://example.com/a%20b%20c'],
    ['facebook.com/ somepage', 'https://facebook.com/somepage', 'facebook:account:somepage'],
  ],
  'defanged forms': [
    ['hxxp://example.com/a', 'https://example.com/a'],
    ['hxxps://example[.]com/a', 'https://example.com/a'],
    ['hXXps://example[.]com', 'https://example.com'],
    ['HXXPS://EXAMPLE[.]COM/a', 'https://example.com/a'],
    ['hxxps[:]//example[.]com/a', 'https://example.com/a'],
    ['hxxp[:]//example[.]com/a', 'https://example.com/a'],
    ['hxxps[://]example[.]com/a', 'https://example.com/a'],
    ['https[:]//example[.]com', 'https://example.com'],
    ['h**ps://example[.]com', 'https://example.com'],
    ['example(.)com/a', 'https://example.com/a'],
    ['example{.}com/a', 'https://example.com/a'],
    ['example[dot]com/a', 'https://example.com/a'],
    ['example(dot)com/a', 'https://example.com/a'],
    ['example{dot}com/a', 'https://example.com/a'],
    ['example[DOT]com/a', 'https://example.com/a'],
    ['example dot com', 'https://example.com'],
    ['example DOT com/a', 'https://example.com/a'],
    ['example [.] com/a', 'https://example.com/a'],
    ['sub[.]example[.]co[.]uk/x', 'https://sub.example.co.uk/x'],
    ['hxxp://1[.]2[.]3[.]4/x', 'https://1.2.3.4/x'],
    ['hxxps://example[.]com[/]a', 'https://example.com/a'],
    ['hxxps://example[.]com/login[.]php', 'https://example.com/login.php'],
    ['[hxxps://example[.]com/a]', 'https://example.com/a'],
    ['hxxps://example[.]com:8080/a', 'https://example.com:8080/a'],
    ['example[.]com[:]8080/a', 'https://example.com:8080/a'],
    ['hxxps://www[.]example[.]com/offre?id=12&utm_source=x', 'https://example.com/offre?id=12'],
  ],
  'scheme typos': [
    ['https//example.com/a', 'https://example.com/a'],
    ['http//example.com/a', 'https://example.com/a'],
    ['htps://example.com/a', 'https://example.com/a'],
    ['htp://example.com/a', 'https://example.com/a'],
    ['ttps://example.com/a', 'https://example.com/a'],
    ['hhttps://example.com/a', 'https://example.com/a'],
    ['https:/example.com/a', 'https://example.com/a'],
    ['https:example.com/a', 'https://example.com/a'],
    ['https:///example.com/a', 'https://example.com/a'],
    ['https:\\\\example.com\\a', 'https://example.com/a'],
  ],
  'not usable URLs': [
    ['', null],
    ['   ', null],
    ['\u200b\u200b', null],
    ['https://', null],
    ['http://', null],
    ['hxxps[://]', null],
    ['www.', null],
    ['example', null],
    ['localhost', null],
    ['http://localhost:8080/', null],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(document.cookie)', null],
    ['javascript://example.com/%0Aalert(1)', null],
    [' javascript:alert(1)', null],
    ['java\u200bscript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['file:///etc/passwd', null],
    ['file://server/share/x.txt', null],
    ['mailto:someone@example.com', null],
    ['tel:0661234567', null],
    ['sms:0661234567', null],
    ['ftp://example.com/file', null],
    ['ws://example.com/socket', null],
    ['chrome://settings', null],
    ['about:blank', null],
    ['vbscript:msgbox(1)', null],
    ['blob:https://example.com/uuid', null],
    ['intent://scan/#Intent;scheme=zxing;end', null],
    ['fb://profile/123', null],
    ['tg://resolve?domain=channel', null],
    ['whatsapp://send?phone=212600000000', null],
    ['ma3raftch lien', null],
    ['voir capture', null],
    ['lien supprimé', null],
    ['انظر الصورة المرفقة', null],
    ['page dyal facebook smitha casa.tanja', null],
    ['(voir https://example.com/a)', null],
    ['0661123456', null],
    ['2130706433', null],
    ['https://face book.com', null],
    ['https://exa mple.com/a', null],
    ['https://-', null],
    ['https://.com', null],
    ['https://example..com', null],
    ['http://%', null],
    ['https://[::1', null],
    ['https://exa<mple.com', null],
    ['https://example.com:99999', null],
    ['https://example.com:abc', null],
    ['https://@', null],
    ['https://user@', null],
    ['\u0000', null],
    ['...', null],
    ['http://.', null],
    ['"  "', null],
    ['<>', null],
    ['https://facebook.com%40evil.example/', null],
  ],
  'invisible and bidi characters': [
    ['https://face\u200bbook.com/page', 'https://facebook.com/page', 'facebook:account:page'],
    ['\u202ehttps://example.com/a', 'https://example.com/a'],
    ['https://exa\u00admple.com', 'https://example.com'],
    ['\ufeffhttps://example.com/a', 'https://example.com/a'],
    ['https://example.com/a\u2066\u2069', 'https://example.com/a'],
    ['https://examp\u200dle.com/\u200ea', 'https://example.com/a'],
    ['https://exa\tmple.com/a\r\n', 'https://example.com/a'],
    ['https://example.com/\u0000a', 'https://example.com/a'],
    ['https://example\u2060.com/\u200fa\u061c', 'https://example.com/a'],
    ['h\u200ctt\u202dps://you\u200btube.com/watch?v=dQw4w9WgXcQ', YTW, YTK],
    ['https://facebook.com/some.page\u{E0041}\u{E0042}', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://exa\u034fmple.com/\u3164a\uffa0', 'https://example.com/a'],
    ['https://example.com/a\ufe00\u{E0100}', 'https://example.com/a'],
    ['https://example.com/\u{1F600}', 'https://example.com/%F0%9F%98%80'],
  ],
  'IP and unicode hosts': [
    ['http://192.168.1.1/admin', 'https://192.168.1.1/admin'],
    ['127.0.0.1:8080/x', 'https://127.0.0.1:8080/x'],
    ['http://0x7f.0.0.1/', 'https://127.0.0.1'],
    ['http://[::1]/', 'https://[::1]'],
    ['http://[2001:DB8::1]:8080/x', 'https://[2001:db8::1]:8080/x'],
    ['[2001:db8::1]/x', 'https://[2001:db8::1]/x'],
    ['https://bücher.example/buch', 'https://xn--bcher-kva.example/buch'],
    ['https://BÜCHER.example/buch', 'https://xn--bcher-kva.example/buch'],
    ['https://xn--bcher-kva.example/buch', 'https://xn--bcher-kva.example/buch'],
    ['https://مثال.إختبار/', 'https://xn--mgbh0fb.xn--kgbechtv'],
    ['https://ＥＸＡＭＰＬＥ．ｃｏｍ/a', 'https://example.com/a'],
    ['https://example。com/a', 'https://example.com/a'],
    ['https://fаcebook.com/page', 'https://xn--fcebook-2fg.com/page'],
  ],
  facebook: [
    ['https://www.facebook.com/some.page/posts/123', 'https://facebook.com/some.page/posts/123', 'facebook:post:123'],
    ['https://www.facebook.com/some.page/posts/123456789/', FBP, 'facebook:post:123456789'],
    ['https://www.facebook.com/some.page/posts/pfbid0abcDEF123ghiJKL456', 'https://facebook.com/some.page/posts/pfbid0abcDEF123ghiJKL456', 'facebook:post:pfbid0abcDEF123ghiJKL456'],
    ['https://web.facebook.com/some.page/posts/123456789?_rdr', FBP, 'facebook:post:123456789'],
    ['https://www.facebook.com/some.page/posts/123456789?__cft__[0]=AZX&__tn__=%2CO%2CP-R', FBP, 'facebook:post:123456789'],
    ['https://www.facebook.com/some.page/posts/123456789?__cft__%5B0%5D=AZX', FBP, 'facebook:post:123456789'],
    ['facebook.com/Some.Page', 'https://facebook.com/Some.Page', 'facebook:account:some.page'],
    ['https://m.facebook.com/some.page/', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://mbasic.facebook.com/some.page?ref=bookmarks', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://touch.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://fr-fr.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://ar-ar.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://free.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://0.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://fb.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://fb.me/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://www.facebook.com/some.page?fbclid=IwAR0abc', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://www.facebookwkhpilnemxj7asaniu7vnjjbiltxjqhye3mhbshg7kx5tfyd.onion/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://www.facebook.com/#!/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://www.facebook.com/some.page/about', 'https://facebook.com/some.page/about', 'facebook:account:some.page'],
    ['https://www.facebook.com/some.page/photos', 'https://facebook.com/some.page/photos', 'facebook:account:some.page'],
    ['https://www.facebook.com/some.page/videos', 'https://facebook.com/some.page/videos', 'facebook:account:some.page'],
    ['https://www.facebook.com/some.page/videos/1234567890123456/', 'https://facebook.com/some.page/videos/1234567890123456', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/some.page/videos/my-title/1234567890123456', 'https://facebook.com/some.page/videos/my-title/1234567890123456', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/some.page/videos/vb.111/1234567890123456/?type=3', 'https://facebook.com/some.page/videos/vb.111/1234567890123456?type=3', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/watch/?v=1234567890123456', 'https://facebook.com/watch?v=1234567890123456', 'facebook:video:1234567890123456'],
    ['https://m.facebook.com/watch?v=1234567890123456&ref=sharing', 'https://facebook.com/watch?v=1234567890123456', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/watch/live/?v=1234567890123456', 'https://facebook.com/watch/live?v=1234567890123456', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/video.php?v=1234567890123456', 'https://facebook.com/video.php?v=1234567890123456', 'facebook:video:1234567890123456'],
    ['https://www.facebook.com/reel/987654321098765', 'https://facebook.com/reel/987654321098765', 'facebook:video:987654321098765'],
    ['https://www.facebook.com/reel/987654321098765?mibextid=rS40aB7S9Ucbxw6v&sfnsn=mo', 'https://facebook.com/reel/987654321098765', 'facebook:video:987654321098765'],
    ['https://fb.watch/aBcD3fGh1J/', 'https://fb.watch/aBcD3fGh1J', 'facebook:video:aBcD3fGh1J'],
    ['fb.watch/aBcD3fGh1J?mibextid=Nif5oz', 'https://fb.watch/aBcD3fGh1J', 'facebook:video:aBcD3fGh1J'],
    ['https://www.facebook.com/story.php?story_fbid=1234567890&id=100064', 'https://facebook.com/story.php?id=100064&story_fbid=1234567890', 'facebook:post:1234567890'],
    ['https://m.facebook.com/story.php?story_fbid=pfbid02AbCdEfGhIjKlMn&id=100064&mibextid=Nif5oz', 'https://facebook.com/story.php?id=100064&story_fbid=pfbid02AbCdEfGhIjKlMn', 'facebook:post:pfbid02AbCdEfGhIjKlMn'],
    ['https://www.facebook.com/permalink.php?story_fbid=1234567890&id=100064', 'https://facebook.com/permalink.php?id=100064&story_fbid=1234567890', 'facebook:post:1234567890'],
    ['https://www.facebook.com/photo/?fbid=5551112223&set=a.444', 'https://facebook.com/photo?fbid=5551112223&set=a.444', 'facebook:photo:5551112223'],
    ['https://www.facebook.com/photo.php?fbid=5551112223&set=a.444&type=3', 'https://facebook.com/photo.php?fbid=5551112223&set=a.444&type=3', 'facebook:photo:5551112223'],
    ['https://www.facebook.com/some.page/photos/a.444/5551112223/', 'https://facebook.com/some.page/photos/a.444/5551112223', 'facebook:photo:5551112223'],
    ['https://www.facebook.com/groups/123456789012345/', 'https://facebook.com/groups/123456789012345', 'facebook:group:123456789012345'],
    ['https://m.facebook.com/groups/123456789012345?ref=share', 'https://facebook.com/groups/123456789012345', 'facebook:group:123456789012345'],
    ['https://www.facebook.com/groups/MyGroup/', 'https://facebook.com/groups/MyGroup', 'facebook:group:mygroup'],
    ['https://www.facebook.com/groups/MyGroup/posts/777888999/', 'https://facebook.com/groups/MyGroup/posts/777888999', 'facebook:post:777888999'],
    ['https://www.facebook.com/groups/mygroup/permalink/777888999/', 'https://facebook.com/groups/mygroup/permalink/777888999', 'facebook:post:777888999'],
    ['https://www.facebook.com/share/p/1AbCdEfGhI/', 'https://facebook.com/share/p/1AbCdEfGhI', 'facebook:share:1AbCdEfGhI'],
    ['https://www.facebook.com/share/v/1AbCdEfGhI/?mibextid=qi2Omg', 'https://facebook.com/share/v/1AbCdEfGhI', 'facebook:share:1AbCdEfGhI'],
    ['https://www.facebook.com/share/r/1XyZ9/', 'https://facebook.com/share/r/1XyZ9', 'facebook:share:1XyZ9'],
    ['https://www.facebook.com/share/1AbCdEfGhI/', 'https://facebook.com/share/1AbCdEfGhI', 'facebook:share:1AbCdEfGhI'],
    ['https://www.facebook.com/profile.php?id=100012345678901', 'https://facebook.com/profile.php?id=100012345678901', 'facebook:account:id:100012345678901'],
    ['https://m.facebook.com/profile.php?id=100012345678901&sk=photos', 'https://facebook.com/profile.php?id=100012345678901&sk=photos', 'facebook:account:id:100012345678901'],
    ['https://www.facebook.com/100012345678901', 'https://facebook.com/100012345678901', 'facebook:account:id:100012345678901'],
    ['https://www.facebook.com/pages/Some-Page/123456789', 'https://facebook.com/pages/Some-Page/123456789', 'facebook:account:id:123456789'],
    ['https://www.facebook.com/people/Some-Name/100012345678901/', 'https://facebook.com/people/Some-Name/100012345678901', 'facebook:account:id:100012345678901'],
    ['https://www.facebook.com/pg/some.page/posts/', 'https://facebook.com/pg/some.page/posts', 'facebook:account:some.page'],
    ['https://www.facebook.com/events/123456789/', 'https://facebook.com/events/123456789', 'facebook:event:123456789'],
    ['https://www.facebook.com/marketplace/item/123456789/', 'https://facebook.com/marketplace/item/123456789', 'facebook:marketplace:123456789'],
    ['https://business.facebook.com/some.page', 'https://facebook.com/some.page', 'facebook:account:some.page'],
    ['https://www.facebook.com/', 'https://facebook.com'],
    ['https://www.facebook.com/login/', 'https://facebook.com/login'],
    ['https://www.facebook.com/watch/', 'https://facebook.com/watch'],
    ['https://www.facebook.com/hashtag/maroc', 'https://facebook.com/hashtag/maroc'],
    ['https://www.facebook.com/some.page/posts/not-an-id', 'https://facebook.com/some.page/posts/not-an-id'],
    ['https://facebook.com:8443/some.page', 'https://facebook.com:8443/some.page'],
    ['https://facebook.com.evil.example/some.page/posts/1', 'https://facebook.com.evil.example/some.page/posts/1'],
    ['https://evilfacebook.com/some.page', 'https://evilfacebook.com/some.page'],
  ],
  'redirectors (unwrapped, never followed)': [
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fpage%3Futm_source%3Dfacebook&h=AT3xyz', 'https://example.com/page'],
    ['https://lm.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fsome.page%2Fposts%2F123456789&h=AT', FBP, 'facebook:post:123456789'],
    ['https://www.facebook.com/l.php?u=http%3A%2F%2Fexample.com%2F', 'https://example.com'],
    ['https://l.messenger.com/l.php?u=https%3A%2F%2Fexample.com%2Fx&h=AT', 'https://example.com/x'],
    ['https://l.facebook.com/l.php?h=AT', 'https://facebook.com/l.php?h=AT'],
    ['https://l.facebook.com/l.php?u=javascript%3Aalert(1)', 'https://facebook.com/l.php?u=javascript:alert(1)'],
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fexample.com%252Fx', 'https://example.com/x'],
    ['https://l.instagram.com/?u=https%3A%2F%2Fexample.com%2Fshop&e=AT0', 'https://example.com/shop'],
    ['https://www.google.com/url?q=https://example.com/a&sa=D&source=editors', 'https://example.com/a'],
    ['https://www.google.co.ma/url?url=https%3A%2F%2Fexample.com%2Fa', 'https://example.com/a'],
    ['https://www.google.com/amp/s/example.com/article/', 'https://example.com/article'],
    ['https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fexample.com%2Fpromo&v=dQw4w9WgXcQ', 'https://example.com/promo'],
    ['https://www.youtube.com/attribution_link?a=abc&u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare', YTW, YTK],
    ['https://www.google.com/search?q=https://example.com', 'https://google.com/search?q=https://example.com'],
  ],
  instagram: [
    [`https://www.instagram.com/p/${IG}/`, `https://instagram.com/p/${IG}`, `instagram:post:${IG}`],
    [`instagram.com/p/${IG}`, `https://instagram.com/p/${IG}`, `instagram:post:${IG}`],
    [`https://instagr.am/p/${IG}/`, `https://instagram.com/p/${IG}`, `instagram:post:${IG}`],
    [`https://www.instagram.com/p/${IG}/?igshid=MzRlODBiNWFlZA==`, `https://instagram.com/p/${IG}`, `instagram:post:${IG}`],
    [`https://www.instagram.com/p/${IG}/?igsh=MWQ1ZGUxMzBkMA%3D%3D&utm_source=ig_web_copy_link`, `https://instagram.com/p/${IG}`, `instagram:post:${IG}`],
    [`https://www.instagram.com/p/${IG}/?img_index=2`, `https://instagram.com/p/${IG}?img_index=2`, `instagram:post:${IG}`],
    ['https://www.instagram.com/reel/C2bXyZ-_123/', 'https://instagram.com/reel/C2bXyZ-_123', 'instagram:post:C2bXyZ-_123'],
    ['https://www.instagram.com/reels/C2bXyZ-_123/', 'https://instagram.com/reels/C2bXyZ-_123', 'instagram:post:C2bXyZ-_123'],
    ['https://www.instagram.com/tv/B9aBcDeFgHi/', 'https://instagram.com/tv/B9aBcDeFgHi', 'instagram:post:B9aBcDeFgHi'],
    [`https://www.instagram.com/some_user/p/${IG}/`, `https://instagram.com/some_user/p/${IG}`, `instagram:post:${IG}`],
    [`https://www.instagram.com/some_user/reel/${IG}/`, `https://instagram.com/some_user/reel/${IG}`, `instagram:post:${IG}`],
    ['https://www.instagram.com/Some.User/', 'https://instagram.com/Some.User', 'instagram:account:some.user'],
    ['https://m.instagram.com/some.user', 'https://instagram.com/some.user', 'instagram:account:some.user'],
    ['https://www.instagram.com/some.user/?hl=fr', 'https://instagram.com/some.user', 'instagram:account:some.user'],
    ['https://www.instagram.com/some.user/tagged/', 'https://instagram.com/some.user/tagged', 'instagram:account:some.user'],
    ['https://www.instagram.com/stories/some.user/3141592653589793238/', 'https://instagram.com/stories/some.user/3141592653589793238', 'instagram:story:3141592653589793238'],
    ['https://www.instagram.com/stories/some.user/', 'https://instagram.com/stories/some.user', 'instagram:account:some.user'],
    ['https://www.instagram.com/stories/highlights/17912345678901234/', 'https://instagram.com/stories/highlights/17912345678901234', 'instagram:highlight:17912345678901234'],
    ['https://www.instagram.com/p/cx1abcdefgh/', 'https://instagram.com/p/cx1abcdefgh', 'instagram:post:cx1abcdefgh'],
    ['https://www.instagram.com/explore/tags/maroc/', 'https://instagram.com/explore/tags/maroc'],
    ['https://www.instagram.com/', 'https://instagram.com'],
    ['https://www.instagram.com/p/', 'https://instagram.com/p'],
    [`https://www.instagram.com/accounts/login/?next=/p/${IG}/`, `https://instagram.com/accounts/login?next=/p/${IG}/`],
  ],
  tiktok: [
    [`https://www.tiktok.com/@some.user/video/${TT}`, `https://tiktok.com/@some.user/video/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/@Some.User/video/${TT}?is_from_webapp=1&sender_device=pc`, `https://tiktok.com/@Some.User/video/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/@some.user/video/${TT}?_t=8abcDEF&_r=1`, `https://tiktok.com/@some.user/video/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/@some.user/video/${TT}?lang=fr`, `https://tiktok.com/@some.user/video/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/@some.user/video/${TT}?is_copy_url=1&web_id=123&u_code=abc`, `https://tiktok.com/@some.user/video/${TT}`, `tiktok:video:${TT}`],
    [`https://m.tiktok.com/v/${TT}.html`, `https://tiktok.com/v/${TT}.html`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/@some.user/photo/7312345678901234999`, 'https://tiktok.com/@some.user/photo/7312345678901234999', 'tiktok:video:7312345678901234999'],
    [`https://www.tiktok.com/embed/v2/${TT}`, `https://tiktok.com/embed/v2/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/embed/${TT}`, `https://tiktok.com/embed/${TT}`, `tiktok:video:${TT}`],
    [`https://www.tiktok.com/share/video/${TT}`, `https://tiktok.com/share/video/${TT}`, `tiktok:video:${TT}`],
    ['https://www.tiktok.com/@some.user', 'https://tiktok.com/@some.user', 'tiktok:account:some.user'],
    ['https://www.tiktok.com/@Some.User?lang=en', 'https://tiktok.com/@Some.User', 'tiktok:account:some.user'],
    ['https://m.tiktok.com/@some.user', 'https://tiktok.com/@some.user', 'tiktok:account:some.user'],
    ['https://www.tiktok.com/%40some.user', 'https://tiktok.com/%40some.user', 'tiktok:account:some.user'],
    ['https://vm.tiktok.com/ZMabc1234/', 'https://vm.tiktok.com/ZMabc1234', 'tiktok:short:ZMabc1234'],
    ['https://vt.tiktok.com/ZSabc1234/', 'https://vt.tiktok.com/ZSabc1234', 'tiktok:short:ZSabc1234'],
    ['vm.tiktok.com/ZMabc1234', 'https://vm.tiktok.com/ZMabc1234', 'tiktok:short:ZMabc1234'],
    ['https://www.tiktok.com/t/ZTRabc123/', 'https://tiktok.com/t/ZTRabc123', 'tiktok:short:ZTRabc123'],
    ['https://www.tiktok.com/tag/maroc', 'https://tiktok.com/tag/maroc'],
    ['https://www.tiktok.com/@some.user/live', 'https://tiktok.com/@some.user/live'],
    ['https://www.tiktok.com/', 'https://tiktok.com'],
    ['https://www.tiktok.com/@some.user/video/abc', 'https://tiktok.com/@some.user/video/abc'],
  ],
  youtube: [
    [`https://www.youtube.com/watch?v=${YT}`, YTW, YTK],
    [`youtube.com/watch?v=${YT}`, YTW, YTK],
    [`https://youtu.be/${YT}`, YTW, YTK],
    [`https://youtu.be/${YT}?si=AbCdEf123`, YTW, YTK],
    [`https://youtu.be/${YT}?t=42`, `https://youtube.com/watch?t=42&v=${YT}`, YTK],
    [`https://m.youtube.com/watch?v=${YT}&feature=youtu.be`, YTW, YTK],
    [`https://music.youtube.com/watch?v=${YT}&feature=share`, YTW, YTK],
    [`https://gaming.youtube.com/watch?v=${YT}`, YTW, YTK],
    [`https://www.youtube.com/watch?v=${YT}&list=PLabcdefghij1234&index=3`, `https://youtube.com/watch?index=3&list=PLabcdefghij1234&v=${YT}`, YTK],
    [`https://www.youtube.com/watch?v=${YT}&pp=ygUFaGVsbG8%3D`, YTW, YTK],
    [`https://www.youtube.com/watch?v=${YT}&ab_channel=RickAstley`, YTW, YTK],
    [`https://www.youtube.com/watch?app=desktop&v=${YT}`, YTW, YTK],
    [`https://www.youtube.com/watch?feature=player_embedded&v=${YT}`, YTW, YTK],
    [`https://www.youtube.com/watch?v=${YT}#t=30`, YTW, YTK],
    [`https://www.youtube.com/watch/?v=${YT}`, YTW, YTK],
    [`https://www.youtube.com/watch?v=${YT}&t=1m30s`, `https://youtube.com/watch?t=1m30s&v=${YT}`, YTK],
    [`https://www.youtube.com/shorts/${YT}`, `https://youtube.com/shorts/${YT}`, YTK],
    [`https://youtube.com/shorts/${YT}?feature=share`, `https://youtube.com/shorts/${YT}`, YTK],
    [`https://www.youtube.com/embed/${YT}?start=30`, `https://youtube.com/embed/${YT}?start=30`, YTK],
    [`https://www.youtube-nocookie.com/embed/${YT}`, `https://youtube.com/embed/${YT}`, YTK],
    [`https://www.youtube.com/live/${YT}?si=x`, `https://youtube.com/live/${YT}`, YTK],
    [`https://www.youtube.com/v/${YT}?version=3`, `https://youtube.com/v/${YT}?version=3`, YTK],
    [`https://www.youtube.com/e/${YT}`, `https://youtube.com/e/${YT}`, YTK],
    ['https://youtu.be/DQW4W9WGXCQ', 'https://youtube.com/watch?v=DQW4W9WGXCQ', 'youtube:video:DQW4W9WGXCQ'],
    ['https://www.youtube.com/@SomeHandle', 'https://youtube.com/@SomeHandle', 'youtube:account:@somehandle'],
    ['https://www.youtube.com/@SomeHandle/videos', 'https://youtube.com/@SomeHandle/videos', 'youtube:account:@somehandle'],
    ['https://m.youtube.com/@somehandle/shorts', 'https://youtube.com/@somehandle/shorts', 'youtube:account:@somehandle'],
    ['https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw', 'https://youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw', 'youtube:account:UCuAXFkgsw1L7xaCfnd5JJOw'],
    ['https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/videos', 'https://youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/videos', 'youtube:account:UCuAXFkgsw1L7xaCfnd5JJOw'],
    ['https://www.youtube.com/c/SomeName', 'https://youtube.com/c/SomeName', 'youtube:account:c/somename'],
    ['https://www.youtube.com/SomeName', 'https://youtube.com/SomeName', 'youtube:account:c/somename'],
    ['https://www.youtube.com/user/SomeUser', 'https://youtube.com/user/SomeUser', 'youtube:account:user/someuser'],
    ['https://www.youtube.com/playlist?list=PLabcdefghij1234', 'https://youtube.com/playlist?list=PLabcdefghij1234', 'youtube:playlist:PLabcdefghij1234'],
    ['https://www.youtube.com/post/UgkxAbCdEf123', 'https://youtube.com/post/UgkxAbCdEf123', 'youtube:post:UgkxAbCdEf123'],
    ['https://www.youtube.com/watch?v=tooShort', 'https://youtube.com/watch?v=tooShort'],
    ['https://www.youtube.com/', 'https://youtube.com'],
    ['https://www.youtube.com/results?search_query=maroc', 'https://youtube.com/results?search_query=maroc'],
    ['https://youtu.be/', 'https://youtu.be'],
  ],
  'x / twitter': [
    [`https://x.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://twitter.com/SomeUser/status/${TW}?s=20&t=AbCdEf`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://mobile.twitter.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://www.twitter.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://fxtwitter.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://vxtwitter.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://fixupx.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://fixvx.com/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://x.com/SomeUser/status/${TW}/photo/1`, `https://x.com/SomeUser/status/${TW}/photo/1`, `x:status:${TW}`],
    [`https://x.com/SomeUser/status/${TW}/video/1`, `https://x.com/SomeUser/status/${TW}/video/1`, `x:status:${TW}`],
    [`https://twitter.com/i/web/status/${TW}`, `https://x.com/i/web/status/${TW}`, `x:status:${TW}`],
    [`https://x.com/i/status/${TW}`, `https://x.com/i/status/${TW}`, `x:status:${TW}`],
    [`https://twitter.com/SomeUser/statuses/${TW}`, `https://x.com/SomeUser/statuses/${TW}`, `x:status:${TW}`],
    [`https://twitter.com/#!/SomeUser/status/${TW}`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    [`https://x.com/SomeUser/status/${TW}?ref_src=twsrc%5Etfw`, `https://x.com/SomeUser/status/${TW}`, `x:status:${TW}`],
    ['https://x.com/SomeUser', 'https://x.com/SomeUser', 'x:account:someuser'],
    ['https://twitter.com/someuser?lang=fr', 'https://x.com/someuser', 'x:account:someuser'],
    ['https://x.com/SomeUser/media', 'https://x.com/SomeUser/media', 'x:account:someuser'],
    ['https://t.co/AbCdE12345', 'https://t.co/AbCdE12345', 'x:short:AbCdE12345'],
    ['https://x.com/home', 'https://x.com/home'],
    ['https://x.com/search?q=maroc', 'https://x.com/search?q=maroc'],
    ['https://x.com/hashtag/maroc', 'https://x.com/hashtag/maroc'],
    ['https://x.com/intent/tweet?text=hi', 'https://x.com/intent/tweet?text=hi'],
    ['https://x.com/', 'https://x.com'],
  ],
  telegram: [
    ['https://t.me/some_channel/1234', 'https://t.me/some_channel/1234', 'telegram:post:some_channel/1234'],
    ['t.me/Some_Channel/1234', 'https://t.me/Some_Channel/1234', 'telegram:post:some_channel/1234'],
    ['https://t.me/s/some_channel/1234', 'https://t.me/s/some_channel/1234', 'telegram:post:some_channel/1234'],
    ['https://telegram.me/some_channel/1234', 'https://t.me/some_channel/1234', 'telegram:post:some_channel/1234'],
    ['https://telegram.dog/some_channel/1234', 'https://t.me/some_channel/1234', 'telegram:post:some_channel/1234'],
    ['https://t.me/some_channel/1234?single', 'https://t.me/some_channel/1234?single', 'telegram:post:some_channel/1234'],
    ['https://t.me/some_channel/1234?comment=55', 'https://t.me/some_channel/1234?comment=55', 'telegram:post:some_channel/1234'],
    ['https://t.me/some_channel/12/1234', 'https://t.me/some_channel/12/1234', 'telegram:post:some_channel/1234'],
    ['https://t.me/some_channel', 'https://t.me/some_channel', 'telegram:account:some_channel'],
    ['https://t.me/s/some_channel', 'https://t.me/s/some_channel', 'telegram:account:some_channel'],
    ['https://somechannel.t.me/', 'https://t.me/somechannel', 'telegram:account:somechannel'],
    ['https://t.me/c/1234567890/55', 'https://t.me/c/1234567890/55', 'telegram:post:c/1234567890/55'],
    ['https://t.me/c/1234567890/12/55', 'https://t.me/c/1234567890/12/55', 'telegram:post:c/1234567890/55'],
    ['https://t.me/+AbCdEfGhIjKl123', 'https://t.me/+AbCdEfGhIjKl123', 'telegram:invite:AbCdEfGhIjKl123'],
    ['https://t.me/joinchat/AbCdEfGhIjKl123', 'https://t.me/joinchat/AbCdEfGhIjKl123', 'telegram:invite:AbCdEfGhIjKl123'],
    ['https://t.me/+212600000000', 'https://t.me/+212600000000', 'telegram:phone:212600000000'],
    ['https://t.me/share/url?url=https%3A%2F%2Fexample.com', 'https://t.me/share/url?url=https://example.com'],
    ['https://t.me/addstickers/SomePack', 'https://t.me/addstickers/SomePack'],
    ['https://t.me/', 'https://t.me'],
  ],
  whatsapp: [
    ['https://wa.me/212612345678', 'https://wa.me/212612345678', 'whatsapp:phone:212612345678'],
    ['https://wa.me/+212612345678', 'https://wa.me/+212612345678', 'whatsapp:phone:212612345678'],
    ['wa.me/212612345678?text=Salam', 'https://wa.me/212612345678?text=Salam', 'whatsapp:phone:212612345678'],
    ['https://api.whatsapp.com/send?phone=212612345678', 'https://api.whatsapp.com/send?phone=212612345678', 'whatsapp:phone:212612345678'],
    ['https://api.whatsapp.com/send?phone=+212612345678', 'https://api.whatsapp.com/send?phone=212612345678', 'whatsapp:phone:212612345678'],
    ['https://api.whatsapp.com/send/?phone=%2B212612345678&text&type=phone_number&app_absent=0', 'https://api.whatsapp.com/send?app_absent=0&phone=212612345678&text&type=phone_number', 'whatsapp:phone:212612345678'],
    ['https://web.whatsapp.com/send?phone=212612345678', 'https://whatsapp.com/send?phone=212612345678', 'whatsapp:phone:212612345678'],
    ['https://wa.me/0021261234567', 'https://wa.me/0021261234567', 'whatsapp:phone:21261234567'],
    ['https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv', 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv', 'whatsapp:group:AbCdEfGhIjKlMnOpQrStUv'],
    ['https://chat.whatsapp.com/invite/AbCdEfGhIjKlMnOpQrStUv', 'https://chat.whatsapp.com/invite/AbCdEfGhIjKlMnOpQrStUv', 'whatsapp:group:AbCdEfGhIjKlMnOpQrStUv'],
    ['https://www.whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0123', 'https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0123', 'whatsapp:channel:0029VaAbCdEfGhIjKlMn0123'],
    ['https://wa.me/message/ABCDEF123GHI1', 'https://wa.me/message/ABCDEF123GHI1', 'whatsapp:message:ABCDEF123GHI1'],
    ['https://wa.me/', 'https://wa.me'],
    ['https://wa.me/12', 'https://wa.me/12'],
  ],
  snapchat: [
    ['https://www.snapchat.com/add/some.user', 'https://snapchat.com/add/some.user', 'snapchat:account:some.user'],
    ['https://snapchat.com/add/Some.User?share_id=AbC123&locale=fr-MA', 'https://snapchat.com/add/Some.User', 'snapchat:account:some.user'],
    ['https://story.snapchat.com/@some.user', 'https://story.snapchat.com/@some.user', 'snapchat:account:some.user'],
    ['https://www.snapchat.com/@some.user', 'https://snapchat.com/@some.user', 'snapchat:account:some.user'],
    ['https://story.snapchat.com/s/some.user', 'https://story.snapchat.com/s/some.user', 'snapchat:account:some.user'],
    ['https://t.snapchat.com/AbCd1234', 'https://t.snapchat.com/AbCd1234', 'snapchat:short:AbCd1234'],
    ['https://www.snapchat.com/t/AbCd1234', 'https://snapchat.com/t/AbCd1234', 'snapchat:short:AbCd1234'],
    ['https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYanBvc2V0ZmZ6', 'https://snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYanBvc2V0ZmZ6', 'snapchat:spotlight:W7_EDlXWTBiXAEEniNoMPwAAYanBvc2V0ZmZ6'],
    ['https://www.snapchat.com/', 'https://snapchat.com'],
  ],
  'other sites and aliases': [
    ['https://www.threads.net/@some.user/post/C1AbCdEfGhI', 'https://threads.com/@some.user/post/C1AbCdEfGhI'],
    ['https://www.threads.com/@some.user/post/C1AbCdEfGhI', 'https://threads.com/@some.user/post/C1AbCdEfGhI'],
    ['https://discord.gg/AbCd1234', 'https://discord.gg/AbCd1234'],
    ['https://bit.ly/3AbCdEf', 'https://bit.ly/3AbCdEf'],
    ['https://cutt.ly/AbCdEfG', 'https://cutt.ly/AbCdEfG'],
    ['https://www.reddit.com/r/maroc/comments/abc123/', 'https://reddit.com/r/maroc/comments/abc123'],
    ['https://ok.ru/video/1234567890123', 'https://ok.ru/video/1234567890123'],
    ['https://vk.com/some_user', 'https://vk.com/some_user'],
    ['https://www.twitch.tv/some_user', 'https://twitch.tv/some_user'],
    ['https://www.bigo.tv/123456789', 'https://bigo.tv/123456789'],
    ['https://kick.com/some_user', 'https://kick.com/some_user'],
  ],
};

function check(input: string, canonical: string | null, key: string | undefined): void {
  const result = canonicaliseUrl(input);
  if (canonical === null) {
    assert.equal(result, null, `expected null, got ${JSON.stringify(result)}`);
    return;
  }
  assert.ok(result, 'expected a canonical URL, got null');
  assert.equal(result.canonical, canonical);
  assert.equal(result.contentKey, key ?? `url:${canonical}`);
  // The canonical form is a fixed point.
  const again = canonicaliseUrl(result.canonical);
  assert.equal(again?.canonical, result.canonical);
  assert.equal(again?.contentKey, result.contentKey);
}

const ROW_COUNT = Object.values(TABLE).reduce((n, rows) => n + rows.length, 0);

describe('canonicaliseUrl: table of real-world shapes', () => {
  test(`the table holds at least 300 rows (${ROW_COUNT})`, () => {
    assert.ok(ROW_COUNT >= 300);
  });
  for (const [group, rows] of Object.entries(TABLE)) {
    describe(group, () => {
      for (const [input, canonical, key] of rows) {
        test(JSON.stringify(input), () => check(input, canonical, key));
      }
    });
  }
});

describe('canonicaliseUrl: fields', () => {
  test('a Facebook post', () => {
    assert.deepEqual(canonicaliseUrl('https://www.facebook.com/Some.Page/posts/123?fbclid=x'), {
      canonical: 'https://facebook.com/Some.Page/posts/123',
      host: 'facebook.com',
      platform: 'facebook',
      account: 'some.page',
      postId: '123',
      contentKey: 'facebook:post:123',
    } satisfies CanonicalUrl);
  });
  test('a YouTube short link', () => {
    assert.deepEqual(canonicaliseUrl(`youtu.be/${YT}?si=abc`), { canonical: YTW, host: 'youtube.com', platform: 'youtube', account: null, postId: YT, contentKey: YTK });
  });
  test('a tweet', () => {
    const r = canonicaliseUrl(`https://mobile.twitter.com/SomeUser/status/${TW}?s=20`);
    assert.deepEqual([r?.host, r?.platform, r?.account, r?.postId], ['x.com', 'x', 'someuser', TW]);
  });
  test('a Telegram post and a private-chat post', () => {
    const r = canonicaliseUrl('https://t.me/s/Some_Channel/77');
    assert.deepEqual([r?.host, r?.platform, r?.account, r?.postId], ['t.me', 'telegram', 'some_channel', '77']);
    const c = canonicaliseUrl('https://t.me/c/1234567890/55');
    assert.deepEqual([c?.account, c?.postId], ['c/1234567890', '55']);
  });
  test('Facebook story.php and profile.php give the numeric owner', () => {
    assert.equal(canonicaliseUrl('https://m.facebook.com/story.php?story_fbid=1&id=100064')?.account, 'id:100064');
    assert.equal(canonicaliseUrl('https://facebook.com/profile.php?id=100064')?.account, 'id:100064');
  });
  test('TikTok, Instagram, Snapchat and WhatsApp accounts', () => {
    assert.equal(canonicaliseUrl(`https://www.tiktok.com/@Some.User/video/${TT}`)?.account, 'some.user');
    assert.equal(canonicaliseUrl(`https://www.instagram.com/Some_User/p/${IG}`)?.account, 'some_user');
    assert.equal(canonicaliseUrl('https://snapchat.com/add/Some.User')?.account, 'some.user');
    assert.equal(canonicaliseUrl('https://wa.me/+212612345678')?.account, '212612345678');
  });
  test('YouTube channel ids keep their case, handles do not', () => {
    assert.equal(canonicaliseUrl('https://youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw')?.account, 'UCuAXFkgsw1L7xaCfnd5JJOw');
    assert.equal(canonicaliseUrl('https://youtube.com/@SomeHandle')?.account, '@somehandle');
  });
  test('other sites: no platform, no account, no post', () => {
    const r = canonicaliseUrl('https://www.credit-rapide.ma/offre?id=12');
    assert.deepEqual([r?.host, r?.platform, r?.account, r?.postId], ['credit-rapide.ma', null, null, null]);
  });
  test('short links keep their own host (nothing is resolved)', () => {
    assert.equal(canonicaliseUrl('https://fb.watch/aBcD3fGh1J')?.host, 'fb.watch');
    assert.equal(canonicaliseUrl('https://vm.tiktok.com/ZMabc1234')?.host, 'vm.tiktok.com');
    assert.equal(canonicaliseUrl('https://bit.ly/3AbCdEf')?.platform, null);
  });
});

/** Many spellings of one piece of content: they must share one key. */
const SAME_CONTENT: Readonly<Record<string, readonly string[]>> = {
  [YTK]: [
    `https://www.youtube.com/watch?v=${YT}`,
    `youtube.com/watch?v=${YT}`,
    `http://youtube.com/watch?v=${YT}`,
    `https://youtu.be/${YT}`,
    `youtu.be/${YT}?si=B2xYz`,
    `https://m.youtube.com/watch?v=${YT}&feature=share`,
    `https://music.youtube.com/watch?v=${YT}`,
    `https://www.youtube.com/shorts/${YT}`,
    `https://www.youtube.com/embed/${YT}`,
    `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1`,
    `https://www.youtube.com/live/${YT}`,
    `https://www.youtube.com/v/${YT}`,
    `https://www.youtube.com/watch?v=${YT}&t=42s&list=PLx&index=2&pp=abc`,
    `hxxps://youtu[.]be/${YT}`,
    `<https://WWW.YOUTUBE.COM/watch?feature=youtu.be&v=${YT}#t=1>`,
    `https://l.facebook.com/l.php?u=https%3A%2F%2Fyoutu.be%2F${YT}&h=AT1`,
    `https://www.youtube.com/attribution_link?u=%2Fwatch%3Fv%3D${YT}`,
    `youtube[.]com/watch?v=${YT}.`,
    `https://you\u200btube.com/watch?v=${YT}`,
  ],
  'facebook:post:123456789': [
    'https://www.facebook.com/some.page/posts/123456789',
    'https://m.facebook.com/some.page/posts/123456789/',
    'https://mbasic.facebook.com/some.page/posts/123456789?refid=52',
    'https://web.facebook.com/some.page/posts/123456789?_rdr',
    'https://fb.com/some.page/posts/123456789',
    'facebook.com/Some.Page/posts/123456789',
    'https://www.facebook.com/story.php?story_fbid=123456789&id=100064',
    'https://m.facebook.com/story.php?story_fbid=123456789&id=100064&mibextid=Nif5oz',
    'https://www.facebook.com/permalink.php?story_fbid=123456789&id=100064',
    'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fsome.page%2Fposts%2F123456789&h=AT',
    'hxxps://www[.]facebook[.]com/some.page/posts/123456789',
    'https://www.facebook.com/some.page/posts/123456789?__cft__[0]=AZW&__tn__=%2CO%2CP-R',
    'https://touch.facebook.com/some.page/posts/123456789',
    'https://fr-fr.facebook.com/some.page/posts/123456789#comments',
    '"facebook[.]com/some.page/posts/123456789"',
  ],
  [`x:status:${TW}`]: [
    `https://x.com/SomeUser/status/${TW}`,
    `https://twitter.com/SomeUser/status/${TW}?s=20&t=AbCdEfGhIjKl`,
    `https://mobile.twitter.com/someuser/status/${TW}`,
    `https://fxtwitter.com/SomeUser/status/${TW}`,
    `https://vxtwitter.com/SomeUser/status/${TW}`,
    `https://fixupx.com/SomeUser/status/${TW}`,
    `twitter.com/SomeUser/status/${TW}/photo/1`,
    `https://x.com/i/web/status/${TW}`,
    `https://twitter.com/#!/SomeUser/status/${TW}`,
    `hxxps://x[.]com/SomeUser/status/${TW}?s=46`,
    `https://www.twitter.com/SomeUser/status/${TW}?ref_src=twsrc%5Etfw`,
  ],
  [`instagram:post:${IG}`]: [
    `https://www.instagram.com/p/${IG}/`,
    `instagram.com/p/${IG}`,
    `https://instagr.am/p/${IG}/`,
    `https://www.instagram.com/reel/${IG}/?igsh=MWQ1ZGUxMzBkMA==`,
    `https://www.instagram.com/some_user/p/${IG}/?utm_source=ig_web_copy_link`,
    `hxxps://www[.]instagram[.]com/p/${IG}/`,
  ],
  [`tiktok:video:${TT}`]: [
    `https://www.tiktok.com/@some.user/video/${TT}`,
    `https://www.tiktok.com/@Some.User/video/${TT}?is_from_webapp=1&sender_device=pc`,
    `https://m.tiktok.com/v/${TT}.html`,
    `tiktok.com/@some.user/video/${TT}?_t=8abc&_r=1`,
    `https://www.tiktok.com/embed/v2/${TT}`,
    `https://www.tiktok.com/@some.user/video/${TT}?lang=fr`,
  ],
  'telegram:post:some_channel/1234': [
    'https://t.me/some_channel/1234',
    't.me/Some_Channel/1234',
    'https://t.me/s/some_channel/1234',
    'https://telegram.me/some_channel/1234',
    'telegram.dog/some_channel/1234?single',
    'hxxps://t[.]me/some_channel/1234',
  ],
  'whatsapp:phone:212612345678': [
    'https://wa.me/212612345678',
    'https://wa.me/+212612345678',
    'wa.me/212612345678?text=Salam',
    'https://api.whatsapp.com/send?phone=212612345678',
    'https://api.whatsapp.com/send/?phone=%2B212612345678&text&type=phone_number&app_absent=0',
    'https://web.whatsapp.com/send?phone=212612345678',
  ],
  'snapchat:account:some.user': [
    'https://www.snapchat.com/add/some.user',
    'https://snapchat.com/add/Some.User?share_id=AbC123&locale=fr-MA',
    'https://story.snapchat.com/@some.user',
    'snapchat.com/@some.user',
  ],
  'facebook:account:some.page': [
    'https://www.facebook.com/some.page',
    'https://m.facebook.com/Some.Page/',
    'fb.com/some.page',
    'https://www.facebook.com/some.page/about',
    'https://www.facebook.com/#!/some.page',
    'facebook dot com/some.page',
  ],
  'url:https://credit-rapide.ma/offre?id=12': [
    'https://credit-rapide.ma/offre?id=12',
    'credit-rapide.ma/offre?id=12',
    'http://www.credit-rapide.ma/offre?id=12&utm_source=facebook',
    'HTTPS://CREDIT-RAPIDE.MA/offre/?id=12#form',
    'hxxp://credit-rapide[.]ma/offre?id=12',
    ' credit-rapide.ma/offre?fbclid=IwAR0&id=12 ',
    'https://l.facebook.com/l.php?u=https%3A%2F%2Fcredit-rapide.ma%2Foffre%3Fid%3D12',
  ],
};

describe('canonicaliseUrl: same content, one key', () => {
  for (const [key, variants] of Object.entries(SAME_CONTENT)) {
    test(`${variants.length} spellings of ${key}`, () => {
      for (const variant of variants) assert.equal(canonicaliseUrl(variant)?.contentKey, key, JSON.stringify(variant));
    });
  }
});

/** Pairs that look alike but are different content. */
const DIFFERENT: readonly (readonly [string, string])[] = [
  ['https://facebook.com/some.page/posts/123', 'https://facebook.com/some.page/posts/124'],
  ['https://facebook.com/some.page', 'https://facebook.com/some.page/posts/123'],
  ['https://facebook.com/some.page', 'https://facebook.com/other.page'],
  ['https://facebook.com/groups/1', 'https://facebook.com/1'],
  ['https://fb.watch/aBcD3fGh1J', 'https://fb.watch/aBcD3fGh1j'],
  ['https://facebook.com/photo?fbid=55', 'https://facebook.com/some.page/posts/55'],
  [`https://youtu.be/${YT}`, 'https://youtu.be/dQw4w9WgXcq'],
  [`https://youtu.be/${YT}`, 'https://youtube.com/@somehandle'],
  ['https://youtube.com/@somename', 'https://youtube.com/c/somename'],
  [`https://instagram.com/p/${IG}`, `https://instagram.com/p/${IG.toLowerCase()}`],
  ['https://instagram.com/some.user', `https://instagram.com/some.user/p/${IG}`],
  [`https://x.com/a/status/${TW}`, 'https://x.com/a/status/1790000000000000001'],
  ['https://x.com/someuser', `https://x.com/someuser/status/${TW}`],
  ['https://t.me/chan_one/5', 'https://t.me/chan_one/6'],
  ['https://t.me/chan_one/5', 'https://t.me/chan_two/5'],
  ['https://t.me/chan_one', 'https://t.me/chan_one/5'],
  ['https://t.me/+AbCdEfGhIjK', 'https://t.me/+abcdefghijk'],
  [`https://tiktok.com/@u/video/${TT}`, 'https://tiktok.com/@u/video/7312345678901234568'],
  ['https://vm.tiktok.com/ZMabc1234', 'https://vm.tiktok.com/ZMABC1234'],
  ['https://wa.me/212612345678', 'https://wa.me/212612345679'],
  ['https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv', 'https://chat.whatsapp.com/abcdefghijklmnopqrstuv'],
  ['https://example.com/a', 'https://example.com/b'],
  ['https://example.com/A', 'https://example.com/a'],
  ['https://example.com/p?id=1', 'https://example.com/p?id=2'],
  ['https://example.com/p?id=1', 'https://example.com/p'],
  ['https://example.com', 'https://example.org'],
  ['https://example.com', 'https://example.com:8080'],
  ['https://shop.example.com', 'https://example.com'],
  ['https://facebook.com/some.page', 'https://facebook.com.evil.example/some.page'],
  ['https://facebook.com/some.page', 'https://fаcebook.com/some.page'],
  ['https://facebook.com/some.page', 'https://facebook.com@evil.example/some.page'],
  ['https://bit.ly/AbCdEf', 'https://bit.ly/abcdef'],
];

describe('canonicaliseUrl: different content never collides', () => {
  for (const [a, b] of DIFFERENT) {
    test(`${a} ≠ ${b}`, () => {
      const ka = canonicaliseUrl(a)?.contentKey;
      const kb = canonicaliseUrl(b)?.contentKey;
      assert.ok(ka !== undefined && kb !== undefined, 'both are URLs');
      assert.notEqual(ka, kb);
    });
  }
});

describe('canonicaliseUrl: hostile input', () => {
  /** Runs every input, asserts no throw, and that each call stays well under the bound. */
  function timed(inputs: readonly unknown[], perCallMs = 250): (CanonicalUrl | null)[] {
    const out: (CanonicalUrl | null)[] = [];
    for (const input of inputs) {
      const started = performance.now();
      out.push(canonicaliseUrl(input as string));
      const ms = performance.now() - started;
      assert.ok(ms < perCallMs, `${ms.toFixed(1)} ms for ${JSON.stringify(String(input).slice(0, 40))}…`);
    }
    return out;
  }

  test('inputs over 4096 UTF-16 units are refused', () => {
    const long = [
      `https://example.com/${'a'.repeat(5000)}`,
      'a'.repeat(5000),
      '['.repeat(5000),
      ' '.repeat(5000),
      'hxxp[:]//'.repeat(600),
      `https://${'a.'.repeat(2500)}com`,
      `https://example.com/?${'a=1&'.repeat(1300)}`,
      '\u200b'.repeat(5000),
      `${'\u202e'.repeat(4090)}https://example.com/`,
    ];
    for (const result of timed(long)) assert.equal(result, null);
  });

  test('the 4096 boundary: 4096 units are accepted, 4097 are not', () => {
    const base = 'https://example.com/';
    const at = base + 'a'.repeat(MAX_URL_INPUT_LENGTH - base.length);
    assert.equal(at.length, 4096);
    assert.equal(canonicaliseUrl(at)?.canonical, at);
    assert.equal(canonicaliseUrl(`${at}b`), null);
    assert.equal(canonicaliseUrl(` ${at}`), null, 'the bound applies to the raw text');
  });

  test('pathological shapes under the bound finish quickly and do not throw', () => {
    const n = MAX_URL_INPUT_LENGTH;
    const inputs = [
      ' '.repeat(n - 1) + 'x',
      '.'.repeat(n),
      '['.repeat(n),
      ']'.repeat(n),
      '('.repeat(n / 2) + ')'.repeat(n / 2),
      '"'.repeat(n),
      '%'.repeat(n),
      '/'.repeat(n),
      '\\'.repeat(n),
      ':'.repeat(n),
      '@'.repeat(n),
      'a.'.repeat(n / 2),
      `https://${'a.'.repeat(2000)}com`,
      `https://${'a'.repeat(64)}.com`,
      `https://example.com/${'%E0%A4'.repeat(600)}`,
      `https://example.com/${'%'.repeat(4000)}`,
      `https://example.com/?${'&'.repeat(4000)}`,
      `https://example.com/?${'a=%zz&'.repeat(600)}`,
      `https://example.com/${'a '.repeat(2000)}`,
      `https://example.com/${' /'.repeat(2000)}`,
      `example${' dot'.repeat(1000)} com`,
      `${'x dot '.repeat(680)}com`,
      `${'[.]'.repeat(1365)}`,
      `hxxps://${'[dot]'.repeat(800)}`,
      `https://example.com/${'('.repeat(2000)}`,
      `https://example.com/a${')'.repeat(2000)}`,
      `${'«'.repeat(2000)}https://example.com${'»'.repeat(2000)}`,
      `https://${'@'.repeat(2000)}example.com`,
      `https://a.com/${'#!/'.repeat(1000)}`,
      `https://${'www.'.repeat(1000)}example.com`,
      `https://${'m.'.repeat(2000)}facebook.com/x`,
      `https://x.com/#!${'/'.repeat(2000)}`,
      `https://${'\u0660'.repeat(1000)}.com`,
      `https://${'\ud800'.repeat(1000)}.com`,
      `https://example.com/${'\udfff'.repeat(1000)}?${'\ud800=\udc00&'.repeat(500)}`,
      `https://example.com/?${'a'.repeat(4000)}`,
      'https://[' + ':'.repeat(4000) + ']',
      `http${'s'.repeat(4000)}://example.com`,
      `${'h'.repeat(4000)}ttp://example.com`,
      `${'a'.repeat(31)}:`.repeat(128),
      '\u0000'.repeat(n),
      '\u202e'.repeat(n),
    ];
    const started = performance.now();
    timed(inputs);
    assert.ok(performance.now() - started < 2000);
  });

  test('nested redirectors are unwrapped a bounded number of times', () => {
    let url = 'https://example.com/final';
    for (let i = 0; i < 12; i++) url = `https://l.facebook.com/l.php?u=${encodeURIComponent(url)}`;
    assert.ok(url.length <= MAX_URL_INPUT_LENGTH);
    const [result] = timed([url]);
    assert.ok(result);
    assert.equal(result.host, 'facebook.com', 'stops unwrapping and keeps the wrapper');
    let short = 'https://example.com/final';
    for (let i = 0; i < 3; i++) short = `https://l.facebook.com/l.php?u=${encodeURIComponent(short)}`;
    assert.equal(canonicaliseUrl(short)?.canonical, 'https://example.com/final');
  });

  test('non-string input is refused, not thrown on', () => {
    for (const input of [undefined, null, 42, {}, [], Symbol('x'), { toString: () => 'https://example.com' }]) {
      assert.equal(canonicaliseUrl(input as unknown as string), null);
    }
  });

  test('bidi and zero-width spoofing still clusters with the clean URL', () => {
    const clean = canonicaliseUrl('https://www.facebook.com/some.page/posts/123')?.contentKey;
    for (const spoofed of [
      'https://www.face\u200bbook.com/some.page/posts/123',
      '\u202ahttps://www.facebook.com/some.page/posts/123\u202c',
      'https://www.facebook.com/some\u200d.page/posts/1\u200c23',
      'https://www.facebook.com\u2066/some.page\u2069/posts/123',
      '\u200ehttps://www.facebook.com/some.page/posts/123\u200f',
      '\ufeffhttps://www.facebook.com/some.page/posts/\u2060123',
      'https://www.facebook.com/some.page/posts/123\u202e',
    ]) {
      assert.equal(canonicaliseUrl(spoofed)?.contentKey, clean, JSON.stringify(spoofed));
    }
  });

  test('userinfo never makes a URL look like it is on another host', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['https://facebook.com@evil.example/', 'evil.example'],
      ['https://www.facebook.com:password@evil.example/some.page/posts/1', 'evil.example'],
      ['https://facebook.com/some.page@evil.example', 'facebook.com'],
      ['hxxps://facebook[.]com@evil[.]example/', 'evil.example'],
      ['facebook.com@evil.example/some.page', 'evil.example'],
      ['https://evil.example\\@facebook.com', 'evil.example'],
      ['https://evil.example#@facebook.com/', 'evil.example'],
      ['https://evil.example?@facebook.com/', 'evil.example'],
      ['https://youtube.com@youtu.be@evil.example/watch?v=dQw4w9WgXcQ', 'evil.example'],
    ];
    for (const [input, host] of cases) {
      const result = canonicaliseUrl(input);
      assert.equal(result?.host, host, input);
      if (host === 'evil.example') {
        assert.equal(result?.platform, null);
        assert.ok(result?.contentKey.startsWith('url:https://evil.example'), input);
        assert.match(result?.canonical ?? '', /^https:\/\/evil\.example(?:[/?]|$)/, 'credentials are dropped');
      }
    }
    assert.equal(canonicaliseUrl('https://facebook.com@evil.example/')?.canonical, 'https://evil.example');
  });

  test('non-http schemes are refused even when disguised', () => {
    for (const input of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'javascript\u200b:alert(1)', '"javascript:alert(1)"', '<javascript:alert(1)>', 'data:,x', 'DATA:text/html,x', 'file:///C:/Windows/win.ini', 'file:C:/x', 'vbscript:x', 'mailto:a@b.co']) {
      assert.equal(canonicaliseUrl(input), null, JSON.stringify(input));
    }
  });

  test('IPv4, IPv6 and unicode hosts are handled without throwing', () => {
    assert.equal(canonicaliseUrl('http://8.8.8.8')?.host, '8.8.8.8');
    assert.equal(canonicaliseUrl('http://0177.0.0.1/')?.host, '127.0.0.1');
    assert.equal(canonicaliseUrl('http://[::ffff:127.0.0.1]/')?.host, '[::ffff:7f00:1]');
    assert.equal(canonicaliseUrl('http://999.1.1.1/'), null);
    assert.equal(canonicaliseUrl('https://xn--/'), null);
    assert.equal(canonicaliseUrl('https://☃.net/')?.host, 'xn--n3h.net');
    assert.equal(canonicaliseUrl('https://ｆａｃｅｂｏｏｋ.com/some.page')?.contentKey, 'facebook:account:some.page');
  });

  test('random junk never throws and always yields a well-formed result', () => {
    const rng = createRng(deriveSeed('canonical-url-fuzz'));
    const alphabet = ['h', 't', 'p', 's', 'x', ':', '/', '/', '.', '.', '[', ']', '(', ')', '@', '?', '&', '=', '#', '%', '2', 'e', 'E', ' ', '\\', 'a', 'b', 'c', 'o', 'm', 'w', '\u200b', '\u202e', '"', '<', '>', '+', '-', '_', '~', 'é', 'ا', '\ud800', 'dot', 'www.', 'm.', 'facebook.com', 'youtu.be/', 't.me/', 'l.php?u=', '%3A%2F%2F'];
    const started = performance.now();
    for (let i = 0; i < 3000; i++) {
      let text = rng.chance(0.5) ? 'https://' : '';
      const length = rng.int(0, 40);
      for (let j = 0; j < length; j++) text += rng.pick(alphabet);
      const result = canonicaliseUrl(text);
      if (result !== null) {
        assert.ok(result.canonical.startsWith('https://'), text);
        assert.ok(result.contentKey.length > 0);
        assert.ok(!/[\s\u200b\u202e]/.test(result.canonical), JSON.stringify(result.canonical));
        assert.equal(result.host, result.host.toLowerCase());
      }
    }
    assert.ok(performance.now() - started < 5000);
  });
});

describe('canonicaliseUrl: reports from the intake generator', () => {
  test('every typed variant of a form gets the key of the form itself', () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = createRng(deriveSeed('canonical-url', seed));
      const item = createContentItem(rng, 'scam', 10);
      for (const form of item.accountUrl ? [...item.forms, item.accountUrl] : item.forms) {
        const expected = canonicaliseUrl(form);
        assert.ok(expected, form);
        for (let k = 0; k < 6; k++) {
          const typed = typedUrl(rng, form, item.platform);
          assert.equal(canonicaliseUrl(typed)?.contentKey, expected.contentKey, `${JSON.stringify(typed)} (form ${form})`);
          checked++;
        }
      }
    }
    assert.ok(checked > 5000);
  });

  test('the same post, video or account reached through its several long forms shares one key', () => {
    let items = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = createRng(deriveSeed('canonical-url-forms', seed));
      const item = createContentItem(rng, 'scam', 10);
      // Short links and numeric profile ids cannot be tied to their target without fetching.
      const longForms = item.forms.filter((f) => !/\/\/(?:fb\.watch|vm\.tiktok\.com|vt\.tiktok\.com|t\.snapchat\.com|bit\.ly|cutt\.ly)\/|profile\.php|\/\/discord\./.test(f));
      if (!['facebook', 'instagram', 'tiktok', 'youtube', 'x', 'telegram', 'whatsapp', 'snapchat', 'threads'].includes(item.platform) || longForms.length < 2) continue;
      const keys = new Set(longForms.map((f) => canonicaliseUrl(f)?.contentKey));
      assert.equal(keys.size, 1, `${item.platform}: ${longForms.join(' | ')} → ${[...keys].join(' | ')}`);
      items++;
    }
    assert.ok(items > 100);
  });

  test('the generator\'s "not a URL" texts never throw; most are refused', () => {
    const rng = createRng(deriveSeed('canonical-url-not-urls'));
    let refused = 0;
    for (let i = 0; i < 300; i++) if (canonicaliseUrl(notAUrl(rng, 'casa.tanja')) === null) refused++;
    assert.ok(refused > 150);
  });
});
