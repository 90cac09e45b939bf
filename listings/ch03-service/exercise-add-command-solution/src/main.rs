use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: exercise
/// `DEL <key>` removes the key and answers `DELETED`, or `NONE` if there
/// was no such key.
enum Command<'a> {
    Get(&'a str),
    Set(&'a str, &'a str),
    Del(&'a str),
}

fn parse(line: &str) -> Result<Command<'_>, String> {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["DEL", key] => Ok(Command::Del(key)),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        ["DEL", ..] => Err("ERR usage: DEL <key>".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
        [] => Err("ERR empty line".to_string()),
    }
}

fn execute(db: &Db, line: &str) -> String {
    match parse(line) {
        Ok(Command::Get(key)) => match db.lock().unwrap().get(key) {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        },
        Ok(Command::Set(key, value)) => {
            db.lock()
                .unwrap()
                .insert(key.to_string(), value.to_string());
            "OK".to_string()
        }
        Ok(Command::Del(key)) => match db.lock().unwrap().remove(key) {
            Some(_) => "DELETED".to_string(),
            None => "NONE".to_string(),
        },
        Err(reply) => reply,
    }
}
// ANCHOR_END: exercise

fn main() {
    let db = Db::default();
    for line in [
        "SET color blue",
        "DEL color",
        "GET color",
        "DEL color",
        "DEL",
    ] {
        println!("> {line}");
        println!("< {}", execute(&db, line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn del_removes_a_key_and_says_it_did() {
        let db = Db::default();
        assert_eq!(execute(&db, "SET color blue"), "OK");
        assert_eq!(
            execute(&db, "DEL color"),
            "DELETED",
            "DEL must remove the key"
        );
        assert_eq!(execute(&db, "GET color"), "NONE");
    }

    #[test]
    fn del_of_a_missing_key_answers_none() {
        let db = Db::default();
        assert_eq!(execute(&db, "DEL color"), "NONE", "DEL of a missing key");
    }

    #[test]
    fn del_without_a_key_is_an_error() {
        let db = Db::default();
        assert_eq!(
            execute(&db, "DEL"),
            "ERR usage: DEL <key>",
            "DEL needs a key"
        );
    }

    #[test]
    fn get_and_set_still_work() {
        let db = Db::default();
        assert_eq!(execute(&db, "SET color blue"), "OK");
        assert_eq!(execute(&db, "GET color"), "VALUE blue");
    }
}
