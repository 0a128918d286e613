//! Finding the six headings wherever they stand: on a line of their own (`一、总体情况`,
//! `一．总体情况`, `一、 总体情况`), or inside a long line of web text (` 一、总体情况 2022年，…`),
//! where the line is cut so that each heading starts a line of its own. Page footers
//! (`- 3 -`) are recognised so they are neither section text nor table content.

use super::labels::normalize;
use crate::format::Format;
use crate::value::narrow;

/// A heading found: index of its line (after cutting), section index, and the printed text
/// when it differs from the official one beyond spacing and punctuation.
#[derive(Debug, Clone)]
pub struct Heading {
    pub index: usize,
    pub section: usize,
    pub variant: Option<String>,
    /// The printed heading when it was found by its words under another numbering (`五、其他
    /// 需要报告的事项`, or none at all).
    pub renumbered: Option<String>,
}

/// Characters a heading may have that the official one has not (a typo such as
/// `行政法复议`), only after its first few characters matched exactly.
const INSERTIONS: usize = 2;
const EXACT_BEFORE_INSERTION: usize = 4;

/// `- 3 -`, `— 3 —`, `第 3 页`, `3/12`: a page footer left in the text of a PDF.
pub fn is_page_footer(line: &str) -> bool {
    // A footer starts with a dash or 第: most lines are ruled out by their first character,
    // most of them by its first byte: an ASCII letter or digit, or the lead byte of an
    // ideograph (U+4000–U+9FFF: no space, nothing folding makes a dash) other than 第.
    match line.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(0xE4..=0xE9) if !line.starts_with('第') => false,
        _ => footer_by_characters(line),
    }
}

