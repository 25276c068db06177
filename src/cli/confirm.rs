//! Questions asked before a change, as `task` asks them: on standard output, the answer read
//! from standard input (a terminal or not, as `task` reads it), a word or its start. An answer
//! that is none of the choices asks again; the end of the input answers no (or quit).

use std::io::{BufRead, Write};

use anyhow::Result;

/// An answer to a question about one of several tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    Yes,
    No,
    /// Yes, and to the rest without asking.
    All,
    /// No, and to the rest without asking.
    Quit,
}

/// Ask `question`, with yes and no as the choices.
pub(super) fn yes_no(question: &str) -> Result<bool> {
    let choices = [("yes", Answer::Yes), ("no", Answer::No)];
    Ok(ask(&format!("{question} (yes/no) "), &choices, Answer::No)? == Answer::Yes)
}

/// Ask `question` about one of several tasks: yes, no, all or quit.
pub(super) fn per_task(question: &str) -> Result<Answer> {
    let choices = [
        ("yes", Answer::Yes),
        ("no", Answer::No),
        ("all", Answer::All),
        ("quit", Answer::Quit),
    ];
    ask(
        &format!("{question} (yes/no/all/quit) "),
        &choices,
        Answer::Quit,
    )
}

fn ask(prompt: &str, choices: &[(&str, Answer)], at_end: Answer) -> Result<Answer> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    loop {
        // As `task` asks: what follows an answer from a pipe goes on the question's line.
        write!(out, "{prompt}")?;
        out.flush()?;
        let mut line = String::new();
        let read = stdin.lock().read_line(&mut line)?;
        if read == 0 {
            return Ok(at_end);
        }
        if let Some(answer) = chosen(&line, choices) {
            return Ok(answer);
        }
    }
}

/// The choice `line` names: the whole word or its start, any case.
fn chosen(line: &str, choices: &[(&str, Answer)]) -> Option<Answer> {
    let typed = line.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let mut found = choices.iter().filter(|(word, _)| word.starts_with(&typed));
    let (_, answer) = found.next()?;
    found.next().is_none().then_some(*answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_a_choice_or_its_start_in_any_case() {
        let choices = [
            ("yes", Answer::Yes),
            ("no", Answer::No),
            ("all", Answer::All),
            ("quit", Answer::Quit),
        ];
        for (typed, answer) in [
            ("y\n", Some(Answer::Yes)),
            ("YES\n", Some(Answer::Yes)),
            (" n \n", Some(Answer::No)),
            ("a\n", Some(Answer::All)),
            ("qu\n", Some(Answer::Quit)),
            ("\n", None),
            ("maybe\n", None),
            ("yess\n", None),
        ] {
            assert_eq!(chosen(typed, &choices), answer, "{typed:?}");
        }
    }
}
