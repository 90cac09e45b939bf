fn parse(line: &str) -> String {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => format!("get {}", key),
        ["SET", key, value] => format!("set {} to {}", key, value),
        [] => "nothing".to_string(),
        [""] => "empty".to_string(),
        [other, ..] => format!("unknown {}", other),
    }
}

fn main() {
    for line in ["SET greeting hello world", "GET", "", "GET color now"] {
        println!("{}", parse(line));
    }
}