/// [`is_page_footer`] without its quick refusal by the first byte.
fn footer_by_characters(line: &str) -> bool {
    // Asked of every line: a line with more than a footer's few characters is none.
    const LONGEST: usize = 16;
    const DASHES: [char; 3] = ['-', '—', '–'];
    let first = line.chars().map(narrow).find(|c| !c.is_whitespace());
    if !first.is_some_and(|c| DASHES.contains(&c) || c == '第') {
        return false;
    }
    let mut t = String::with_capacity(LONGEST * 3 + 4);
    for c in line.chars().map(narrow).filter(|c| !c.is_whitespace()) {
        if t.len() >= LONGEST * 3 {
            return false;
        }
        t.push(c);
    }
    if t.is_empty() {
        return false;
    }
    // Dashes on both sides of a page number of at most four digits.
    let inner = t.trim_start_matches(DASHES).trim_end_matches(DASHES);
    let both_sides = t.starts_with(DASHES) && t.ends_with(DASHES);
    if both_sides && (1..=4).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(n) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return !n.is_empty() && n.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// Cuts lines so that every heading starts a line, and says where each section begins.
/// Each section is found once, at its first occurrence. `source`, when given, is the text
/// the lines were cut from as they are (each followed there by a line end, the last one
/// perhaps not): searched there, not joined again.
pub fn headings(
    format: &Format,
    lines: Vec<(usize, String)>,
    source: Option<&str>,
) -> (Vec<(usize, String)>, Vec<Heading>) {
    let prepared = super::prepared::prepared(format);
    let HeadingForms {
        forms,
        words,
        firsts,
        ..
    } = &prepared.headings;
    // The first characters of the sections not found yet: once a section is found, the
    // characters only its forms start with start nothing (`一` is in most lines of a report).
    let mut open = Firsts::default();
    open.update(forms, &[]);
    let mut out: Vec<(usize, String)> = Vec::with_capacity(lines.len());
    let mut found: Vec<Heading> = Vec::with_capacity(forms.len());
    let places = first_places(&lines, &prepared.headings, source);
    for (i, (n, line)) in lines.into_iter().enumerate() {
        // Most lines hold no heading's first character where a heading may start: kept whole.
        let may = match &places {
            Some(places) => may_start_at(&line, &places[i], &open),
            None => may_start_heading(&line, &prepared.headings, &open),
        };
        if !may {
            out.push((n, line));
            continue;
        }
        let mut rest: Vec<char> = line.chars().collect();
        let mut cut = false;
        loop {
            let taken: Vec<usize> = found.iter().map(|h| h.section).collect();
            match first_heading(&rest, forms, firsts, &taken) {
                Some((start, end, si, variant)) => {
                    cut = true;
                    let before: String = rest[..start].iter().collect();
                    if !before.trim().is_empty() {
                        out.push((n, before.trim_end().to_string()));
                    }
                    let heading: String = rest[start..end].iter().collect();
                    found.push(Heading {
                        index: out.len(),
                        section: si,
                        variant: variant.then(|| heading.trim().to_string()),
                        renumbered: None,
                    });
                    let taken: Vec<usize> = found.iter().map(|h| h.section).collect();
                    open.update(forms, &taken);
                    out.push((n, heading.trim().to_string()));
                    rest = rest[end..].to_vec();
                    if rest.iter().all(|c| c.is_whitespace()) {
                        break;
                    }
                    // Text after a heading on the same line starts the section's text.
                    let trimmed: String = rest.iter().collect::<String>().trim_start().to_string();
                    rest = trimmed.chars().collect();
                }
                // No heading in the line after all (most lines that may start one): kept.
                None if !cut => {
                    out.push((n, line));
                    break;
                }
                None => {
                    let s: String = rest.iter().collect();
                    if !(s.trim().is_empty() && s.len() < line.len()) {
                        out.push((n, s));
                    }
                    break;
                }
            }
        }
    }
    // A section not found under its numbering: a whole line of its heading's words, under
    // another numbering or none, standing between the sections before and after it.
    if found.len() < forms.len() {
        for (si, section_words) in words.iter().enumerate() {
            if found.iter().any(|h| h.section == si) {
                continue;
            }
            let after = found
                .iter()
                .filter(|h| h.section < si)
                .map(|h| h.index + 1)
                .max()
                .unwrap_or(0);
            let before = found
                .iter()
                .filter(|h| h.section > si)
                .map(|h| h.index)
                .min()
                .unwrap_or(out.len());
            let hit = (after..before).find(|&i| heading_by_words(&out[i].1, section_words));
            if let Some(i) = hit {
                out[i].1 = out[i].1.trim().to_string();
                found.push(Heading {
                    index: i,
                    section: si,
                    variant: None,
                    renumbered: Some(out[i].1.clone()),
                });
                continue;
            }
            // Inside a long line of web text: the words after a numbering of their own
            // (`…情况。 三、主动公开政府信息情况 第二十条…`), cut out as a line of their own.
            let inline = (after..before)
                .find_map(|i| inline_by_words(&out[i].1, section_words).map(|at| (i, at)));
            if let Some((i, (start, end))) = inline {
                let (n, text) = out[i].clone();
                let mut pieces: Vec<(usize, String)> = Vec::new();
                if !text[..start].trim().is_empty() {
                    pieces.push((n, text[..start].trim_end().to_string()));
                }
                let index = i + pieces.len();
                let heading = text[start..end].trim().to_string();
                pieces.push((n, heading.clone()));
                if !text[end..].trim().is_empty() {
                    pieces.push((n, text[end..].trim_start().to_string()));
                }
                let shift = pieces.len() - 1;
                out.splice(i..=i, pieces);
                for h in found.iter_mut().filter(|h| h.index > i) {
                    h.index += shift;
                }
                found.push(Heading {
                    index,
                    section: si,
                    variant: None,
                    renumbered: Some(heading),
                });
            }
        }
    }
    (out, found)
}

/// Characters a numbering other than the official one may have (`五、`, `（五）`, `5.`,
/// `第五部分`), and how many at most.
const NUMBERING: &str = "一二三四五六七八九十0123456789、.．()（）第部分";
const MAX_NUMBERING: usize = 6;

/// Whether a line is a heading's words alone, after a numbering of its own or none. Only a
/// whole line is read so: a heading's words inside a sentence are text.
fn heading_by_words(line: &str, words: &[String]) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    let t = normalize(line);
    words.iter().any(|w| {
        t.strip_suffix(w.as_str()).is_some_and(|prefix| {
            !w.is_empty()
                && prefix.chars().count() <= MAX_NUMBERING
                && prefix.chars().all(|c| NUMBERING.contains(c))
        })
    })
}

