//! `docker run` / `podman run` commands in code blocks: each `-p` / `--publish` is a port the
//! host opens (its HOST side). Lines continued with `\` (or PowerShell's `` ` ``, cmd's `^`)
//! are one command; the words after the image are the container's own command, not Docker's.

use super::snippets::{self, Snippets, Written};

/// Runtimes whose `run` publishes ports the same way.
const RUNTIMES: &[&str] = &["docker", "podman", "nerdctl"];

/// Flags of `run` that take no value (any other flag without `=` takes the next word).
const BOOLEAN_FLAGS: &[&str] = &[
    "--detach",
    "--rm",
    "--privileged",
    "--init",
    "--read-only",
    "--interactive",
    "--tty",
    "--publish-all",
    "-P",
];

/// Reads every `run` command of `text`; `at` maps a position in `text` to the markdown.
pub(super) fn read(text: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    for command in commands(text) {
        read_command(&command, at, found);
    }
}

/// The words of each logical command line (continuations joined), with their positions.
fn commands(text: &str) -> Vec<Vec<(&str, usize)>> {
    let mut commands = Vec::new();
    let mut current: Vec<(&str, usize)> = Vec::new();
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let body = line.trim_end();
        let continued = body.ends_with(['\\', '`', '^']);
        let body = if continued { &body[..body.len() - 1] } else { body };
        let mut from = 0;
        for word in body.split_whitespace() {
            let offset = body[from..].find(word).map_or(from, |i| from + i);
            from = offset + word.len();
            current.push((word, start + offset));
        }
        if !continued {
            commands.push(std::mem::take(&mut current));
        }
    }
    commands.push(current);
    commands.retain(|words| is_run(words));
    commands
}

/// `docker run …`, `sudo podman run …`, `$ docker container run …`, `docker create …`,
/// `docker service create …`: where the verb is.
fn verb_at(words: &[(&str, usize)]) -> Option<usize> {
    let names: Vec<&str> = words.iter().take(6).map(|(w, _)| *w).collect();
    let runtime = names.iter().position(|word| RUNTIMES.contains(word))?;
    let verb = |i: usize| names.get(i).is_some_and(|w| matches!(*w, "run" | "create"));
    let object = names.get(runtime + 1).is_some_and(|w| matches!(*w, "container" | "service"));
    if verb(runtime + 1) {
        Some(runtime + 1)
    } else if object && verb(runtime + 2) {
        Some(runtime + 2)
    } else {
        None
    }
}

fn is_run(words: &[(&str, usize)]) -> bool {
    verb_at(words).is_some()
}

fn read_command(words: &[(&str, usize)], at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    let Some(run) = verb_at(words) else { return };
    let name = container_name(words);
    let mut index = run + 1;
    while let Some(&(word, offset)) = words.get(index) {
        index += 1;
        if !word.starts_with('-') {
            // The image: what follows is the container's command.
            return;
        }
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) => (flag, Some((value, offset + flag.len() + 1))),
            None => (word, None),
        };
        if flag == "-P" || flag == "--publish-all" {
            found.note(
                at(offset),
                "snippet-random-host-port",
                format!("`{word}` publishes every exposed port on a random host port: no fixed port to open"),
                "the ports published one by one (`-p 8080:8080`), or stated in a table or a sentence",
            );
            continue;
        }
        if flag == "--network" || flag == "--net" {
            let value = inline.map(|(v, _)| v).or_else(|| words.get(index).map(|(w, _)| *w));
            if inline.is_none() {
                index += 1;
            }
            if value.is_some_and(|v| v.trim_matches(['"', '\'']) == "host") {
                found.note(
                    at(offset),
                    "snippet-host-network",
                    "the container shares the host's network: its ports are the host's, and the command does not say which".to_owned(),
                    "the ports the application listens on, stated in a table or a sentence",
                );
            }
            continue;
        }
        let publish = flag == "-p" || flag == "--publish";
        // `-p8080:80`: the value glued to the short flag.
        let glued = flag.strip_prefix("-p").filter(|v| !v.is_empty() && !flag.starts_with("--"));
        let value = if let Some(value) = glued {
            Some((value, offset + 2))
        } else if publish {
            inline.or_else(|| {
                let next = words.get(index).copied();
                index += 1;
                next
            })
        } else {
            // Another flag: its value (if it takes one) is skipped.
            if inline.is_none() && takes_value(flag) {
                index += 1;
            }
            continue;
        };
        if let Some((value, value_at)) = value {
            publish_one(value, value_at, name.as_deref(), at, found);
        }
    }
}

