/**
 * Words the rule-based suggester knows: reporting verbs and phrases (cues), pronouns, titles
 * that belong to a name, role words that do not, and nouns that name data rather than a speaker.
 */

/** Reporting verbs that introduce what someone said, in the forms news text uses. */
export const CUE_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'insisted', 'insists', 'warned', 'warns', 'noted', 'notes',
  'argued', 'argues', 'asked', 'asks', 'explained', 'explains', 'declared', 'announced', 'announces', 'claimed', 'claims',
  'complained', 'complains', 'replied', 'replies', 'answered', 'confirmed', 'confirms', 'denied', 'denies', 'admitted',
  'admits', 'conceded', 'concedes', 'acknowledged', 'stressed', 'stresses', 'maintained', 'maintains', 'cautioned',
  'predicted', 'predicts', 'urged', 'urges', 'promised', 'promises', 'vowed', 'vows', 'suggested', 'suggests', 'wrote',
  'writes', 'recalled', 'recalls', 'reported', 'believes', 'called', 'calls', 'described', 'describes',
  'saying', 'telling', 'adding', 'warning', 'arguing', 'insisting', 'noting', 'explaining', 'claiming', 'announcing',
  // Past tense only: "remarks", "jokes", "retorts" are nouns as often as verbs.
  'remarked', 'reacted', 'responded', 'quipped', 'retorted', 'countered', 'observed', 'joked', 'lamented', 'snapped', 'pleaded',
  'protested', 'shot back',
] as const;

/** Cues that take a "that"-clause only after an object ("told reporters that …"). */
export const OBJECT_CUES = new Set(['told', 'tells', 'telling', 'asked', 'asks', 'urged', 'urges', 'warned', 'warning', 'promised']);
/** Cues that report speech only with a "that"-clause ("reported that …", not "reported a rise"). */
export const THAT_CUES = new Set(['reported', 'announced', 'announces', 'confirmed', 'confirms', 'denied', 'denies', 'admitted', 'admits', 'acknowledged', 'promised', 'promises', 'predicted', 'predicts', 'recalled', 'recalls', 'stressed', 'stresses', 'suggested', 'suggests', 'vowed', 'vows']);
/** Cues whose complement names and labels ("called the bill “a betrayal”"): only mixed quotes. */
export const NAMING_CUES = new Set(['called', 'calls', 'described', 'describes']);
/** Cues in -ing form: their subject is the subject of the main clause. */
export const PARTICIPLE_CUES = new Set(['saying', 'telling', 'adding', 'warning', 'arguing', 'insisting', 'noting', 'explaining', 'claiming', 'announcing']);
/**
 * Cues that can follow a direct quote ("“…,” retorted the coach") but never report content of
 * their own: "reacted to the ruling", "observed the vote" are not reported speech.
 */
export const QUESTION_CUES = new Set([
  'asked', 'asks', 'reacted', 'responded', 'quipped', 'retorted', 'countered', 'observed', 'joked', 'lamented', 'snapped', 'pleaded',
  'protested', 'shot back', 'remarked',
]);

/** Matches one cue verb as a whole word (flags: global, case-insensitive). */
export const CUE_RE = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${CUE_VERBS.join('|')})(?![\\p{L}\\p{N}'’-])`, 'giu');
/** "according to", any case. */
export const ACCORDING_RE = /(?<![\p{L}])according to(?![\p{L}])/giu;

/** Pronouns that can stand for a speaker, and which speakers each fits. */
export const PRONOUNS: Record<string, { gender: 'm' | 'f' | null; plural: boolean; thing: boolean }> = {
  he: { gender: 'm', plural: false, thing: false },
  she: { gender: 'f', plural: false, thing: false },
  they: { gender: null, plural: true, thing: false },
  it: { gender: null, plural: false, thing: true },
};

/** Titles that are part of how a person is named in the text (kept in the mention). */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'imam', 'sheikh', 'rev', 'mullah', 'maulana', 'lord', 'lady']);
/** Honorifics that say a person is a man, for the pronouns that follow. */
export const MALE_HONORIFICS = new Set(['mr', 'sir', 'lord', 'imam', 'sheikh', 'mullah', 'maulana']);
/** Honorifics that say a person is a woman, for the pronouns that follow. */
export const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'dame', 'lady']);

/** Role words written before a name that are not part of it ("Governor Leila Farouk"). */
export const ROLE_WORDS = new Set(
  ('governor director coach chairman chairwoman chair chief executive president minister senator mayor judge justice inspector ' +
    'general secretary ambassador commissioner opposition leader mp spokesman spokeswoman spokesperson captain colonel major ' +
    'lieutenant sergeant superintendent officer editor professor dean principal warden manager founder author assistant deputy ' +
    'head adviser advisor special senior counsel attorney envoy').split(' '),
);

/** Sentence-initial plural nouns that describe a group rather than name one ("Students said …"). */
export const GROUP_NOUNS = new Set(
  ('students residents officials witnesses protesters farmers workers teachers doctors nurses analysts critics experts villagers ' +
    'parents police traders growers passengers diplomats sources activists lawyers economists engineers investigators officers ' +
    'fishermen commuters observers commanders strategists scientists researchers campaigners shopkeepers locals voters ' +
    'specialists insiders negotiators envoys ministers leaders members' ).split(' '),
);

/** Head words of an organisation's name: a run holding one may go on with "of", "for", "and", "the" ("Ministry of Defence"). */
export const ORGANISATION_HEADS = new Set(
  ('ministry department office board council union authority agency bureau commission committee directorate centre center ' +
    'service services force forces corps institute foundation association federation court bank corporation company ' +
    'organisation organization society league party front movement assembly tribunal secretariat division command ' +
    'military army navy government administration embassy parliament cabinet coastguard newspaper paper broadcaster').split(' '),
);

/** Nouns for what a body issues: "a statement issued by the ministry" names the ministry as the speaker. */
export const ISSUED_NOUNS = new Set(('statement communique communiqué release notice letter report message post').split(' '));

/** Heads of "according to …" phrases that name data, not a speaker. */
export const DATA_NOUNS = new Set(('figures data statistics estimates numbers records documents results polls poll survey census').split(' '));

/** Determiners and quantifiers that start a description. */
export const DETERMINERS = new Set(('a an the one two three four five several some many other another its his her their our this that these those both each all hundreds thousands dozens scores').split(' '));

/** Abbreviations after which a full stop does not end a sentence. */
export const ABBREVIATIONS = new Set(('mr mrs ms dr prof st no gen col lt sgt rev jr sr vs etc inc ltd co maj capt cmdr adm gov sen rep').split(' '));