/// Numerals a heading is numbered with inside a line of web text.
const NUMERALS: &str = "一二三四五六七八九十";

/// Where a heading's words stand inside a line after a numbering of their own (`三、`, not
/// inside a word): the byte range from the numbering to the end of the words.
fn inline_by_words(line: &str, words: &[String]) -> Option<(usize, usize)> {
    words.iter().filter(|w| !w.is_empty()).find_map(|w| {
        line.match_indices(w.as_str()).find_map(|(at, _)| {
            let mut before = line[..at].char_indices().rev();
            let (_, mark) = before.next()?;
            let (start, numeral) = before.next()?;
            let word_start = before.next().is_none_or(|(_, c)| !is_ideograph(c));
            (matches!(mark, '、' | '.' | '．') && NUMERALS.contains(numeral) && word_start)
                .then_some((start, at + w.len()))
        })
    })
}

/// The earliest heading of a section not yet found: (start, end, section, with insertions).
fn first_heading(
    raw: &[char],
    forms: &[Vec<Vec<char>>],
    firsts: &CharSet,
    taken: &[usize],
) -> Option<(usize, usize, usize, bool)> {
    let folded: Vec<char> = raw.iter().copied().map(narrow).collect();
    for start in 0..folded.len() {
        if folded[start].is_whitespace() || !firsts.contains(folded[start]) {
            continue;
        }
        // A heading does not start in the middle of a word.
        if start > 0 && is_ideograph(folded[start - 1]) {
            continue;
        }
        for (si, section_forms) in forms.iter().enumerate() {
            if taken.contains(&si) {
                continue;
            }
            for form in section_forms {
                if form.first() != Some(&folded[start]) {
                    continue;
                }
                if let Some((end, inserted)) = match_heading(&folded, start, form) {
                    return Some((start, end, si, inserted));
                }
            }
        }
    }
    None
}

/// Whether `first_heading` could find a start in `line`: a character (folded) that is the
/// first of a form of a section not found yet (`open`), not right after an ideograph.
fn may_start_heading(line: &str, forms: &HeadingForms, open: &Firsts) -> bool {
    if open.chars.is_empty() {
        return false;
    }
    let Some(finder) = &forms.first_finder else {
        return may_start_by_decoding(line, &forms.firsts, open);
    };
    // Where the bytes of a first character stand (one SIMD pass for all of them; the
    // numerals' lead bytes start most characters of Chinese text, so no byte alone says
    // much): folding changes no such character, nor makes one an ideograph.
    finder
        .find_iter(line)
        .any(|m| starts_there(line, m.start(), open))
}

/// Whether a heading may start at byte `at` of `line`, where a form's first character stands:
/// one of a section not found yet, not right after an ideograph.
fn starts_there(line: &str, at: usize, open: &Firsts) -> bool {
    let c = line[at..].chars().next();
    c.is_some_and(|c| open.chars.contains(&c))
        && !line[..at]
            .chars()
            .next_back()
            .is_some_and(|p| is_ideograph(narrow(p)))
}

/// [`may_start_heading`] from the places of `line` that [`first_places`] found.
fn may_start_at(line: &str, places: &[usize], open: &Firsts) -> bool {
    !open.chars.is_empty() && places.iter().any(|&at| starts_there(line, at, open))
}

/// For each line, the byte offsets where a form's first character stands in it: found in one
/// pass over the lines joined (a search set up per line cost more than the searching). `None`
/// when the first characters are not searched for by their bytes (see [`may_start_heading`]).
fn first_places(
    lines: &[(usize, String)],
    forms: &HeadingForms,
    source: Option<&str>,
) -> Option<Vec<Vec<usize>>> {
    let finder = forms.first_finder.as_ref()?;
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for (_, l) in lines {
        starts.push(at);
        at += l.len() + 1;
    }
    // The lines as one text: their source when they were cut from it as they are.
    let joined: std::borrow::Cow<str> = match source {
        Some(source) => {
            debug_assert!(
                lines
                    .iter()
                    .zip(&starts)
                    .all(|((_, l), &s)| source.get(s..s + l.len()) == Some(l.as_str())),
                "the lines are not their source's"
            );
            source.into()
        }
        None => {
            let mut joined = String::with_capacity(at);
            for (_, l) in lines {
                joined.push_str(l);
                joined.push('\n');
            }
            joined.into()
        }
    };
    let mut places = vec![Vec::new(); lines.len()];
    let mut li = 0;
    // A character is never matched across a line end: each pattern is one non-ASCII character.
    for m in finder.find_iter(&*joined) {
        while starts.get(li + 1).is_some_and(|&s| s <= m.start()) {
            li += 1;
        }
        if let (Some(at), Some(start)) = (places.get_mut(li), starts.get(li)) {
            at.push(m.start() - start);
        }
    }
    Some(places)
}

