//! LaTeX in BibTeX values turned into plain Unicode text: accents (`{\"u}`, `\'e`,
//! `\c{c}`), escaped specials (`\&`, `\%`), dashes (`--`, `---`), a few symbols (`\pm`,
//! `$\leq$`), braces and math dollars removed, whitespace runs (raw newlines) squashed.

/// Turns a raw BibTeX value into plain text.
pub(crate) fn to_text(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let mut in_math = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => i = command(&chars, i + 1, &mut out),
            '{' | '}' => i += 1,
            '$' => {
                in_math = !in_math;
                i += 1;
            }
            '^' | '_' if in_math => i += 1,
            '~' => {
                out.push(' ');
                i += 1;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                if chars.get(i + 2) == Some(&'-') {
                    out.push('\u{2014}');
                    i += 3;
                } else {
                    out.push('\u{2013}');
                    i += 2;
                }
            }
            '`' | '\'' if chars.get(i + 1) == Some(&c) => {
                out.push('"');
                i += 2;
            }
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Reads one command after a backslash at `i` (`\'e`, `\"{u}`, `\c{c}`, `\&`, `\ss`, `\pm`),
/// writes its text and returns the index after it.
fn command(chars: &[char], i: usize, out: &mut String) -> usize {
    let Some(&first) = chars.get(i) else { return i };
    if "'`^\"~=.".contains(first) {
        let (base, next) = accent_argument(chars, i + 1);
        push_accented(first, base, out);
        return next;
    }
    if !first.is_ascii_alphabetic() {
        match first {
            '\\' | ',' | ';' | ' ' | '\n' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '-' | '/' => {}
            other => out.push(other),
        }
        return i + 1;
    }
    let mut end = i;
    while end < chars.len() && chars[end].is_ascii_alphabetic() {
        end += 1;
    }
    let name: String = chars[i..end].iter().collect();
    // A control word eats the spaces after it.
    let mut next = end;
    while next < chars.len() && chars[next] == ' ' {
        next += 1;
    }
    if name.len() == 1 && "cvuHrkdb".contains(name.as_str()) && next < chars.len() {
        let (base, after) = accent_argument(chars, next);
        if let Some(accent) = name.chars().next() {
            push_accented(accent, base, out);
        }
        return after;
    }
    // Unknown commands (`\textit`, `\emph`) vanish; their `{argument}` stays as text.
    if let Some(text) = symbol(&name) {
        out.push_str(text);
        if chars.get(next) == Some(&'{') && chars.get(next + 1) == Some(&'}') {
            return next + 2;
        }
    }
    next
}

/// The letter an accent applies to: `{u}`, `u`, `{\i}`, `\i`; returns it and the next index.
fn accent_argument(chars: &[char], i: usize) -> (Option<char>, usize) {
    let mut i = i;
    let braced = chars.get(i) == Some(&'{');
    if braced {
        i += 1;
    }
    let mut base = None;
    if chars.get(i) == Some(&'\\') && matches!(chars.get(i + 1), Some('i') | Some('j')) {
        base = chars.get(i + 1).copied();
        i += 2;
    } else if let Some(&c) = chars.get(i) {
        if c != '}' {
            base = Some(c);
            i += 1;
        }
    }
    if braced {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if chars.get(i) == Some(&'}') {
            i += 1;
        }
    }
    (base, i)
}

/// Writes `base` with `accent`, precomposed when a common letter, else with a combining mark.
fn push_accented(accent: char, base: Option<char>, out: &mut String) {
    let Some(base) = base else { return };
    let (from, to, combining) = match accent {
        '\'' => ("aeiouyAEIOUYcnszCNSZ", "áéíóúýÁÉÍÓÚÝćńśźĆŃŚŹ", '\u{301}'),
        '`' => ("aeiouAEIOU", "àèìòùÀÈÌÒÙ", '\u{300}'),
        '^' => ("aeiouAEIOU", "âêîôûÂÊÎÔÛ", '\u{302}'),
        '"' => ("aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ", '\u{308}'),
        '~' => ("anoANO", "ãñõÃÑÕ", '\u{303}'),
        'c' => ("csCS", "çşÇŞ", '\u{327}'),
        'v' => ("cszrnedCSZRNED", "čšžřňěďČŠŽŘŇĚĎ", '\u{30c}'),
        '=' => ("aeiouAEIOU", "āēīōūĀĒĪŌŪ", '\u{304}'),
        '.' => ("zeZEI", "żėŻĖİ", '\u{307}'),
        'u' => ("agAG", "ăğĂĞ", '\u{306}'),
        'H' => ("ouOU", "őűŐŰ", '\u{30b}'),
        'r' => ("auAU", "åůÅŮ", '\u{30a}'),
        'k' => ("aeAE", "ąęĄĘ", '\u{328}'),
        'd' => ("", "", '\u{323}'),
        _ => ("", "", '\u{331}'),
    };
    match from.chars().position(|c| c == base).and_then(|p| to.chars().nth(p)) {
        Some(composed) => out.push(composed),
        None => {
            out.push(base);
            out.push(combining);
        }
    }
}

/// The text of a symbol command: `ss` → `ß`, `pm` → `±`.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "ss" => "ß",
        "o" => "ø",
        "O" => "Ø",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "l" => "ł",
        "L" => "Ł",
        "i" => "i",
        "j" => "j",
        "pm" => "±",
        "mp" => "∓",
        "times" => "×",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "textless" | "lt" => "<",
        "textgreater" | "gt" => ">",
        "approx" => "≈",
        "sim" => "~",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "chi" => "χ",
        "sigma" => "σ",
        "ldots" | "dots" | "textellipsis" => "…",
        "textendash" => "–",
        "textemdash" => "—",
        "textdegree" | "degree" => "°",
        "textregistered" => "®",
        "copyright" | "textcopyright" => "©",
        "texttrademark" => "™",
        "S" => "§",
        "textpercent" => "%",
        "textasciitilde" => "~",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn accents_in_every_spelling() {
        assert_eq!(
            to_text(r#"M{\"u}ller, J\"org, Jos\'e, {\'E}cole, Fran\c{c}ois, \v{S}ime, C{\'\i}rculo"#),
            "Müller, Jörg, José, École, François, Šime, Círculo"
        );
    }

    #[test]
    fn specials_dashes_and_braces() {
        assert_eq!(
            to_text(r"{A} {\&} B 10\% --- pages 1--2, \textit{in vivo} $\pm$ 2 $<$ 3"),
            "A & B 10% — pages 1–2, in vivo ± 2 < 3"
        );
        assert_eq!(to_text("two\n   lines\tand~tilde"), "two lines and tilde");
        assert_eq!(to_text(r"\ss\ and \o"), "ß and ø");
    }

    #[test]
    fn unfinished_commands_do_not_panic() {
        assert_eq!(to_text("x\\"), "x");
        assert_eq!(to_text("\\'"), "");
        assert_eq!(to_text("\\c"), "");
    }
}
