/**
 * Unicode scripts of a string (UAX #24), and the "highly restrictive" mixing
 * rule of UTS #39 (section 5.2), for the offline URL diagnostics.
 *
 * Pure: the engine's own \p{Script=…} and \p{Script_Extensions=…} regexes
 * answer (V8 ships the Unicode data), so no table is kept here. Results are
 * remembered per code point (bounded by the number of distinct characters seen).
 */

/** The script names of Unicode 16 (PropertyValueAliases.txt, long names), without Common, Inherited, Unknown. */
const SCRIPT_NAMES = [
  'Adlam', 'Ahom', 'Anatolian_Hieroglyphs', 'Arabic', 'Armenian', 'Avestan', 'Balinese', 'Bamum', 'Bassa_Vah', 'Batak', 'Bengali',
  'Bhaiksuki', 'Bopomofo', 'Brahmi', 'Braille', 'Buginese', 'Buhid', 'Canadian_Aboriginal', 'Carian', 'Caucasian_Albanian', 'Chakma', 'Cham',
  'Cherokee', 'Chorasmian', 'Coptic', 'Cuneiform', 'Cypriot', 'Cypro_Minoan', 'Cyrillic', 'Deseret', 'Devanagari', 'Dives_Akuru', 'Dogra',
  'Duployan', 'Egyptian_Hieroglyphs', 'Elbasan', 'Elymaic', 'Ethiopic', 'Garay', 'Georgian', 'Glagolitic', 'Gothic', 'Grantha', 'Greek',
  'Gujarati', 'Gunjala_Gondi', 'Gurmukhi', 'Gurung_Khema', 'Han', 'Hangul', 'Hanifi_Rohingya', 'Hanunoo', 'Hatran', 'Hebrew', 'Hiragana',
  'Imperial_Aramaic', 'Inscriptional_Pahlavi', 'Inscriptional_Parthian', 'Javanese', 'Kaithi', 'Kannada', 'Katakana', 'Kawi', 'Kayah_Li',
  'Kharoshthi', 'Khitan_Small_Script', 'Khmer', 'Khojki', 'Khudawadi', 'Kirat_Rai', 'Lao', 'Latin', 'Lepcha', 'Limbu', 'Linear_A',
  'Linear_B', 'Lisu', 'Lycian', 'Lydian', 'Mahajani', 'Makasar', 'Malayalam', 'Mandaic', 'Manichaean', 'Marchen', 'Masaram_Gondi',
  'Medefaidrin', 'Meetei_Mayek', 'Mende_Kikakui', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Miao', 'Modi', 'Mongolian', 'Mro', 'Multani',
  'Myanmar', 'Nabataean', 'Nag_Mundari', 'Nandinagari', 'New_Tai_Lue', 'Newa', 'Nko', 'Nushu', 'Nyiakeng_Puachue_Hmong', 'Ogham', 'Ol_Chiki',
  'Ol_Onal', 'Old_Hungarian', 'Old_Italic', 'Old_North_Arabian', 'Old_Permic', 'Old_Persian', 'Old_Sogdian', 'Old_South_Arabian',
  'Old_Turkic', 'Old_Uyghur', 'Oriya', 'Osage', 'Osmanya', 'Pahawh_Hmong', 'Palmyrene', 'Pau_Cin_Hau', 'Phags_Pa', 'Phoenician',
  'Psalter_Pahlavi', 'Rejang', 'Runic', 'Samaritan', 'Saurashtra', 'Sharada', 'Shavian', 'Siddham', 'SignWriting', 'Sinhala', 'Sogdian',
  'Sora_Sompeng', 'Soyombo', 'Sundanese', 'Sunuwar', 'Syloti_Nagri', 'Syriac', 'Tagalog', 'Tagbanwa', 'Tai_Le', 'Tai_Tham', 'Tai_Viet',
  'Takri', 'Tamil', 'Tangsa', 'Tangut', 'Telugu', 'Thaana', 'Thai', 'Tibetan', 'Tifinagh', 'Tirhuta', 'Todhri', 'Toto', 'Tulu_Tigalari',
  'Ugaritic', 'Vai', 'Vithkuqi', 'Wancho', 'Warang_Citi', 'Yezidi', 'Yi', 'Zanabazar_Square',
] as const;

interface ScriptTest {
  name: string;
  script: RegExp;
  extensions: RegExp;
}

/** Names this engine knows (an older engine may lack the newest scripts: those are skipped, never thrown). */
const TESTS: readonly ScriptTest[] = SCRIPT_NAMES.flatMap((name) => {
  try {
    return [{ name, script: new RegExp(`^\\p{Script=${name}}$`, 'u'), extensions: new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u') }];
  } catch {
    return [];
  }
});

const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

interface CharScripts {
  /** The Script property: one name, or 'Common' / 'Inherited' / 'Unknown'. */
  script: string;
  /** Script_Extensions as a set of real scripts; null for Common and Inherited without extensions (they go with any script). */
  extensions: ReadonlySet<string> | null;
}

const memo = new Map<number, CharScripts>();

function scriptsOfCodePoint(cp: number): CharScripts {
  const known = memo.get(cp);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(cp);
  let script = 'Unknown';
  const extensions = new Set<string>();
  for (const test of TESTS) {
    if (script === 'Unknown' && test.script.test(char)) script = test.name;
    if (test.extensions.test(char)) extensions.add(test.name);
  }
  if (script === 'Unknown' && COMMON.test(char)) script = /^\p{Script=Inherited}$/u.test(char) ? 'Inherited' : 'Common';
  const result: CharScripts = { script, extensions: extensions.size === 0 ? (script === 'Unknown' ? new Set(['Unknown']) : null) : extensions };
  memo.set(cp, result);
  return result;
}

/** The Script property of one character ('Latin', 'Cyrillic', 'Arabic', 'Common'…). */
export function scriptOf(char: string): string {
  return scriptsOfCodePoint(char.codePointAt(0) ?? 0).script;
}

/** The scripts a string uses, in order of first appearance, Common and Inherited left out (digits, hyphens, marks). */
export function scriptsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const char of text) {
    const { script } = scriptsOfCodePoint(char.codePointAt(0) ?? 0);
    if (script !== 'Common' && script !== 'Inherited') seen.add(script);
  }
  return [...seen];
}

/** UTS #39 5.1: the scripts that may be mixed and still count as one writing system (Japanese, Chinese, Korean usage). */
const ALLOWED_COMBINATIONS: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/**
 * Whether the string mixes scripts beyond what UTS #39's "highly restrictive" level allows:
 * single script (by the resolved script set, with Script_Extensions: Arabic digits go with Arabic
 * and Thaana, Common and Inherited with anything), or covered by Latin + Han + Hiragana + Katakana,
 * Latin + Han + Bopomofo or Latin + Han + Hangul.
 */
export function isMixedScript(text: string): boolean {
  const sets: ReadonlySet<string>[] = [];
  for (const char of text) {
    const { extensions } = scriptsOfCodePoint(char.codePointAt(0) ?? 0);
    if (extensions !== null) sets.push(extensions);
  }
  const [first, ...rest] = sets;
  if (first === undefined) return false;
  const resolved = [...first].filter((script) => rest.every((set) => set.has(script)));
  if (resolved.length > 0) return false;
  return !ALLOWED_COMBINATIONS.some((allowed) => sets.every((set) => [...set].some((s) => allowed.has(s))));
}