/// [`may_start_heading`] by decoding and folding every character of `line`.
fn may_start_by_decoding(line: &str, firsts: &CharSet, open: &Firsts) -> bool {
    let mut prev_ideograph = false;
    line.chars().map(narrow).any(|c| {
        let start =
            !prev_ideograph && !c.is_whitespace() && firsts.contains(c) && open.chars.contains(&c);
        prev_ideograph = is_ideograph(c);
        start
    })
}

/// Every section's heading in the forms it may be printed in, for the importer's cache.
pub(super) struct HeadingForms {
    /// Per section: its heading, aliases and known variants, normalised.
    forms: Vec<Vec<Vec<char>>>,
    /// Each heading's words without its numbering, for a line numbered otherwise.
    words: Vec<Vec<String>>,
    /// Every character of every line is a possible start: most are no form's first.
    firsts: CharSet,
    /// Finds the forms' first characters by their UTF-8, when a line holds one exactly when
    /// its bytes do: none of them ASCII (which a full-width character also folds to).
    first_finder: Option<aho_corasick::AhoCorasick>,
}

impl HeadingForms {
    pub fn new(format: &Format) -> Self {
        let forms: Vec<Vec<Vec<char>>> = format
            .sections
            .iter()
            .map(|s| {
                let extra = super::variants::get().headings.get(&s.id);
                std::iter::once(&s.heading)
                    .chain(&s.heading_aliases)
                    .chain(extra.into_iter().flatten())
                    .map(|h| normalize(h).chars().collect())
                    .collect()
            })
            .collect();
        let words = forms
            .iter()
            .map(|fs| {
                fs.iter()
                    .map(|f| {
                        let f: String = f.iter().collect();
                        f.split_once('、').map_or(f.clone(), |(_, w)| w.to_string())
                    })
                    .collect()
            })
            .collect();
        let mut first_chars: Vec<char> = forms
            .iter()
            .flatten()
            .filter_map(|f| f.first().copied())
            .collect();
        first_chars.sort_unstable();
        first_chars.dedup();
        let firsts = CharSet::new(first_chars.iter().copied());
        let first_finder = if first_chars.iter().any(char::is_ascii) {
            None
        } else {
            crate::char_search::any_of(&first_chars)
        };
        HeadingForms {
            forms,
            words,
            firsts,
            first_finder,
        }
    }

    /// The first section's official heading, normalised (for tests of the cache).
    #[cfg(test)]
    pub fn first_form(&self) -> &[char] {
        self.forms
            .first()
            .and_then(|f| f.first())
            .map_or(&[], Vec::as_slice)
    }
}

/// The first characters of the forms of the sections not found yet (a handful).
#[derive(Default)]
struct Firsts {
    chars: Vec<char>,
}

impl Firsts {
    fn update(&mut self, forms: &[Vec<Vec<char>>], taken: &[usize]) {
        self.chars.clear();
        let open = forms
            .iter()
            .enumerate()
            .filter(|(si, _)| !taken.contains(si));
        for (_, section_forms) in open {
            self.chars
                .extend(section_forms.iter().filter_map(|f| f.first().copied()));
        }
        self.chars.sort_unstable();
        self.chars.dedup();
    }
}

/// A set of characters asked of every character of a report: one bit each in the Basic
/// Multilingual Plane (8 KiB), a sorted list beyond it.
struct CharSet {
    bmp: Vec<u64>,
    beyond: Vec<char>,
}

