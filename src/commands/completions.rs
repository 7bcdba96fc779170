//! `contract completions SHELL` and `contract man`: generated from the same clap definition the
//! binary parses with, so they cannot drift from the real arguments. The CLI hands its command
//! in (this stage does not import the CLI).

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell, mut command: clap::Command) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "contract", &mut out);
    String::from_utf8(out).expect("clap_complete writes UTF-8")
}

/// The man page, roff for `man`, with a section per subcommand under COMMANDS.
pub fn man_page(command: clap::Command) -> String {
    let mut out = Vec::new();
    let command = command.name("contract");
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .expect("writing to memory cannot fail");
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        // Each subcommand's own arguments, under a heading of its own.
        let heading = format!(".SH \"CONTRACT {}\"\n", sub.get_name().to_uppercase());
        out.extend_from_slice(heading.as_bytes());
        if let Some(about) = sub.get_about() {
            out.extend_from_slice(format!("{}\n", roff_text(&about.to_string())).as_bytes());
        }
        clap_mangen::Man::new(sub.clone())
            .render_options_section(&mut out)
            .expect("writing to memory cannot fail");
    }
    String::from_utf8(out).expect("clap_mangen writes UTF-8")
}

/// Text safe on a roff line: a leading `.` or `'` would be read as a request.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}