/// Whether `flag` (written without `=value`) takes the next word as its value.
fn takes_value(flag: &str) -> bool {
    if BOOLEAN_FLAGS.contains(&flag) {
        return false;
    }
    // `-d`, `-it`, `-dit`: bundled short boolean flags.
    let short = flag.strip_prefix('-').filter(|f| !f.starts_with('-'));
    !short.is_some_and(|letters| letters.chars().all(|c| matches!(c, 'd' | 'i' | 't')))
}

/// `--name gitea` / `--name=gitea`.
fn container_name(words: &[(&str, usize)]) -> Option<String> {
    words.iter().enumerate().find_map(|(i, (word, _))| {
        if *word == "--name" {
            words.get(i + 1).map(|(w, _)| (*w).to_owned())
        } else {
            word.strip_prefix("--name=").map(str::to_owned)
        }
    })
}

/// One `-p` value (quotes taken off), read into a port or a note.
fn publish_one(
    value: &str,
    value_at: usize,
    name: Option<&str>,
    at: &dyn Fn(usize) -> usize,
    found: &mut Snippets,
) {
    let quote = value.len() - value.trim_start_matches(['"', '\'']).len();
    let spec = value.trim_matches(['"', '\'']);
    let spec_at = value_at + quote;
    let written = Written {
        spec,
        at: &|i| at(spec_at + i),
        named: format!("`docker run -p {spec}`"),
        part: name,
        purpose: None,
    };
    snippets::publish(written, found);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Snippets {
        snippets::read_by(read, text)
    }

    fn ports(text: &str) -> Vec<String> {
        snippets::described(&read_text(text).ports, text)
    }

    #[test]
    fn every_publish_form_of_a_run_command_is_read_at_its_host_port() {
        let text = "docker run -d --name gitea \\\n  -p 3000:3000 -p 222:22 \\\n  --publish=5140:5140/udp -p \"127.0.0.1:5432:5432\" \\\n  -v /data:/data gitea/gitea:1 --port 9999\n";
        assert_eq!(ports(text), ["3000/tcp@30", "222/tcp@22", "5140/udp@51", "5432/tcp local@54"]);
        let found = read_text(text);
        assert_eq!(found.ports[0].part.as_deref(), Some("gitea"));
        assert!(found.notes.is_empty());
    }

    #[test]
    fn podman_sudo_prompts_and_powershell_continuations_are_run_commands() {
        assert_eq!(ports("$ sudo podman run -p 9000:9000 minio/minio"), ["9000/tcp@90"]);
        assert_eq!(ports("docker service create --publish 8080:80 nginx"), ["8080/tcp@80"]);
        assert_eq!(
            ports("docker run `\n  -p 8123:8123 `\n  ghcr.io/home-assistant/home-assistant"),
            ["8123/tcp@81"]
        );
        // Not a run command: `docker ps`, compose, curl.
        assert!(ports("docker ps -p 80:80\ncurl -p 80:80 http://x\n").is_empty());
    }

    #[test]
    fn random_host_ports_and_host_networking_are_said_not_guessed() {
        let found = read_text("docker run -p 8080 -P --network host --rm img\n");
        assert!(found.ports.is_empty());
        let codes: Vec<&str> = found.notes.iter().map(|n| n.code).collect();
        assert_eq!(
            codes,
            ["snippet-random-host-port", "snippet-random-host-port", "snippet-host-network"]
        );
        let found = read_text("docker run -p ${PORT}:80 img\n");
        assert_eq!(found.notes[0].code, "snippet-unread");
    }
}