impl CharSet {
    fn new(chars: impl Iterator<Item = char>) -> Self {
        let mut set = CharSet {
            bmp: vec![0; 0x1_0000 / 64],
            beyond: Vec::new(),
        };
        for c in chars {
            let u = c as usize;
            match set.bmp.get_mut(u / 64) {
                Some(word) => *word |= 1 << (u % 64),
                None => set.beyond.push(c),
            }
        }
        set.beyond.sort_unstable();
        set.beyond.dedup();
        set
    }

    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        match self.bmp.get(u / 64) {
            Some(word) => word >> (u % 64) & 1 == 1,
            None => self.beyond.binary_search(&c).is_ok(),
        }
    }
}

fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Matches `form` (normalised) against `text` from `start`, skipping spaces, reading `.`/`．`
/// after a numeral as `、`, allowing a few inserted characters late in the heading.
fn match_heading(text: &[char], start: usize, form: &[char]) -> Option<(usize, bool)> {
    let mut q = start;
    let mut k = 0;
    let mut insertions = 0;
    while k < form.len() {
        let c = *text.get(q)?;
        if c.is_whitespace() {
            q += 1;
            continue;
        }
        let c = if k > 0 && form[k] == '、' && matches!(c, '.' | '．') {
            '、'
        } else {
            c
        };
        if c == form[k] {
            q += 1;
            k += 1;
        } else if form[k] == '、' && k == 1 && q > start && text[q - 1].is_whitespace() {
            // `一 总体情况`: a space in place of the numbering's comma.
            k += 1;
        } else if k >= EXACT_BEFORE_INSERTION && insertions < INSERTIONS && !c.is_ascii_digit() {
            insertions += 1;
            q += 1;
        } else {
            return None;
        }
    }
    Some((q, insertions > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format() -> &'static Format {
        Format::by_id("gov-2021").expect("format")
    }

    proptest::proptest! {
        /// The search by bytes answers as decoding every line does, for every set of
        /// sections found.
        #[test]
        fn a_line_ruled_out_by_its_bytes_starts_no_heading(
            line in "[一二三四五六七八九十、。．（）(). 　a1１汉字\u{4E00}-\u{4E0F}]{0,16}",
            taken in proptest::collection::vec(0usize..6, 0..6),
        ) {
            let forms = &prepared_forms();
            proptest::prop_assert!(forms.first_finder.is_some());
            let mut open = Firsts::default();
            open.update(&forms.forms, &taken);
            proptest::prop_assert_eq!(
                may_start_heading(&line, forms, &open),
                may_start_by_decoding(&line, &forms.firsts, &open)
            );
        }
    }

    proptest::proptest! {
        /// The places found over all lines at once answer as a search of each line does.
        #[test]
        fn the_places_of_all_lines_answer_as_each_lines_search(
            lines in proptest::collection::vec(
                "[一二三四五六、。．（）(). 　a1１汉字\u{4E00}-\u{4E0F}]{0,12}",
                0..8,
            ),
            taken in proptest::collection::vec(0usize..6, 0..6),
        ) {
            let forms = &prepared_forms();
            let mut open = Firsts::default();
            open.update(&forms.forms, &taken);
            let numbered: Vec<(usize, String)> = lines.iter().cloned().enumerate().collect();
            let places = first_places(&numbered, forms, None).expect("searched by bytes");
            proptest::prop_assert_eq!(places.len(), lines.len());
            for (line, at) in lines.iter().zip(&places) {
                proptest::prop_assert_eq!(
                    may_start_at(line, at, &open),
                    may_start_heading(line, forms, &open),
                    "{:?} {:?}", line, at
                );
            }
        }
    }

    fn prepared_forms() -> HeadingForms {
        HeadingForms::new(format())
    }

    proptest::proptest! {
        #[test]
        fn char_set_holds_exactly_its_characters(
            members in proptest::collection::vec(proptest::char::any(), 0..20),
            asked in proptest::collection::vec(proptest::char::any(), 0..50),
        ) {
            let set = CharSet::new(members.iter().copied());
            for c in members.iter().chain(&asked) {
                proptest::prop_assert_eq!(set.contains(*c), members.contains(c), "{:?}", c);
            }
        }
    }

    #[test]
    fn char_set_at_the_edges_of_its_words_and_planes() {
        let members = ['\0', '?', '@', '一', '\u{FFFF}', '\u{10000}', '😀'];
        let set = CharSet::new(members.into_iter());
        for c in members {
            assert!(set.contains(c), "{c:?}");
        }
        for c in ['\u{1}', '>', 'A', '丁', '\u{FFFE}', '\u{10001}', '😁'] {
            assert!(!set.contains(c), "{c:?}");
        }
    }

    #[test]
    fn headings_inside_a_long_line_start_lines_of_their_own() {
        let text = "标题 一、总体情况 2022年，我区。 二、主动公开政府信息情况第二十条 三．收到和处理政府信息公开申请情况 表 四、政府信息公开行政法复议、行政诉讼情况行政复议 0 1";
        let (lines, hs) = headings(format(), vec![(1, text.to_string())], None);
        let shown: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            shown,
            [
                "标题",
                "一、总体情况",
                "2022年，我区。",
                "二、主动公开政府信息情况",
                "第二十条",
                "三．收到和处理政府信息公开申请情况",
                "表",
                "四、政府信息公开行政法复议、行政诉讼情况",
                "行政复议 0 1"
            ]
        );
        assert_eq!(hs.len(), 4);
        assert!(hs[3].variant.is_some());
        assert!(hs[0].variant.is_none());
    }

    #[test]
    fn headings_searched_in_the_source_are_those_of_the_lines_joined() {
        for text in [
            include_str!("../../tests/fixtures/complete-2024.txt"),
            include_str!("../../tests/fixtures/shifted-headings-2024.txt"),
            "标题\n\n一、总体情况 正文。二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况",
        ] {
            let lines: Vec<(usize, String)> = text
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_string()))
                .collect();
            let (a, ha) = headings(format(), lines.clone(), Some(text));
            let (b, hb) = headings(format(), lines, None);
            assert_eq!(a, b);
            let sections = |h: &[Heading]| -> Vec<(usize, usize)> {
                h.iter().map(|h| (h.index, h.section)).collect()
            };
            assert_eq!(sections(&ha), sections(&hb));
            assert!(ha.len() >= 3, "{}", ha.len());
        }
    }

    #[test]
    fn sub_headings_and_rows_that_reuse_numbering_are_not_headings() {
        let lines = vec![
            (1, "一、总体情况".to_string()),
            (2, "一、健全两项机制".to_string()),
            (3, "四、结转下年度继续办理 0 0 0".to_string()),
        ];
        let (_, hs) = headings(format(), lines, None);
        assert_eq!(hs.len(), 1);
    }

    #[test]
    fn published_variants_of_a_heading_are_found() {
        let lines = vec![
            (
                1,
                "五、政府信息公开工作存在的主要问题及改进情况".to_string(),
            ),
            (2, "三、收到和处理政府信息公开申请的情况".to_string()),
            (3, "一 总体情况".to_string()),
        ];
        let (_, hs) = headings(format(), lines, None);
        let found: Vec<usize> = hs.iter().map(|h| h.section).collect();
        assert_eq!(found, [4, 2, 0]);
    }

    proptest::proptest! {
        #[test]
        fn a_footer_is_refused_by_its_first_byte_only_where_it_would_be_refused(
            first in proptest::prop_oneof![
                proptest::char::any(),
                proptest::sample::select(vec!['\u{3000}', ' ', '第', '－', '—', '一', 'a', '3']),
            ],
            rest in proptest::sample::select(vec![
                "", " 3 —", "3页", " 12 -", "abc", " 2 页", "- 3 -", "第 2 页",
            ]),
        ) {
            let line = format!("{first}{rest}");
            proptest::prop_assert_eq!(is_page_footer(&line), footer_by_characters(&line));
        }
    }

    #[test]
    fn page_footers() {
        assert!(is_page_footer("- 3 -"));
        assert!(is_page_footer(" — 12 — "));
        assert!(is_page_footer("第 2 页"));
        assert!(!is_page_footer("-"));
        assert!(!is_page_footer("3"));
        assert!(!is_page_footer("- 0 0 -x"));
        assert!(!is_page_footer("-3\t3129\t321"));
        assert!(!is_page_footer("-3"));
    }
}
