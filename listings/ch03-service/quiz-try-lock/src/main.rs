use std::collections::HashMap;
use std::sync::{Arc, Mutex};

fn main() {
    let db = Arc::new(Mutex::new(HashMap::new()));
    db.lock().unwrap().insert("color", "blue");
    let other = Arc::clone(&db);
    println!("{}", other.try_lock().is_ok());

    let guard = db.lock().unwrap();
    println!("{}", other.try_lock().is_ok());
    drop(guard);
    println!("{}", other.lock().unwrap().len());
}
